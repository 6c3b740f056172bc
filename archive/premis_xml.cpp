#include "metadata_xml.hpp"
#include "xml_tree.hpp"

namespace sohoa::archive {
namespace {

constexpr const char* k_local = "local";

struct Agent {
  std::string id;
  std::string name;
  std::string type;    // software, organization, person
  std::string version; // software only
  std::string note;
};

void identifier(xmlNode* parent, const char* element, const char* prefix,
                const std::string& value) {
  xmlNode* n = add_child(parent, element);
  add_child(n, (std::string(prefix) + "Type").c_str(), k_local);
  add_child(n, (std::string(prefix) + "Value").c_str(), value);
}

void add_object(XmlTree& tree, xmlNs* xsi, const ArchivedDossier& d, const ArchivedDocument& doc) {
  xmlNode* o = add_child(tree.root, "object");
  set_attr(o, "type", "premis:file", xsi);
  identifier(o, "objectIdentifier", "objectIdentifier", doc.doc_id);
  xmlNode* ch = add_child(o, "objectCharacteristics");
  add_child(ch, "compositionLevel", "0");
  xmlNode* fixity = add_child(ch, "fixity");
  add_child(fixity, "messageDigestAlgorithm", "SHA-256");
  add_child(fixity, "messageDigest", doc.pdf_sha256);
  add_child(fixity, "messageDigestOriginator", "sohoa");
  std::error_code ec;
  const auto size = std::filesystem::file_size(doc.pdf, ec);
  if (!ec) {
    add_child(ch, "size", std::to_string(size));
  }
  xmlNode* designation = add_child(add_child(ch, "format"), "formatDesignation");
  add_child(designation, "formatName", "PDF/A");
  add_child(designation, "formatVersion", d.pdfa.empty() ? "2b" : d.pdfa);
  xmlNode* app = add_child(ch, "creatingApplication");
  add_child(app, "creatingApplicationName", "sohoa");
  if (!d.software_version.empty()) {
    add_child(app, "creatingApplicationVersion", d.software_version);
  }
  add_child(o, "originalName", doc.document_id + ".pdf");
}

void add_event(XmlTree& tree, const std::string& id, const char* type, const std::string& when,
               const std::string& detail,
               const std::vector<std::pair<std::string, const char*>>& agents,
               const std::string& object) {
  xmlNode* e = add_child(tree.root, "event");
  identifier(e, "eventIdentifier", "eventIdentifier", id);
  add_child(e, "eventType", type);
  add_child(e, "eventDateTime", when);
  add_child(add_child(e, "eventDetailInformation"), "eventDetail", detail);
  add_child(add_child(e, "eventOutcomeInformation"), "eventOutcome", "success");
  for (const auto& [agent, role] : agents) {
    xmlNode* a = add_child(e, "linkingAgentIdentifier");
    add_child(a, "linkingAgentIdentifierType", k_local);
    add_child(a, "linkingAgentIdentifierValue", agent);
    add_child(a, "linkingAgentRole", role);
  }
  xmlNode* o = add_child(e, "linkingObjectIdentifier");
  add_child(o, "linkingObjectIdentifierType", k_local);
  add_child(o, "linkingObjectIdentifierValue", object);
}

void add_agent(XmlTree& tree, const Agent& agent) {
  xmlNode* a = add_child(tree.root, "agent");
  identifier(a, "agentIdentifier", "agentIdentifier", agent.id);
  add_child(a, "agentName", agent.name);
  add_child(a, "agentType", agent.type);
  if (!agent.version.empty()) {
    add_child(a, "agentVersion", agent.version);
  }
  if (!agent.note.empty()) {
    add_child(a, "agentNote", agent.note);
  }
}

std::string engine(const ArchivedDossier& d, const char* name) {
  const auto it = d.engines.find(name);
  return it == d.engines.end() ? std::string() : it->second;
}

} // namespace

std::string premis_xml(const ArchivedDossier& d, const std::string& created_at) {
  XmlTree tree = new_tree("premis", k_premis_ns, "premis");
  xmlNs* xsi = declare_ns(tree, k_xsi_ns, "xsi");
  set_attr(tree.root, "version", "3.0");
  set_attr(tree.root, "schemaLocation",
           std::string(k_premis_ns) + " http://www.loc.gov/standards/premis/v3/premis-v3-0.xsd",
           xsi);
  for (const ArchivedDocument& doc : d.documents) {
    add_object(tree, xsi, d, doc);
  }

  const Agent sohoa{"agent-sohoa", "sohoa", "software", d.software_version,
                    "PDF/A writer: PoDoFo " + engine(d, "podofo") + ", OpenCV " +
                        engine(d, "opencv")};
  const Agent tesseract{"agent-tesseract", "Tesseract", "software", engine(d, "tesseract"),
                        "Leptonica " + engine(d, "leptonica") + "; language data " +
                            d.language_data};
  const Agent openssl{"agent-openssl", "OpenSSL", "software", engine(d, "openssl"), {}};
  std::vector<Agent> agents{sohoa, tesseract};
  std::vector<std::pair<std::string, const char*>> digitizers{{sohoa.id, "executing program"}};
  if (!d.agency_name.empty() || !d.agency_code.empty()) {
    agents.push_back({"agent-agency",
                      d.agency_name.empty() ? d.agency_code : d.agency_name,
                      "organization",
                      {},
                      d.agency_code.empty() ? "" : "code " + d.agency_code});
    digitizers.emplace_back("agent-agency", "implementer");
  }
  if (!d.officer.empty()) {
    agents.push_back({"agent-officer", d.officer, "person", {}, "digitizing officer"});
    digitizers.emplace_back("agent-officer", "authorizer");
  }
  bool signed_any = false;
  for (const ArchivedDocument& doc : d.documents) {
    const std::string when = d.started_at.empty() ? created_at : d.started_at;
    add_event(tree, "event-digitization-" + std::to_string(doc.order), "digitization", when,
              "scanned paper copy cleaned and written as PDF/A; " + std::to_string(doc.pages) +
                  " page(s); confidence level " + d.confidence_level + " (số hóa)",
              digitizers, doc.doc_id);
    add_event(tree, "event-ocr-" + std::to_string(doc.order), "optical character recognition",
              d.finished_at.empty() ? when : d.finished_at,
              "invisible text layer and ALTO words; document type " + doc.doc_type,
              {{tesseract.id, "executing program"}, {sohoa.id, "executing program"}}, doc.doc_id);
    if (!doc.signature_level.empty()) {
      signed_any = true;
      std::vector<std::pair<std::string, const char*>> signers{{sohoa.id, "executing program"},
                                                               {openssl.id, "executing program"}};
      if (!d.signer_subject.empty()) {
        signers.emplace_back("agent-signer", "signer");
      }
      add_event(tree, "event-signing-" + std::to_string(doc.order), "digital signature generation",
                doc.signing_time.empty() ? when : doc.signing_time,
                "PAdES signature, level " + doc.signature_level, signers, doc.doc_id);
    }
  }
  if (signed_any) {
    agents.push_back(openssl);
    if (!d.signer_subject.empty()) {
      agents.push_back(
          {"agent-signer", d.signer_subject, "organization", {}, "certificate subject"});
    }
  }
  for (const Agent& a : agents) {
    add_agent(tree, a);
  }
  return serialize(tree);
}

} // namespace sohoa::archive
