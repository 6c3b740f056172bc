#pragma once
// A thin layer over libxml2's xmlTextWriter for the OCR files (ALTO, hOCR): every
// call checked, text and attributes escaped by libxml2. Internal to ocr/.
#include "sohoa/core/error.hpp"
#include "unicode.hpp"

#include <libxml/xmlwriter.h>

#include <memory>
#include <string>
#include <string_view>

namespace sohoa::ocr {

struct XmlBufferFree {
  void operator()(xmlBuffer* buffer) const { xmlBufferFree(buffer); }
};
struct XmlWriterFree {
  void operator()(xmlTextWriter* writer) const { xmlFreeTextWriter(writer); }
};

inline const xmlChar* xml_chars(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

// XML 1.0 cannot carry C0 controls other than tab, LF and CR, even escaped; OCR
// text has no use for them. Ill-formed UTF-8 becomes U+FFFD through to_nfc.
inline std::string xml_safe(std::string_view text) {
  std::string out = to_nfc(text);
  std::erase_if(out, [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && u != '\t' && u != '\n' && u != '\r';
  });
  return out;
}

// Errors throw Error(Stage::ocr, error_code, what + ": ...").
class XmlTextWriter {
public:
  XmlTextWriter(ErrorCode error_code, std::string what)
      : m_code(error_code), m_what(std::move(what)), m_buffer(xmlBufferCreate()) {
    if (m_buffer) {
      m_writer.reset(xmlNewTextWriterMemory(m_buffer.get(), 0));
    }
    if (!m_writer) {
      fail("cannot create the XML writer");
    }
    xmlTextWriterSetIndent(m_writer.get(), 1);
    xmlTextWriterSetIndentString(m_writer.get(), xml_chars("  "));
  }

  void start_document() {
    check(xmlTextWriterStartDocument(m_writer.get(), "1.0", "UTF-8", nullptr));
  }
  void start(const char* name) {
    check(xmlTextWriterStartElement(m_writer.get(), xml_chars(name)));
  }
  void end() { check(xmlTextWriterEndElement(m_writer.get())); }
  void attr(const char* name, const std::string& value) {
    check(xmlTextWriterWriteAttribute(m_writer.get(), xml_chars(name),
                                      xml_chars(xml_safe(value).c_str())));
  }
  void attr(const char* name, int value) { attr(name, std::to_string(value)); }
  void doctype(const char* name, const char* public_id, const char* system_id) {
    check(xmlTextWriterWriteDTD(m_writer.get(), xml_chars(name), xml_chars(public_id),
                                xml_chars(system_id), nullptr));
  }
  void text(const std::string& content) {
    check(xmlTextWriterWriteString(m_writer.get(), xml_chars(xml_safe(content).c_str())));
  }
  void element(const char* name, const std::string& text) {
    check(xmlTextWriterWriteElement(m_writer.get(), xml_chars(name),
                                    xml_chars(xml_safe(text).c_str())));
  }

  std::string finish() {
    check(xmlTextWriterEndDocument(m_writer.get()));
    m_writer.reset(); // flushes into the buffer
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(m_buffer.get())),
                       static_cast<std::size_t>(xmlBufferLength(m_buffer.get())));
  }

private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(Stage::ocr, m_code, m_what + ": " + what);
  }
  void check(int rc) const {
    if (rc < 0) {
      fail("libxml2 writer error");
    }
  }

  ErrorCode m_code;
  std::string m_what;
  std::unique_ptr<xmlBuffer, XmlBufferFree> m_buffer;
  std::unique_ptr<xmlTextWriter, XmlWriterFree> m_writer;
};

} // namespace sohoa::ocr
