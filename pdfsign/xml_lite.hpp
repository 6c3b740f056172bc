#pragma once
// A minimal XML reader for XMP packets (elements, attributes, text; no DTDs).
// Enough to check our own and scanners' metadata; not a general parser.
// Internal to pdfsign/.
#include <string>
#include <utility>
#include <vector>

namespace sohoa::pdf {

struct XmlNode {
  std::string name;                                       // qualified, "dc:title"
  std::vector<std::pair<std::string, std::string>> attrs; // unescaped values
  std::vector<XmlNode> children;
  std::string text; // direct text, unescaped

  const std::string* attr(const std::string& n) const;
  const XmlNode* child(const std::string& n) const;
  // Depth-first search for the first element with this name.
  const XmlNode* find(const std::string& n) const;
  // Text of the element or, for rdf:Alt/Seq/Bag values, of its first rdf:li.
  std::string value() const;
};

// Parses text into a synthetic root whose children are the top elements.
// Returns false (with a reason) when the text is not well-formed.
bool parse_xml(const std::string& text, XmlNode& root, std::string& error);

std::string xml_unescape(const std::string& text);

} // namespace sohoa::pdf
