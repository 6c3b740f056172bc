#include "metadata_xml.hpp"
#include "xml_tree.hpp"

namespace sohoa::archive {
namespace {

// The field of a record, or empty.
std::string field(const ArchivedDocument& doc, const char* id) {
  const auto it = doc.fields.find(id);
  return it == doc.fields.end() ? std::string() : it->second;
}

void add_if(xmlNode* parent, const char* name, const std::string& value) {
  if (!value.empty()) {
    add_child(parent, name, value);
  }
}

// "123/QĐ-UBND": số (codeNumber) 123, ký hiệu (codeNotation) QĐ-UBND.
std::pair<std::string, std::string> split_number(const std::string& number) {
  const auto slash = number.find('/');
  if (slash == std::string::npos) {
    return {number, {}};
  }
  return {number.substr(0, slash), number.substr(slash + 1)};
}

std::string date_part(const std::string& iso) {
  return iso.size() >= 10 ? iso.substr(0, 10) : iso;
}

} // namespace

std::string descriptive_xml(const ArchivedDossier& d) {
  XmlTree tree = new_tree("archivalDescription", k_archival_ns, nullptr);
  xmlNode* file = add_child(tree.root, "file");
  add_child(file, "fileCode", d.file_code);
  add_child(file, "title", "Hồ sơ " + d.file_code);
  add_if(file, "procedureCode", d.procedure_code);
  add_if(file, "organCode", d.agency_code);
  add_if(file, "organName", d.agency_name);
  add_child(file, "language", d.language);
  add_if(file, "startDate", date_part(d.started_at));
  add_if(file, "endDate", date_part(d.finished_at));
  add_child(file, "totalDoc", std::to_string(d.documents.size()));
  add_child(file, "pageTotal", std::to_string(d.page_amount));
  add_child(file, "format", "PDF/A-" + (d.pdfa.empty() ? std::string("2b") : d.pdfa));
  add_child(file, "confidenceLevel", d.confidence_level);
  // Required when the records are digitized (level 02): the paper file they copy.
  add_child(file, "paperFileCode", d.paper_file_code.empty() ? d.file_code : d.paper_file_code);
  add_if(file, "digitizedBy", d.officer);
  for (const ArchivedDocument& doc : d.documents) {
    xmlNode* n = add_child(tree.root, "document");
    add_child(n, "docId", doc.doc_id);
    add_child(n, "docCode", doc.doc_code);
    add_child(n, "fileCode", d.file_code);
    add_child(n, "docOrdinal", std::to_string(doc.order));
    add_child(n, "typeName", doc.doc_type.empty() ? "unknown" : doc.doc_type);
    add_if(n, "typeTitle", field(doc, "document_kind"));
    const auto [number, notation] = split_number(field(doc, "document_number"));
    add_if(n, "codeNumber", number);
    add_if(n, "codeNotation", notation);
    add_if(n, "issuedDate", field(doc, "issued_date"));
    add_if(n, "organName", field(doc, "issuing_agency"));
    add_if(n, "subject", field(doc, "summary"));
    add_child(n, "language", d.language);
    add_child(n, "pageAmount", std::to_string(doc.pages));
    add_child(n, "confidenceLevel", d.confidence_level);
    add_child(n, "format", "PDF/A-" + (d.pdfa.empty() ? std::string("2b") : d.pdfa));
    add_child(n, "fileName", doc.doc_id + ".pdf");
    add_child(n, "sourceDocumentId", doc.document_id);
    add_if(n, "digitalSignature", doc.signature_level);
    add_child(n, "reviewStatus", doc.status);
  }
  return serialize(tree);
}

} // namespace sohoa::archive
