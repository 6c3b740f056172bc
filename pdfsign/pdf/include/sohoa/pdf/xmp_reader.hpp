#pragma once
// Reading XMP packets back, by namespace URI (never by prefix: `pdfaid:part` and
// `a:part` are the same property when both prefixes name the PDF/A id schema).
// One reader for the PDF/A checks and for verify.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sohoa::pdf {

inline constexpr const char* k_xmp_ns_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr const char* k_xmp_ns_pdfaid = "http://www.aiim.org/pdfa/ns/id/";
inline constexpr const char* k_xmp_ns_dc = "http://purl.org/dc/elements/1.1/";
inline constexpr const char* k_xmp_ns_xmp = "http://ns.adobe.com/xap/1.0/";
inline constexpr const char* k_xmp_ns_pdf = "http://ns.adobe.com/pdf/1.3/";

// A top-level property of an rdf:Description, as an attribute or an element.
struct XmpProperty {
  std::string ns;      // namespace URI; empty when its prefix is not declared
  std::string name;    // local name
  std::string value;   // the text or, for rdf:Alt/Seq/Bag, the x-default (else first) rdf:li
  std::string written; // the name as written ("sohoa:officer"), for messages only
};

struct XmpPacket {
  std::vector<XmpProperty> properties; // every rdf:Description's, in document order
  // The PDF/A extension schemas: namespace URI -> the property names declared for it.
  std::map<std::string, std::set<std::string>> declared;

  // The value of the last property with this namespace and local name (a later
  // rdf:Description overrides an earlier one).
  const std::string* find(const std::string& ns, const std::string& name) const;
};

// Parses an XMP packet with libxml2 (no network, no external entities). Returns
// nullopt and sets error ("XMP is not well-formed XML: ...", "XMP has no rdf:RDF")
// when it cannot be read.
std::optional<XmpPacket> parse_xmp(const std::string& xml, std::string& error);

// The PDF/A identification schema's values, empty when absent.
struct PdfAIdentification {
  std::string part;        // "2"
  std::string conformance; // "B"
};
PdfAIdentification pdfa_identification(const XmpPacket& packet);

// The XMP packets in a file's raw bytes (<?xpacket begin ... <?xpacket end ...?>),
// in file order: an incremental update that rewrites the metadata puts the newest
// last. Uncompressed metadata streams only, as PDF/A requires.
std::vector<std::string> find_xmp_packets(const std::string& bytes);

} // namespace sohoa::pdf
