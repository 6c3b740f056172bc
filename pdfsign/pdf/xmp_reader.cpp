#include "sohoa/pdf/xmp_reader.hpp"

#include "sohoa/core/libxml_handles.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>

namespace sohoa::pdf {
namespace {

constexpr const char* k_ns_xml = "http://www.w3.org/XML/1998/namespace";
constexpr const char* k_ns_extension = "http://www.aiim.org/pdfa/ns/extension/";
constexpr const char* k_ns_schema = "http://www.aiim.org/pdfa/ns/schema#";
constexpr const char* k_ns_property = "http://www.aiim.org/pdfa/ns/property#";

std::string text(const xmlChar* value) {
  return value == nullptr ? std::string() : reinterpret_cast<const char*>(value);
}

bool same(const xmlChar* a, const char* b) {
  return a != nullptr && std::strcmp(reinterpret_cast<const char*>(a), b) == 0;
}

std::string ns_of(const xmlNs* ns) {
  return ns == nullptr ? std::string() : text(ns->href);
}

std::string written_name(const xmlNs* ns, const xmlChar* name) {
  return ns == nullptr || ns->prefix == nullptr ? text(name) : text(ns->prefix) + ":" + text(name);
}

bool is(const xmlNode* node, const char* ns, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         same(node->ns->href, ns) && same(node->name, name);
}

const xmlNode* child(const xmlNode* node, const char* ns, const char* name) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (is(c, ns, name)) {
      return c;
    }
  }
  return nullptr;
}

// Depth-first, below node.
const xmlNode* find(const xmlNode* node, const char* ns, const char* name) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (is(c, ns, name)) {
      return c;
    }
    if (const xmlNode* found = find(c, ns, name)) {
      return found;
    }
  }
  return nullptr;
}

// The element's own text (text and CDATA children, not its descendants').
std::string direct_text(const xmlNode* node) {
  std::string out;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += text(c->content);
    }
  }
  return out;
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  const auto last = s.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

std::string property_value(const xmlNode* node) {
  for (const char* container : {"Alt", "Seq", "Bag"}) {
    if (const xmlNode* c = child(node, k_xmp_ns_rdf, container)) {
      const xmlNode* first = nullptr;
      for (const xmlNode* li = c->children; li != nullptr; li = li->next) {
        if (!is(li, k_xmp_ns_rdf, "li")) {
          continue;
        }
        first = first != nullptr ? first : li;
        const libxml::String lang(xmlGetNsProp(li, reinterpret_cast<const xmlChar*>("lang"),
                                               reinterpret_cast<const xmlChar*>(k_ns_xml)));
        if (same(lang.get(), "x-default")) {
          return direct_text(li);
        }
      }
      return first == nullptr ? std::string() : direct_text(first);
    }
  }
  return trimmed(direct_text(node));
}

void collect_text(const xmlNode* node, const char* ns, const char* name,
                  std::set<std::string>& out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (is(c, ns, name)) {
      out.insert(property_value(c));
    }
    collect_text(c, ns, name, out);
  }
}

void read_description(const xmlNode* desc, XmpPacket& packet) {
  for (const xmlAttr* a = desc->properties; a != nullptr; a = a->next) {
    const std::string ns = ns_of(a->ns);
    if (ns == k_xmp_ns_rdf || ns == k_ns_xml) {
      continue;
    }
    const libxml::String value(xmlNodeListGetString(desc->doc, a->children, 1));
    packet.properties.push_back(
        {ns, text(a->name), text(value.get()), written_name(a->ns, a->name)});
  }
  for (const xmlNode* prop = desc->children; prop != nullptr; prop = prop->next) {
    if (prop->type != XML_ELEMENT_NODE) {
      continue;
    }
    packet.properties.push_back({ns_of(prop->ns), text(prop->name), property_value(prop),
                                 written_name(prop->ns, prop->name)});
  }
  const xmlNode* schemas = child(desc, k_ns_extension, "schemas");
  const xmlNode* bag = schemas == nullptr ? nullptr : child(schemas, k_xmp_ns_rdf, "Bag");
  for (const xmlNode* li = bag == nullptr ? nullptr : bag->children; li != nullptr; li = li->next) {
    if (li->type != XML_ELEMENT_NODE) {
      continue;
    }
    const xmlNode* uri = find(li, k_ns_schema, "namespaceURI");
    if (uri == nullptr) {
      continue;
    }
    std::set<std::string> names;
    collect_text(li, k_ns_property, "name", names);
    packet.declared[property_value(uri)].insert(names.begin(), names.end());
  }
}

} // namespace

const std::string* XmpPacket::find(const std::string& ns, const std::string& name) const {
  for (auto it = properties.rbegin(); it != properties.rend(); ++it) {
    if (it->ns == ns && it->name == name) {
      return &it->value;
    }
  }
  return nullptr;
}

std::optional<XmpPacket> parse_xmp(const std::string& xml, std::string& error) {
  const libxml::ParserContextPtr ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    error = "XMP cannot be read: out of memory";
    return std::nullopt;
  }
  // No network, no entity expansion from outside, no messages on stderr.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  const libxml::DocPtr doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()),
                                             nullptr, "UTF-8", options));
  if (!doc || ctxt->wellFormed == 0) {
    const xmlError* err = xmlCtxtGetLastError(ctxt.get());
    std::string reason = err != nullptr && err->message != nullptr ? err->message : "unknown";
    reason = trimmed(reason);
    if (err != nullptr) {
      reason += " (line " + std::to_string(err->line) + ")";
    }
    error = "XMP is not well-formed XML: " + reason;
    return std::nullopt;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const xmlNode* rdf = is(root, k_xmp_ns_rdf, "RDF") ? root : nullptr;
  if (rdf == nullptr && root != nullptr) {
    rdf = find(root, k_xmp_ns_rdf, "RDF");
  }
  if (rdf == nullptr) {
    error = "XMP has no rdf:RDF element";
    return std::nullopt;
  }
  XmpPacket packet;
  for (const xmlNode* desc = rdf->children; desc != nullptr; desc = desc->next) {
    if (is(desc, k_xmp_ns_rdf, "Description")) {
      read_description(desc, packet);
    }
  }
  return packet;
}

PdfAIdentification pdfa_identification(const XmpPacket& packet) {
  PdfAIdentification out;
  if (const std::string* part = packet.find(k_xmp_ns_pdfaid, "part")) {
    out.part = *part;
  }
  if (const std::string* conformance = packet.find(k_xmp_ns_pdfaid, "conformance")) {
    out.conformance = *conformance;
  }
  return out;
}

std::vector<std::string> find_xmp_packets(const std::string& bytes) {
  std::vector<std::string> out;
  static constexpr const char k_begin[] = "<?xpacket begin";
  static constexpr const char k_end[] = "<?xpacket end";
  for (size_t at = bytes.find(k_begin); at != std::string::npos; at = bytes.find(k_begin, at + 1)) {
    const size_t end = bytes.find(k_end, at);
    if (end == std::string::npos) {
      break;
    }
    const size_t close = bytes.find("?>", end);
    if (close == std::string::npos) {
      break;
    }
    out.push_back(bytes.substr(at, close + 2 - at));
    at = close;
  }
  return out;
}

} // namespace sohoa::pdf
