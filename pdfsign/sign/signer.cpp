// sign_pdf: the PAdES B-B / B-T signature as an incremental update.
#include "sohoa/sign/signer.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pdf/signature_scan.hpp"
#include "cms_pades.hpp"
#include "dss.hpp"
#include "signed_update.hpp"
#include "signer_impl.hpp"

#include <ctime>

namespace sohoa::sign {
namespace {

// Room for the CMS: certificates, the signature value, and with a time-stamp the
// token with the TSA's own certificates.
size_t contents_size(const KeySigner& signer, bool timestamp) {
  size_t certs = to_der(signer.cert()).size();
  for (int i = 0; i < sk_X509_num(signer.chain()); ++i) {
    certs += to_der(sk_X509_value(signer.chain(), i)).size();
  }
  const size_t wanted = certs + 3072 + (timestamp ? 8192 : 0);
  const size_t floor = timestamp ? 16384 : 8192;
  return std::max(floor, (wanted + 1023) / 1024 * 1024);
}

// Everything a later validator needs: signer, chain, and the TSA's certificates.
std::vector<X509*> ltv_certificates(const KeySigner& signer, STACK_OF(X509) * tsa_certs) {
  std::vector<X509*> certs = {signer.cert()};
  for (int i = 0; i < sk_X509_num(signer.chain()); ++i) {
    certs.push_back(sk_X509_value(signer.chain(), i));
  }
  for (int i = 0; i < sk_X509_num(tsa_certs); ++i) {
    certs.push_back(sk_X509_value(tsa_certs, i));
  }
  return certs;
}

} // namespace

SignResult sign_pdf(const std::filesystem::path& path, const Signer& signer,
                    const SignOptions& options) {
  const KeySigner& key_signer = as_key_signer(signer);
  if (options.ltv && options.tsa_url.empty()) {
    throw Error(Stage::sign, "ltv_needs_tsa", "--ltv needs --tsa (B-LTA time-stamps the DSS)");
  }
  const long long now = options.signing_time.value_or(static_cast<long long>(std::time(nullptr)));
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  if (size_error) {
    throw Error(Stage::sign, "unreadable_pdf",
                "cannot read " + path.string() + ": " + size_error.message());
  }
  const long long original_size = static_cast<long long>(size);
  pdf::SignatureFieldSpec spec;
  spec.reason = options.reason;
  spec.location = options.location;
  spec.signing_time = now;
  spec.contents_size = contents_size(key_signer, !options.tsa_url.empty());
  if (options.visible) {
    spec.stamp_lines.push_back(options.copy_form);
    if (!options.agency_name.empty()) {
      spec.stamp_lines.push_back(options.agency_name);
    }
    spec.stamp_lines.push_back(unix_to_vietnam_iso(now));
  }
  // Work on a copy beside the target: the file is replaced whole at the end,
  // so a failure half-way (TSA, CRL) never leaves a partly signed document.
  const std::filesystem::path work = temp_path_for(path);
  std::error_code ignored;
  std::filesystem::copy_file(path, work, std::filesystem::copy_options::overwrite_existing,
                             ignored);
  if (ignored) {
    throw Error(Stage::sign, "signing_failed",
                "cannot copy " + path.string() + ": " + ignored.message());
  }
  SignResult result;
  try {
    std::optional<TimestampToken> timestamp;
    const std::string bytes = write_signed_update(work, spec, [&](const std::string& digest) {
      PadesCms cms = build_pades_cms(key_signer, digest, options.tsa_url, options.rsa_pss);
      timestamp = cms.timestamp;
      return cms.der;
    });
    write_file_atomic(work, bytes);
    result.level = timestamp ? "B-T" : "B-B";
    if (timestamp) {
      result.timestamp_time = unix_to_vietnam_iso(timestamp->gen_time);
    }
    if (options.ltv && timestamp) {
      const X509StackPtr tsa_certs = token_certificates(timestamp->der);
      const ValidationData data =
          collect_validation_data(ltv_certificates(key_signer, tsa_certs.get()), options.ltv_crls);
      const std::vector<pdf::RawSignature> signatures = pdf::find_signatures(bytes);
      add_dss(work, data, signatures.empty() ? std::string() : signatures.back().contents);
      add_document_timestamp(work, options.tsa_url);
      result.level = "B-LTA";
    }
    result.bytes_added = static_cast<long long>(std::filesystem::file_size(work)) - original_size;
    commit_file_atomic(work, path);
  } catch (...) {
    std::filesystem::remove(work, ignored);
    throw;
  }
  result.signing_time = unix_to_vietnam_iso(now);
  return result;
}

} // namespace sohoa::sign
