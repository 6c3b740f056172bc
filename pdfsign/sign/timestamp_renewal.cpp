#include "sohoa/sign/timestamp_renewal.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pdf/revision_diff.hpp"
#include "sohoa/pdf/signature_scan.hpp"
#include "dss.hpp"

#include <algorithm>

namespace sohoa::sign {
namespace {

bool is_document_timestamp(const pdf::RawSignature& raw) {
  return raw.type == "DocTimeStamp" || raw.sub_filter == "ETSI.RFC3161";
}

// Empty when the file is B-LTA as renewal needs it, else why not.
std::string why_not_lta(const std::string& bytes) {
  const std::vector<pdf::RawSignature> signatures = pdf::find_signatures(bytes);
  if (signatures.empty()) {
    return "the PDF is not signed";
  }
  const bool signed_first =
      std::any_of(signatures.begin(), signatures.end(),
                  [](const pdf::RawSignature& raw) { return !is_document_timestamp(raw); });
  const pdf::RawSignature& last = signatures.back();
  if (!signed_first || !is_document_timestamp(last)) {
    return "its last signature is not a document time-stamp (B-B, B-T or B-LT, not B-LTA)";
  }
  const std::vector<long long> ends = pdf::revision_ends(bytes);
  if (!last.layout_ok || ends.empty() || last.range[2] + last.range[3] != ends.back()) {
    return "its last document time-stamp does not cover the last revision";
  }
  if (!pdf::read_dss(bytes).found) {
    return "it holds no DSS (validation data)";
  }
  return {};
}

} // namespace

RenewalResult renew_document_timestamp(const std::filesystem::path& path,
                                       const RenewalOptions& options) {
  std::string bytes;
  try {
    bytes = sohoa::read_file(path);
  } catch (const Error& e) {
    throw Error(Stage::sign, "unreadable_pdf", e.what(), path.string());
  }
  RenewalResult result;
  result.not_renewed_reason = why_not_lta(bytes);
  if (!result.not_renewed_reason.empty()) {
    return result;
  }
  const std::string last_contents = pdf::find_signatures(bytes).back().contents;
  const X509StackPtr tsa_certs = token_certificates(last_contents);
  std::vector<X509*> certs;
  for (int i = 0; i < sk_X509_num(tsa_certs.get()); ++i) {
    certs.push_back(sk_X509_value(tsa_certs.get(), i));
  }
  if (certs.empty()) {
    throw Error(Stage::sign, "revocation_unavailable",
                "the last document time-stamp carries no TSA certificate", path.string());
  }
  // Gathered before anything is written: no validation data, no renewal.
  const ValidationData data = collect_validation_data(certs, options.crls);
  const std::filesystem::path work = temp_path_for(path);
  write_file_atomic(work, bytes);
  try {
    add_dss(work, data, last_contents);
    result.timestamp_time = unix_to_vietnam_iso(add_document_timestamp(work, options.tsa_url));
    const std::string renewed = sohoa::read_file(work);
    const std::vector<pdf::RawSignature> after = pdf::find_signatures(renewed);
    result.document_timestamps =
        static_cast<int>(std::count_if(after.begin(), after.end(), is_document_timestamp));
    result.bytes_added = static_cast<long long>(renewed.size() - bytes.size());
    commit_file_atomic(work, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(work, ignored);
    throw;
  }
  result.renewed = true;
  return result;
}

} // namespace sohoa::sign
