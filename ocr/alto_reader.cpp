#include "sohoa/core/error.hpp"
#include "sohoa/core/libxml_handles.hpp"
#include "sohoa/ocr/alto.hpp"
#include "alto_format.hpp"
#include "unicode.hpp"
#include <cmath>
#include <cstring>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits>
#include <memory>
#include <optional>

namespace sohoa::ocr {
namespace {

using XmlString = libxml::String;

[[noreturn]] void bad(const std::string& what) {
  throw Error(Stage::ocr, "bad_alto", "malformed ALTO: " + what);
}

bool is_element(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
  // Unqualified attributes only: ALTO's own have no namespace.
  const XmlString value(xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name)));
  if (!value) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(value.get()));
}

// What a second look read, from the String's ALTERNATIVE of that purpose.
std::string second_reading(const xmlNode* string_node) {
  for (const xmlNode* c = string_node->children; c != nullptr; c = c->next) {
    if (!is_element(c, "ALTERNATIVE") ||
        attribute(c, "PURPOSE") != std::optional<std::string>(alto::k_second_reading_purpose)) {
      continue;
    }
    const XmlString content(xmlNodeGetContent(c));
    return content ? std::string(reinterpret_cast<const char*>(content.get())) : std::string();
  }
  return {};
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return {};
  }
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

double parse_number(const std::string& raw, const char* name) {
  const std::string text = trimmed(raw);
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const auto res = std::from_chars(begin, end, value);
  if (text.empty() || res.ec != std::errc() || res.ptr != end || !std::isfinite(value)) {
    bad(std::string(name) + "=\"" + raw + "\" is not a number");
  }
  return value;
}

// ALTO allows float coordinates; ours are whole pixels.
int parse_coordinate(const xmlNode* node, const char* name, bool allow_negative = false) {
  const auto raw = attribute(node, name);
  if (!raw) {
    return 0;
  }
  const double value = parse_number(*raw, name);
  if (std::fabs(value) > std::numeric_limits<int>::max() / 2.0 || (!allow_negative && value < 0)) {
    bad(std::string(name) + "=\"" + *raw + "\" is out of range");
  }
  return static_cast<int>(std::lround(value));
}

Box parse_box(const xmlNode* node) {
  return {parse_coordinate(node, "HPOS", true), parse_coordinate(node, "VPOS", true),
          parse_coordinate(node, "WIDTH"), parse_coordinate(node, "HEIGHT")};
}

float parse_fraction(const xmlNode* node, const char* name) {
  const auto raw = attribute(node, name);
  if (!raw) {
    return 0;
  }
  const double value = parse_number(*raw, name);
  if (value < 0 || value > 1) {
    bad(std::string(name) + "=\"" + *raw + "\" is outside 0..1");
  }
  return static_cast<float>(value);
}

// BASELINE: a float in ALTO 4.0/4.1, a list of "x,y" points in 4.2.
int parse_baseline(const xmlNode* node, const Box& box) {
  const auto raw = attribute(node, "BASELINE");
  if (!raw || trimmed(*raw).empty()) {
    return box.bottom();
  }
  const std::string text = trimmed(*raw);
  if (text.find(',') == std::string::npos) {
    return static_cast<int>(std::lround(parse_number(text, "BASELINE")));
  }
  double sum = 0;
  int count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t space = text.find(' ', pos);
    const std::string point =
        text.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
    if (!point.empty()) {
      const auto comma = point.find(',');
      if (comma == std::string::npos) {
        bad("BASELINE=\"" + text + "\" is not a point list");
      }
      sum += parse_number(point.substr(comma + 1), "BASELINE");
      ++count;
    }
    if (space == std::string::npos) {
      break;
    }
    pos = space + 1;
  }
  if (count == 0) {
    return box.bottom();
  }
  return static_cast<int>(std::lround(sum / count));
}

// "P1_TB3_B2_PAR5" -> {2, 5}; anything else -> nullopt.
std::optional<std::pair<int, int>> parse_block_id(const std::string& id) {
  const auto par = id.rfind("_PAR");
  if (par == std::string::npos || par == 0) {
    return std::nullopt;
  }
  const auto blk = id.rfind("_B", par - 1);
  if (blk == std::string::npos) {
    return std::nullopt;
  }
  int block = 0;
  int paragraph = 0;
  const char* b0 = id.data() + blk + 2;
  const char* b1 = id.data() + par;
  const char* p0 = id.data() + par + 4;
  const char* p1 = id.data() + id.size();
  const auto rb = std::from_chars(b0, b1, block);
  const auto rp = std::from_chars(p0, p1, paragraph);
  if (rb.ec != std::errc() || rb.ptr != b1 || rp.ec != std::errc() || rp.ptr != p1 || block < 0 ||
      paragraph < 0) {
    return std::nullopt;
  }
  return std::make_pair(block, paragraph);
}

class PageReader {
public:
  explicit PageReader(PageText& page) : m_page(page) {}

  // TextBlocks may sit in PrintSpace, the margins or ComposedBlocks: walk them all
  // in document order.
  void walk(const xmlNode* node) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (is_element(child, "TextBlock")) {
        read_block(child);
      } else if (child->type == XML_ELEMENT_NODE) {
        walk(child);
      }
    }
  }

  std::size_t words() const { return m_words; }
  double confidence_sum() const { return m_confidence_sum; }

private:
  void read_block(const xmlNode* node) {
    const auto ids = parse_block_id(attribute(node, "ID").value_or(""));
    const int block = ids ? ids->first : m_last_block + 1;
    const int paragraph = ids ? ids->second : m_last_paragraph + 1;
    m_last_block = std::max(m_last_block, block);
    m_last_paragraph = std::max(m_last_paragraph, paragraph);
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (is_element(child, "TextLine")) {
        read_line(child, block, paragraph);
      }
    }
  }

  void read_line(const xmlNode* node, int block, int paragraph) {
    OcrLine line;
    line.box = parse_box(node);
    line.baseline = parse_baseline(node, line.box);
    line.block = block;
    line.paragraph = paragraph;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (!is_element(child, "String")) {
        continue; // SP and HYP carry no word
      }
      const auto content = attribute(child, "CONTENT");
      if (!content) {
        bad("String without CONTENT");
      }
      OcrWord word;
      word.text = to_nfc(*content);
      word.box = parse_box(child);
      word.confidence = parse_fraction(child, "WC");
      word.other_reading = to_nfc(second_reading(child));
      m_confidence_sum += word.confidence;
      ++m_words;
      line.words.push_back(std::move(word));
    }
    if (!line.words.empty()) {
      m_page.lines.push_back(std::move(line));
    }
  }

  PageText& m_page;
  int m_last_block = -1;
  int m_last_paragraph = -1;
  std::size_t m_words = 0;
  double m_confidence_sum = 0;
};

PageText read_page(const xmlNode* node) {
  PageText page;
  page.width = parse_coordinate(node, "WIDTH");
  page.height = parse_coordinate(node, "HEIGHT");
  PageReader reader(page);
  reader.walk(node);
  if (attribute(node, "PC")) {
    page.confidence = parse_fraction(node, "PC");
  } else if (reader.words() > 0) {
    page.confidence = static_cast<float>(reader.confidence_sum() / double(reader.words()));
  }
  return page;
}

} // namespace

std::vector<PageText> from_alto(const std::string& xml) {
  alto::init_libxml2_once();
  if (xml.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    bad("document too large");
  }
  libxml::ParserContextPtr ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    throw Error(Stage::ocr, "bad_alto", "cannot create the XML parser");
  }
  // No network, no entity expansion, no messages on stderr: the error comes back
  // through the context instead.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  libxml::DocPtr doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()),
                                       "alto.xml", nullptr, options));
  if (!doc) {
    const xmlError* err = xmlCtxtGetLastError(ctxt.get());
    std::string what = err != nullptr && err->message != nullptr ? err->message : "not XML";
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) {
      what.pop_back();
    }
    if (err != nullptr && err->line > 0) {
      what += " (line " + std::to_string(err->line) + ")";
    }
    bad(what);
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    bad("DOCTYPE declarations are not allowed"); // ALTO has none; refuse entity tricks
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !is_element(root, "alto")) {
    bad("root element is not <alto>");
  }
  const xmlNode* layout = nullptr;
  for (const xmlNode* child = root->children; child != nullptr; child = child->next) {
    if (is_element(child, "Layout")) {
      layout = child;
    }
  }
  if (layout == nullptr) {
    bad("no <Layout>");
  }
  std::vector<PageText> pages;
  for (const xmlNode* child = layout->children; child != nullptr; child = child->next) {
    if (is_element(child, "Page")) {
      pages.push_back(read_page(child));
    }
  }
  return pages;
}

} // namespace sohoa::ocr
