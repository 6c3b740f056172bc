// run_verify: reads the trust material, checks every signature of every file,
// prints the report and returns the exit code of CONTRACT.md section 3.
#include "pdfsign/verify.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "pdfsign/pdfa_check.hpp"
#include "pdfsign/verify_changes.hpp"
#include "pdfsign/verify_report.hpp"
#include "pdfsign/verify_signature.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

namespace sohoa::sign {
namespace {

bool load_certificates(const std::filesystem::path& file, std::vector<X509Ptr>& out) {
  std::string data;
  try {
    data = sohoa::read_file(file);
  } catch (const Error&) {
    return false;
  }
  BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  size_t before = out.size();
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(cert);
  }
  if (out.size() == before) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(data.size()))) {
      out.emplace_back(cert);
    }
  }
  ERR_clear_error();
  return out.size() > before;
}

bool load_trust(const std::vector<std::filesystem::path>& paths, std::vector<X509Ptr>& out,
                std::ostream& err) {
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".pem" || ext == ".crt" || ext == ".cer")) {
          load_certificates(entry.path(), out);
        }
      }
      continue;
    }
    if (!load_certificates(path, out)) {
      err << "sohoa: error: no certificate readable in --trust " << path.string() << '\n';
      return false;
    }
  }
  return true;
}

bool load_crls(const std::vector<std::filesystem::path>& paths, std::vector<X509CrlPtr>& out,
               std::ostream& err) {
  for (const auto& path : paths) {
    std::string data;
    try {
      data = sohoa::read_file(path);
    } catch (const Error&) {
      data.clear();
    }
    X509_CRL* crl = parse_crl(data);
    if (crl == nullptr) {
      err << "sohoa: error: not a CRL: " << path.string() << '\n';
      return false;
    }
    out.emplace_back(crl);
  }
  return true;
}

// The writer's structural PDF/A rules (pdfa_check.hpp) for a file that claims
// PDF/A. They inform; the exit code is about signatures (CONTRACT.md 3).
void append_pdfa_rules(const std::filesystem::path& path, std::vector<Check>& out) {
  const std::vector<pdf::PdfACheck> rules = pdf::check_pdfa(path);
  int passed = 0;
  for (const auto& rule : rules) {
    if (rule.ok) {
      ++passed;
      continue;
    }
    out.push_back(Check{"pdfa", CheckStatus::warning,
                        {"Không đạt quy tắc PDF/A " + rule.rule + ": " + rule.detail,
                         "PDF/A rule not met " + rule.rule + ": " + rule.detail}});
  }
  const std::string count = std::to_string(passed) + "/" + std::to_string(rules.size());
  out.push_back(Check{"pdfa", passed == static_cast<int>(rules.size()) ? CheckStatus::ok
                                                                       : CheckStatus::warning,
                      {"Đạt " + count + " quy tắc cấu trúc PDF/A (không phải veraPDF)",
                       count + " structural PDF/A rules met (not veraPDF)"}});
}

FileReport verify_file(const std::filesystem::path& path, const std::vector<X509Ptr>& anchors,
                       const std::vector<X509CrlPtr>& crls, bool system_anchors) {
  FileReport report;
  report.file = path;
  std::string bytes;
  try {
    bytes = sohoa::read_file(path);
  } catch (const Error& e) {
    report.readable = false;
    report.error = e.what();
    return report;
  }
  if (bytes.rfind("%PDF-", 0) != 0 && bytes.find("%PDF-") > 1024) {
    report.readable = false;
    report.error = "not a PDF file";
    return report;
  }
  if (bytes.find("startxref") == std::string::npos || bytes.find("%%EOF") == std::string::npos) {
    report.readable = false;
    report.error = "not a complete PDF file (no cross-reference table or end marker)";
    return report;
  }
  report.size = static_cast<long long>(bytes.size());
  TrustContext trust;
  trust.system_anchors = system_anchors;
  for (const auto& anchor : anchors) {
    X509_up_ref(anchor.get());
    trust.anchors.emplace_back(anchor.get());
  }
  for (const auto& crl : crls) {
    X509_CRL_up_ref(crl.get());
    trust.crls.emplace_back(crl.get());
  }
  const bool has_dss = read_dss(bytes, trust);
  const std::vector<long long> revisions = revision_ends(bytes);
  int index = 0;
  bool later_document_timestamp = false;
  for (const RawSignature& raw : find_signatures(bytes)) {
    SignatureReport sig = check_signature(bytes, raw, ++index, revisions, trust);
    if (sig.covered_end > 0) {
      sig.checks.push_back(check_later_changes(bytes, sig.covered_end));
    }
    report.signatures.push_back(std::move(sig));
  }
  // Levels beyond B-T need a DSS and, for B-LTA, a valid document time-stamp after.
  for (auto it = report.signatures.rbegin(); it != report.signatures.rend(); ++it) {
    if (it->document_timestamp) {
      later_document_timestamp = later_document_timestamp || it->valid();
    } else if (it->level == "B-T" && has_dss) {
      it->level = later_document_timestamp ? "B-LTA" : "B-LT";
    }
  }
  report.pdfa = pdfa_markers(bytes);
  if (report.pdfa.front().status == CheckStatus::ok) {
    append_pdfa_rules(path, report.pdfa);
  }
  return report;
}

} // namespace

int run_verify(const VerifyRequest& request, std::ostream& out, std::ostream& err) {
  if (request.files.empty()) {
    err << "sohoa: error: verify needs at least one PDF file\n";
    return 2;
  }
  if (request.lang != "vi" && request.lang != "en") {
    err << "sohoa: error: --lang must be vi or en\n";
    return 2;
  }
  std::vector<X509Ptr> anchors;
  std::vector<X509CrlPtr> crls;
  if (!load_trust(request.trust, anchors, err) || !load_crls(request.crls, crls, err)) {
    return 2;
  }
  std::vector<FileReport> reports;
  for (const auto& file : request.files) {
    try {
      reports.push_back(verify_file(file, anchors, crls, request.trust.empty()));
    } catch (const std::exception& e) {
      // Library failures become a report line, never an abort of the batch.
      FileReport failed;
      failed.file = file;
      failed.readable = false;
      failed.error = std::string("cannot check: ") + e.what();
      reports.push_back(std::move(failed));
    }
  }
  if (request.json) {
    print_json_report(reports, out);
  } else {
    print_text_report(reports, request.lang, out);
  }
  bool unreadable = false;
  bool all_valid = true;
  for (const auto& report : reports) {
    unreadable = unreadable || !report.readable;
    all_valid = all_valid && report.valid();
    if (!report.readable) {
      err << "sohoa: error: " << report.file.string() << ": " << report.error << '\n';
    }
  }
  if (unreadable) {
    return 2;
  }
  return all_valid ? 0 : 1;
}

} // namespace sohoa::sign
