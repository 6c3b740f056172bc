#pragma once
// Owners of libxml2 handles for the stages that parse or write XML (ALTO in ocr/, XMP in
// pdfsign/pdf/, METS and PREMIS in archive/). Header only: each of those stages links
// libxml2 itself, so this header is not a dependency of sohoa_core.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace sohoa::libxml {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ParserContextFree {
  void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};
struct StringFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

using DocPtr = std::unique_ptr<xmlDoc, DocFree>;
using ParserContextPtr = std::unique_ptr<xmlParserCtxt, ParserContextFree>;
// A string libxml2 allocated (an attribute value, a node's content, a serialized tree).
using String = std::unique_ptr<xmlChar, StringFree>;

} // namespace sohoa::libxml
