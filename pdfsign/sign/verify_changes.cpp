#include "verify_changes.hpp"

#include "sohoa/pdf/revision_diff.hpp"

#include <openssl/err.h>

namespace sohoa::sign {

Check check_later_changes(const std::string& bytes, long long covered_end) {
  const pdf::LaterChanges changes = pdf::diff_later_revisions(bytes, covered_end);
  if (changes.unsigned_trailing_bytes > 0) {
    const std::string n = std::to_string(changes.unsigned_trailing_bytes);
    return Check{"changes",
                 CheckStatus::failed,
                 {n + " byte sau %%EOF cuối cùng không được chữ ký nào bao phủ: tài liệu "
                      "không được ký toàn bộ",
                  n + " bytes after the last %%EOF are covered by no signature: the "
                      "document is not wholly signed"}};
  }
  if (covered_end >= static_cast<long long>(bytes.size())) {
    return Check{"changes",
                 CheckStatus::ok,
                 {"Không có thay đổi nào sau khi ký (chữ ký phủ toàn bộ tệp)",
                  "No change after signing (the signature covers the whole file)"}};
  }
  if (!changes.readable) {
    return Check{"changes",
                 CheckStatus::failed,
                 {"Phần thêm sau khi ký không đọc được (" + changes.parse_error + ")",
                  "The part added after signing cannot be parsed (" + changes.parse_error + ")"}};
  }
  if (!changes.forbidden.empty()) {
    std::string problems;
    for (const auto& item : changes.forbidden) {
      problems += (problems.empty() ? "" : "; ") + item;
    }
    return Check{"changes",
                 CheckStatus::failed,
                 {"Tệp bị sửa đổi sau khi ký: " + problems,
                  "The file was modified after signing: " + problems}};
  }
  std::string vi = "Sau khi ký chỉ bổ sung phần được phép";
  std::string en = "After signing, only permitted additions";
  if (changes.signed_again) {
    vi += " (chữ ký / dấu thời gian khác)";
    en += " (further signature / time-stamp)";
  }
  if (changes.dss_added) {
    vi += " (DSS)";
    en += " (DSS)";
  }
  return Check{"changes", CheckStatus::ok, {vi, en}};
}

bool add_dss_to_trust(const std::string& bytes, TrustContext& trust) {
  const pdf::DssContents dss = pdf::read_dss(bytes);
  for (const std::string& der : dss.certs) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()))) {
      trust.extra_certs.emplace_back(cert);
    }
  }
  for (const std::string& der : dss.crls) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    if (X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()))) {
      trust.crls.emplace_back(crl);
    }
  }
  trust.ocsps.insert(trust.ocsps.end(), dss.ocsps.begin(), dss.ocsps.end());
  trust.vri_keys = dss.vri_keys;
  ERR_clear_error();
  return dss.found;
}

} // namespace sohoa::sign
