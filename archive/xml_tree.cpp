#include "xml_tree.hpp"

#include "sohoa/core/error.hpp"

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include <mutex>

namespace sohoa::archive {
namespace {

const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

// XML 1.0 cannot carry C0 controls other than tab, LF and CR, even escaped.
std::string xml_text(const std::string& text) {
  std::string out = text;
  std::erase_if(out, [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && u != '\t' && u != '\n' && u != '\r';
  });
  return out;
}

[[noreturn]] void fail(const std::string& what) {
  throw Error(Stage::output, "xml_write_failed", what);
}

} // namespace

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

XmlTree new_tree(const char* name, const char* ns_uri, const char* prefix) {
  init_libxml2();
  XmlTree tree;
  tree.doc.reset(xmlNewDoc(x("1.0")));
  if (!tree.doc) {
    fail("libxml2 could not create a document");
  }
  tree.root = xmlNewDocNode(tree.doc.get(), nullptr, x(name), nullptr);
  if (tree.root == nullptr) {
    fail("libxml2 could not create an element");
  }
  xmlDocSetRootElement(tree.doc.get(), tree.root);
  tree.ns = xmlNewNs(tree.root, x(ns_uri), x(prefix));
  xmlSetNs(tree.root, tree.ns);
  return tree;
}

xmlNs* declare_ns(XmlTree& tree, const char* ns_uri, const char* prefix) {
  xmlNs* ns = xmlNewNs(tree.root, x(ns_uri), x(prefix));
  if (ns == nullptr) {
    fail(std::string("cannot declare namespace ") + ns_uri);
  }
  return ns;
}

xmlNode* add_child(xmlNode* parent, const char* name, const std::string& text, xmlNs* ns) {
  xmlNode* node = xmlNewChild(parent, ns != nullptr ? ns : parent->ns, x(name), nullptr);
  if (node == nullptr) {
    fail(std::string("cannot add element ") + name);
  }
  if (!text.empty()) {
    // xmlNodeAddContent escapes; xmlNewChild's content argument would not.
    xmlNodeAddContent(node, x(xml_text(text).c_str()));
  }
  return node;
}

void set_attr(xmlNode* node, const char* name, const std::string& value, xmlNs* ns) {
  const std::string safe = xml_text(value);
  const xmlAttr* a = ns != nullptr ? xmlSetNsProp(node, ns, x(name), x(safe.c_str()))
                                   : xmlSetProp(node, x(name), x(safe.c_str()));
  if (a == nullptr) {
    fail(std::string("cannot set attribute ") + name);
  }
}

std::string serialize(const XmlTree& tree) {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(tree.doc.get(), &buffer, &size, "UTF-8", 1);
  libxml::String holder(buffer);
  if (buffer == nullptr || size <= 0) {
    fail("libxml2 could not serialize the document");
  }
  return {reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size)};
}

XmlDocPtr parse_file(const std::filesystem::path& file) {
  init_libxml2();
  XmlDocPtr doc(xmlReadFile(file.c_str(), nullptr,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    throw Error(Stage::output, "bad_xml", "not well-formed XML", file.string());
  }
  return doc;
}

std::string attr_of(const xmlNode* node, const char* name, const char* ns_uri) {
  libxml::String value(ns_uri != nullptr ? xmlGetNsProp(node, x(name), x(ns_uri))
                                         : xmlGetNoNsProp(node, x(name)));
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

bool is_element(const xmlNode* node, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, x(name)) == 0;
}

} // namespace sohoa::archive
