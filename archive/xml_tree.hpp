#pragma once
// A small RAII layer over libxml2's tree API: the METS, PREMIS and descriptive
// metadata files are built as trees, written with libxml2, and read back for
// checks. Internal to archive/.
#include "sohoa/core/libxml_handles.hpp"

#include <libxml/tree.h>

#include <filesystem>
#include <memory>
#include <string>

namespace sohoa::archive {

using XmlDocPtr = libxml::DocPtr;

// libxml2's global state, set up once before threads use it.
void init_libxml2();

// A new document whose root element <prefix:name> is in namespace ns_uri.
struct XmlTree {
  XmlDocPtr doc;
  xmlNode* root = nullptr;
  xmlNs* ns = nullptr;
};
XmlTree new_tree(const char* name, const char* ns_uri, const char* prefix);

// Another namespace declared on the root, for attributes such as xlink:href.
xmlNs* declare_ns(XmlTree& tree, const char* ns_uri, const char* prefix);

// A child element in the parent's namespace (or ns); text is escaped by libxml2.
xmlNode* add_child(xmlNode* parent, const char* name, const std::string& text = {},
                   xmlNs* ns = nullptr);
void set_attr(xmlNode* node, const char* name, const std::string& value, xmlNs* ns = nullptr);

// UTF-8, indented, with an XML declaration. Throws Error(Stage::output).
std::string serialize(const XmlTree& tree);

// Parses a file without network access. Throws Error(Stage::output, "bad_xml").
XmlDocPtr parse_file(const std::filesystem::path& file);

std::string attr_of(const xmlNode* node, const char* name, const char* ns_uri = nullptr);
// An element with this local name (namespace not compared).
bool is_element(const xmlNode* node, const char* name);

} // namespace sohoa::archive
