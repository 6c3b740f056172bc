#include "sohoa/archive/package.hpp"

#include "dossier_model.hpp"
#include "metadata_xml.hpp"
#include "xml_tree.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"

#include <set>

namespace sohoa::archive {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_mets_name = "METS.xml";
constexpr const char* k_rep_data = "representations/rep1/data";
constexpr const char* k_premis_href = "metadata/preservation/premis.xml";

// A file or folder name from a code: path separators and controls become '_'.
std::string name_component(const std::string& code) {
  std::string out = code;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || u < 0x20) {
      c = '_';
    }
  }
  if (out.empty() || out == "." || out == "..") {
    out = "_" + out;
  }
  return out;
}

PackagedFile describe(const fs::path& root, const std::string& href, const std::string& mime,
                      const std::string& created) {
  const fs::path file = root / href;
  return {href, mime, sha256_file(file), static_cast<long long>(fs::file_size(file)), created};
}

void write_text(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  write_file_atomic(file, bytes);
}

// Refuses a package path that leaves the package (absolute, "..", backslashes).
bool inside_package(const std::string& href) {
  if (href.empty() || href.front() == '/' || href.find('\\') != std::string::npos) {
    return false;
  }
  for (const auto& part : fs::path(href)) {
    if (part == "..") {
      return false;
    }
  }
  return true;
}

} // namespace

PackageSummary write_eark_sip(const PackageOptions& options) {
  const ArchivedDossier dossier = read_dossier_output(options.dossier_dir);
  if (dossier.documents.empty()) {
    throw Error(Stage::output, "nothing_to_package", "the dossier has no PDF to package",
                options.dossier_dir.string());
  }
  std::error_code ec;
  if (fs::exists(options.sip_dir, ec) && !fs::is_empty(options.sip_dir, ec)) {
    throw Error(Stage::output, "package_exists", "the package folder exists and is not empty",
                options.sip_dir.string());
  }
  const fs::path target = fs::absolute(options.sip_dir);
  fs::create_directories(target.parent_path());
  TempBeside staged(target);
  const fs::path& temp = staged.path();
  try {
    fs::create_directories(temp / k_rep_data);
    MetsInput mets;
    mets.dossier = &dossier;
    mets.created_at = options.created_at;
    for (const ArchivedDocument& doc : dossier.documents) {
      const std::string href = std::string(k_rep_data) + "/" + name_component(doc.doc_id) + ".pdf";
      fs::copy_file(doc.pdf, temp / href);
      PackagedFile f = describe(temp, href, "application/pdf", options.created_at);
      if (f.sha256 != doc.pdf_sha256) {
        throw Error(Stage::output, "copy_failed", "the copied PDF differs from its source",
                    doc.pdf.string());
      }
      mets.documents.push_back(std::move(f));
    }
    const std::string descriptive_href =
        "metadata/descriptive/" + name_component(dossier.file_code) + ".xml";
    write_text(temp / descriptive_href, descriptive_xml(dossier));
    mets.descriptive = describe(temp, descriptive_href, "text/xml", options.created_at);
    write_text(temp / k_premis_href, premis_xml(dossier, options.created_at));
    mets.preservation = describe(temp, k_premis_href, "text/xml", options.created_at);
    write_text(temp / k_mets_name, mets_xml(mets));

    if (fs::exists(target, ec)) {
      fs::remove(target); // empty, checked above
    }
    staged.commit();
    return {dossier.file_code, dossier.documents.size(), mets.documents.size() + 2};
  } catch (const fs::filesystem_error& e) {
    throw Error(Stage::output, "package_write_failed", e.what(), options.sip_dir.string());
  }
}

std::vector<PackageProblem> check_eark_sip(const fs::path& sip_dir, const fs::path& xsd_dir) {
  std::vector<PackageProblem> problems;
  const fs::path mets_file = sip_dir / k_mets_name;
  std::error_code ec;
  if (!fs::is_regular_file(mets_file, ec)) {
    return {{k_mets_name, "missing_file", "no METS.xml at the package root"}};
  }
  for (const auto& message : validate_against_xsd(mets_file, xsd_dir / "mets.xsd")) {
    problems.push_back({k_mets_name, "schema_invalid", message});
  }
  XmlDocPtr doc;
  try {
    doc = parse_file(mets_file);
  } catch (const Error& e) {
    problems.push_back({k_mets_name, e.code(), e.what()});
    return problems;
  }
  std::set<std::string> listed{k_mets_name};
  // Every element carrying a CHECKSUM: <file> (its <FLocat> has the href) and <mdRef>.
  const auto visit = [&](auto&& self, const xmlNode* node) -> void {
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) {
        continue;
      }
      const std::string checksum = attr_of(n, "CHECKSUM");
      if (!checksum.empty()) {
        std::string href = attr_of(n, "href", k_xlink_ns);
        for (const xmlNode* c = n->children; href.empty() && c != nullptr; c = c->next) {
          if (is_element(c, "FLocat")) {
            href = attr_of(c, "href", k_xlink_ns);
          }
        }
        if (!inside_package(href)) {
          problems.push_back({href, "bad_href", "a METS file reference outside the package"});
        } else if (attr_of(n, "CHECKSUMTYPE") != "SHA-256") {
          problems.push_back({href, "bad_checksum_type", "checksums must be SHA-256"});
        } else {
          listed.insert(fs::path(href).lexically_normal().string());
          const fs::path file = sip_dir / href;
          if (!fs::is_regular_file(file, ec)) {
            problems.push_back({href, "missing_file", "listed in METS.xml but absent"});
          } else if (std::to_string(fs::file_size(file)) != attr_of(n, "SIZE")) {
            problems.push_back({href, "size_mismatch", "size differs from METS.xml"});
          } else if (sha256_file(file) != checksum) {
            problems.push_back({href, "checksum_mismatch", "SHA-256 differs from METS.xml"});
          }
          if (attr_of(n, "MDTYPE") == "PREMIS" && fs::is_regular_file(file, ec)) {
            for (const auto& message : validate_against_xsd(file, xsd_dir / "premis-v3-0.xsd")) {
              problems.push_back({href, "schema_invalid", message});
            }
          }
        }
      }
      self(self, n->children);
    }
  };
  visit(visit, xmlDocGetRootElement(doc.get()));
  for (auto it = fs::recursive_directory_iterator(sip_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      const std::string rel = it->path().lexically_relative(sip_dir).string();
      if (listed.count(rel) == 0) {
        problems.push_back({rel, "unlisted_file", "in the package but not in METS.xml"});
      }
    }
  }
  return problems;
}

} // namespace sohoa::archive
