#include "metadata_xml.hpp"
#include "xml_tree.hpp"

namespace sohoa::archive {
namespace {

struct Namespaces {
  xmlNs* xlink = nullptr;
  xmlNs* csip = nullptr;
};

// What METS says of a file wherever it lists one (file and mdRef alike).
void file_attributes(xmlNode* node, const PackagedFile& f) {
  set_attr(node, "MIMETYPE", f.mime);
  set_attr(node, "SIZE", std::to_string(f.size));
  set_attr(node, "CREATED", f.created);
  set_attr(node, "CHECKSUM", f.sha256);
  set_attr(node, "CHECKSUMTYPE", "SHA-256");
}

void locate(xmlNode* node, const Namespaces& ns, const std::string& href) {
  set_attr(node, "LOCTYPE", "URL");
  set_attr(node, "type", "simple", ns.xlink);
  set_attr(node, "href", href, ns.xlink);
}

xmlNode* md_ref(xmlNode* parent, const Namespaces& ns, const PackagedFile& f, const char* type,
                const char* other_type) {
  xmlNode* ref = add_child(parent, "mdRef");
  locate(ref, ns, f.href);
  set_attr(ref, "MDTYPE", type);
  if (other_type != nullptr) {
    set_attr(ref, "OTHERMDTYPE", other_type);
  }
  file_attributes(ref, f);
  return ref;
}

} // namespace

std::string mets_xml(const MetsInput& in) {
  const ArchivedDossier& d = *in.dossier;
  XmlTree tree = new_tree("mets", k_mets_ns, "mets");
  Namespaces ns;
  ns.xlink = declare_ns(tree, k_xlink_ns, "xlink");
  xmlNs* xsi = declare_ns(tree, k_xsi_ns, "xsi");
  ns.csip = declare_ns(tree, k_csip_ns, "csip");
  set_attr(tree.root, "OBJID", d.file_code);
  set_attr(tree.root, "LABEL", "Hồ sơ " + d.file_code);
  set_attr(tree.root, "TYPE", "Other");
  set_attr(tree.root, "OTHERTYPE", "Digitized administrative dossier", ns.csip);
  set_attr(tree.root, "CONTENTINFORMATIONTYPE", "MIXED", ns.csip);
  set_attr(tree.root, "PROFILE", "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml");
  set_attr(tree.root, "schemaLocation",
           std::string(k_mets_ns) + " http://www.loc.gov/standards/mets/mets.xsd " + k_xlink_ns +
               " http://www.loc.gov/standards/mets/xlink.xsd",
           xsi);

  xmlNode* hdr = add_child(tree.root, "metsHdr");
  set_attr(hdr, "CREATEDATE", in.created_at);
  set_attr(hdr, "RECORDSTATUS", "NEW");
  set_attr(hdr, "OAISPACKAGETYPE", "SIP", ns.csip);
  xmlNode* creator = add_child(hdr, "agent");
  set_attr(creator, "ROLE", "CREATOR");
  set_attr(creator, "TYPE", "OTHER");
  set_attr(creator, "OTHERTYPE", "SOFTWARE");
  add_child(creator, "name", "sohoa");
  xmlNode* version = add_child(creator, "note", d.software_version);
  set_attr(version, "NOTETYPE", "SOFTWARE VERSION", ns.csip);
  if (!d.agency_name.empty()) {
    xmlNode* agency = add_child(hdr, "agent");
    set_attr(agency, "ROLE", "ARCHIVIST");
    set_attr(agency, "TYPE", "ORGANIZATION");
    add_child(agency, "name", d.agency_name);
    if (!d.agency_code.empty()) {
      xmlNode* code = add_child(agency, "note", d.agency_code);
      set_attr(code, "NOTETYPE", "IDENTIFICATIONCODE", ns.csip);
    }
  }

  xmlNode* dmd = add_child(tree.root, "dmdSec");
  set_attr(dmd, "ID", "dmd-archival");
  set_attr(dmd, "CREATED", in.created_at);
  set_attr(dmd, "STATUS", "CURRENT");
  md_ref(dmd, ns, in.descriptive, "OTHER", "TT05-2025");

  xmlNode* amd = add_child(tree.root, "amdSec");
  xmlNode* digiprov = add_child(amd, "digiprovMD");
  set_attr(digiprov, "ID", "digiprov-premis");
  set_attr(digiprov, "STATUS", "CURRENT");
  md_ref(digiprov, ns, in.preservation, "PREMIS", nullptr);

  xmlNode* file_sec = add_child(tree.root, "fileSec");
  set_attr(file_sec, "ID", "filesec-1");
  xmlNode* group = add_child(file_sec, "fileGrp");
  set_attr(group, "ID", "filegrp-rep1");
  set_attr(group, "USE", "Representations/rep1");
  for (std::size_t i = 0; i < in.documents.size(); ++i) {
    xmlNode* file = add_child(group, "file");
    set_attr(file, "ID", "file-" + std::to_string(i + 1));
    file_attributes(file, in.documents[i]);
    locate(add_child(file, "FLocat"), ns, in.documents[i].href);
  }

  xmlNode* map = add_child(tree.root, "structMap");
  set_attr(map, "ID", "structmap-csip");
  set_attr(map, "TYPE", "PHYSICAL");
  set_attr(map, "LABEL", "CSIP");
  xmlNode* root = add_child(map, "div");
  set_attr(root, "ID", "div-package");
  set_attr(root, "LABEL", d.file_code);
  xmlNode* metadata = add_child(root, "div");
  set_attr(metadata, "ID", "div-metadata");
  set_attr(metadata, "LABEL", "Metadata");
  set_attr(metadata, "DMDID", "dmd-archival");
  set_attr(metadata, "ADMID", "digiprov-premis");
  xmlNode* rep = add_child(root, "div");
  set_attr(rep, "ID", "div-rep1");
  set_attr(rep, "LABEL", "Representations/rep1");
  for (std::size_t i = 0; i < in.documents.size(); ++i) {
    const ArchivedDocument& doc = d.documents[i];
    xmlNode* div = add_child(rep, "div");
    set_attr(div, "ID", "div-doc-" + std::to_string(doc.order));
    set_attr(div, "ORDER", std::to_string(doc.order));
    set_attr(div, "LABEL", doc.doc_id);
    set_attr(div, "TYPE", doc.doc_type.empty() ? "unknown" : doc.doc_type);
    xmlNode* fptr = add_child(div, "fptr");
    set_attr(fptr, "FILEID", "file-" + std::to_string(i + 1));
  }
  return serialize(tree);
}

} // namespace sohoa::archive
