#include "sohoa/archive/package.hpp"
#include "xml_tree.hpp"

#include "sohoa/core/build_info.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <cstdlib>
#include <memory>

namespace sohoa::archive {
namespace {

struct SchemaParserFree {
  void operator()(xmlSchemaParserCtxt* c) const { xmlSchemaFreeParserCtxt(c); }
};
struct SchemaFree {
  void operator()(xmlSchema* s) const { xmlSchemaFree(s); }
};
struct SchemaValidFree {
  void operator()(xmlSchemaValidCtxt* c) const { xmlSchemaFreeValidCtxt(c); }
};

// libxml2 2.9 passes a non-const xmlError*.
void collect_errors(void* user, xmlError* error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) {
    return;
  }
  auto* out = static_cast<std::vector<std::string>*>(user);
  std::string message = error->message != nullptr ? error->message : "schema error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  out->push_back((error->line > 0 ? "line " + std::to_string(error->line) + ": " : "") + message);
}

} // namespace

std::filesystem::path resolve_xsd_dir(const std::filesystem::path& explicit_dir) {
  if (!explicit_dir.empty()) {
    return explicit_dir;
  }
  if (const char* env = std::getenv("SOHOA_XSD_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  const std::filesystem::path built_from = std::filesystem::path(source_dir()) / "archive" / "xsd";
  std::error_code ec;
  if (std::filesystem::is_directory(built_from, ec)) {
    return built_from;
  }
  return "/usr/share/sohoa/xsd";
}

std::vector<std::string> validate_against_xsd(const std::filesystem::path& xml,
                                              const std::filesystem::path& xsd) {
  init_libxml2();
  std::vector<std::string> errors;
  std::unique_ptr<xmlSchemaParserCtxt, SchemaParserFree> parser(
      xmlSchemaNewParserCtxt(xsd.c_str()));
  if (!parser) {
    return {"cannot open the schema " + xsd.string()};
  }
  xmlSchemaSetParserStructuredErrors(parser.get(), collect_errors, &errors);
  std::unique_ptr<xmlSchema, SchemaFree> schema(xmlSchemaParse(parser.get()));
  if (!schema) {
    errors.insert(errors.begin(), "cannot parse the schema " + xsd.string());
    return errors;
  }
  XmlDocPtr doc(
      xmlReadFile(xml.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    return {"not well-formed XML"};
  }
  std::unique_ptr<xmlSchemaValidCtxt, SchemaValidFree> valid(xmlSchemaNewValidCtxt(schema.get()));
  if (!valid) {
    return {"libxml2 could not create a validation context"};
  }
  xmlSchemaSetValidStructuredErrors(valid.get(), collect_errors, &errors);
  const int rc = xmlSchemaValidateDoc(valid.get(), doc.get());
  if (rc != 0 && errors.empty()) {
    errors.push_back("invalid against " + xsd.filename().string());
  }
  return errors;
}

} // namespace sohoa::archive
