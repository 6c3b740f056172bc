// verify: reads the trust material, checks every signature of every file and
// returns the reports with the exit code of CONTRACT.md section 3.
#include "sohoa/sign/verify.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "verify_changes.hpp"
#include "sohoa/sign/verify_report.hpp"
#include "verify_signature.hpp"
#include "dss.hpp"
#include "sohoa/pdf/revision_diff.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <optional>

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
                std::vector<std::string>& errors) {
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
      errors.push_back("no certificate readable in --trust " + path.string());
      return false;
    }
  }
  return true;
}

bool load_crls(const std::vector<std::filesystem::path>& paths, std::vector<X509CrlPtr>& out,
               std::vector<std::string>& errors) {
  for (const auto& path : paths) {
    std::string data;
    try {
      data = sohoa::read_file(path);
    } catch (const Error&) {
      data.clear();
    }
    X509_CRL* crl = parse_crl(data);
    if (crl == nullptr) {
      errors.push_back("not a CRL: " + path.string());
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
    out.push_back(Check{"pdfa",
                        CheckStatus::warning,
                        {"Không đạt quy tắc PDF/A " + rule.rule + ": " + rule.detail,
                         "PDF/A rule not met " + rule.rule + ": " + rule.detail}});
  }
  const std::string count = std::to_string(passed) + "/" + std::to_string(rules.size());
  out.push_back(
      Check{"pdfa",
            passed == static_cast<int>(rules.size()) ? CheckStatus::ok : CheckStatus::warning,
            {"Đạt " + count + " quy tắc cấu trúc PDF/A (không phải veraPDF)",
             count + " structural PDF/A rules met (not veraPDF)"}});
}

// B-LTA chain: every document time-stamp but the last has its validation data
// (a /VRI entry for it) in the DSS that the next document time-stamp covers.
void check_timestamp_chain(const std::string& bytes, const std::vector<pdf::RawSignature>& raws,
                           std::vector<SignatureReport>& reports) {
  const SignatureReport* next = nullptr;
  for (size_t i = reports.size(); i-- > 0;) {
    SignatureReport& sig = reports[i];
    if (!sig.document_timestamp) {
      continue;
    }
    if (next == nullptr) {
      next = &sig;
      continue;
    }
    const std::string key = vri_key(raws[i].contents);
    const pdf::DssContents covered =
        pdf::read_dss(bytes.substr(0, static_cast<size_t>(std::max(0LL, next->covered_end))));
    const bool found =
        std::find(covered.vri_keys.begin(), covered.vri_keys.end(), key) != covered.vri_keys.end();
    const std::string by = "#" + std::to_string(next->index) + " (" + next->timestamp_time + ")";
    sig.checks.push_back(
        found
            ? Check{"ltv",
                    CheckStatus::ok,
                    {"Dữ liệu kiểm tra của dấu thời gian này nằm trong DSS, được dấu thời "
                     "gian " +
                         by + " bao phủ",
                     "This time-stamp's validation data is in the DSS covered by time-stamp " + by}}
            : Check{"ltv",
                    CheckStatus::failed,
                    {"Dấu thời gian " + by +
                         " không bao phủ dữ liệu kiểm tra (VRI) của dấu thời gian này",
                     "Time-stamp " + by + " covers no validation data (VRI) of this time-stamp"}});
    next = &sig;
  }
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
  const bool has_dss = add_dss_to_trust(bytes, trust);
  const std::vector<long long> revisions = pdf::revision_ends(bytes);
  // Last to first: a valid document time-stamp proves that everything before it
  // existed at its time, so the earlier time-stamps are judged at that time.
  const std::vector<pdf::RawSignature> raws = pdf::find_signatures(bytes);
  std::optional<long long> proof_time;
  for (size_t i = raws.size(); i-- > 0;) {
    SignatureReport sig =
        check_signature(bytes, raws[i], static_cast<int>(i) + 1, revisions, trust, proof_time);
    if (sig.covered_end > 0) {
      sig.checks.push_back(check_later_changes(bytes, sig.covered_end));
    }
    if (sig.document_timestamp && sig.valid() && sig.timestamp_unix > 0) {
      proof_time = sig.timestamp_unix;
    }
    report.signatures.push_back(std::move(sig));
  }
  std::reverse(report.signatures.begin(), report.signatures.end());
  check_timestamp_chain(bytes, raws, report.signatures);
  bool later_document_timestamp = false;
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

VerifyResult verify(const VerifyRequest& request) {
  VerifyResult result;
  if (request.files.empty()) {
    result.errors.push_back("verify needs at least one PDF file");
    result.exit_code = 2;
    return result;
  }
  std::vector<X509Ptr> anchors;
  std::vector<X509CrlPtr> crls;
  if (!load_trust(request.trust, anchors, result.errors) ||
      !load_crls(request.crls, crls, result.errors)) {
    result.exit_code = 2;
    return result;
  }
  for (const auto& file : request.files) {
    try {
      result.files.push_back(verify_file(file, anchors, crls, request.trust.empty()));
    } catch (const std::exception& e) {
      // Library failures become a report line, never an abort of the batch.
      FileReport failed;
      failed.file = file;
      failed.readable = false;
      failed.error = std::string("cannot check: ") + e.what();
      result.files.push_back(std::move(failed));
    }
  }
  bool unreadable = false;
  bool all_valid = true;
  for (const auto& report : result.files) {
    unreadable = unreadable || !report.readable;
    all_valid = all_valid && report.valid();
    if (!report.readable) {
      result.errors.push_back(report.file.string() + ": " + report.error);
    }
  }
  result.exit_code = unreadable ? 2 : all_valid ? 0 : 1;
  return result;
}

} // namespace sohoa::sign
