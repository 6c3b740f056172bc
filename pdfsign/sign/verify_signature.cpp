#include "verify_signature.hpp"

#include "http_fetch.hpp"
#include "ocsp_client.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <optional>

namespace sohoa::sign {
namespace {

void add(SignatureReport& report, const std::string& id, CheckStatus status, Text detail) {
  report.checks.push_back(Check{id, status, std::move(detail)});
}

std::string signed_bytes(const std::string& bytes, const pdf::RawSignature& raw) {
  return bytes.substr(0, static_cast<size_t>(raw.range[1])) +
         bytes.substr(static_cast<size_t>(raw.range[2]), static_cast<size_t>(raw.range[3]));
}

bool digest_of(const EVP_MD* md, const std::string& data, std::string& out) {
  unsigned char buffer[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (md == nullptr || EVP_Digest(data.data(), data.size(), buffer, &size, md, nullptr) != 1) {
    return false;
  }
  out.assign(reinterpret_cast<char*>(buffer), size);
  return true;
}

std::string asn1_bytes(const ASN1_STRING* s) {
  return s == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                    static_cast<size_t>(ASN1_STRING_length(s)));
}

X509* find_signer(CMS_ContentInfo* cms, CMS_SignerInfo* si) {
  STACK_OF(X509)* certs = CMS_get0_signers(cms);
  X509* found = nullptr;
  if (certs != nullptr && sk_X509_num(certs) > 0) {
    found = sk_X509_value(certs, 0);
  }
  sk_X509_free(certs);
  if (found != nullptr) {
    return found;
  }
  X509StackPtr all(CMS_get1_certs(cms));
  for (int i = 0; all && i < sk_X509_num(all.get()); ++i) {
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(all.get(), i)) == 0) {
      CMS_SignerInfo_set1_signer_cert(si, sk_X509_value(all.get(), i));
      break;
    }
  }
  X509* signer = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, &signer, nullptr, nullptr);
  return signer;
}

// The CRL for cert issued by issuer: known ones first, then its distribution points.
X509_CRL* crl_for(X509* cert, X509* issuer, TrustContext& trust) {
  const auto matches = [&](X509_CRL* crl) {
    return X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer)) == 0 &&
           X509_CRL_verify(crl, X509_get0_pubkey(issuer)) == 1;
  };
  for (const auto& crl : trust.crls) {
    if (matches(crl.get())) {
      return crl.get();
    }
  }
  ERR_clear_error();
  if (!trust.fetch_crls) {
    return nullptr;
  }
  auto* points = static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
  X509_CRL* found = nullptr;
  for (int i = 0; points != nullptr && found == nullptr && i < sk_DIST_POINT_num(points); ++i) {
    DIST_POINT* point = sk_DIST_POINT_value(points, i);
    if (point->distpoint == nullptr || point->distpoint->type != 0) {
      continue;
    }
    GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int j = 0; found == nullptr && j < sk_GENERAL_NAME_num(names); ++j) {
      GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
      if (name->type != GEN_URI) {
        continue;
      }
      const std::string url = asn1_bytes(name->d.uniformResourceIdentifier);
      if (trust.fetched_urls.count(url) != 0) {
        continue;
      }
      trust.fetched_urls[url] = true;
      HttpRequest request;
      request.url = url;
      request.connect_timeout_s = 5;
      request.total_timeout_s = 15;
      std::string error;
      const auto reply = http_fetch(request, error);
      if (!reply || reply->status != 200) {
        continue;
      }
      if (X509_CRL* crl = parse_crl(reply->body)) {
        trust.crls.emplace_back(crl);
        if (matches(crl)) {
          found = crl;
        }
      }
    }
  }
  CRL_DIST_POINTS_free(points);
  ERR_clear_error();
  return found;
}

// The stored OCSP answer about cert that says good or revoked (revoked first:
// one such answer is enough to know).
std::optional<OcspAnswer> ocsp_for(X509* cert, X509* issuer, const TrustContext& trust) {
  std::optional<OcspAnswer> found;
  for (const std::string& der : trust.ocsps) {
    OcspAnswer answer = read_ocsp_response(der, cert, issuer);
    if (answer.status == OcspCertStatus::revoked) {
      return answer;
    }
    if (answer.status == OcspCertStatus::good && !found) {
      found = answer;
    }
  }
  return found;
}

void check_revocation(SignatureReport& report, STACK_OF(X509) * chain, long long at,
                      bool has_timestamp, TrustContext& trust) {
  const int count = sk_X509_num(chain);
  std::string missing;
  bool by_ocsp = false;
  bool by_crl = false;
  for (int i = 0; i + 1 < count; ++i) {
    X509* cert = sk_X509_value(chain, i);
    X509* issuer = sk_X509_value(chain, i + 1);
    const std::string who = common_name(X509_get_subject_name(cert));
    long long revoked_at = -1;
    const std::optional<OcspAnswer> ocsp = ocsp_for(cert, issuer, trust);
    if (ocsp && ocsp->status == OcspCertStatus::revoked) {
      revoked_at = ocsp->revoked_at;
    }
    // A CRL is still read beside a good OCSP answer when one is at hand: either
    // saying revoked is enough. None is fetched once OCSP has answered.
    X509_CRL* crl = nullptr;
    if (revoked_at < 0) {
      if (ocsp) {
        const bool fetch = trust.fetch_crls;
        trust.fetch_crls = false;
        crl = crl_for(cert, issuer, trust);
        trust.fetch_crls = fetch;
      } else {
        crl = crl_for(cert, issuer, trust);
      }
      X509_REVOKED* entry = nullptr;
      if (crl != nullptr && X509_CRL_get0_by_cert(crl, &entry, cert) == 1 && entry != nullptr) {
        asn1_time_to_unix(X509_REVOKED_get0_revocationDate(entry), revoked_at);
      }
    }
    by_ocsp = by_ocsp || ocsp.has_value();
    by_crl = by_crl || crl != nullptr;
    if (!ocsp && crl == nullptr) {
      missing += (missing.empty() ? "" : ", ") + who;
      continue;
    }
    if (revoked_at >= 0) {
      const std::string date = unix_to_vietnam_iso(revoked_at);
      if (revoked_at <= at || !has_timestamp) {
        add(report, "revocation", CheckStatus::failed,
            {"Chứng thư của " + who + " đã bị thu hồi lúc " + date,
             "The certificate of " + who + " was revoked at " + date});
        return;
      }
      add(report, "revocation", CheckStatus::warning,
          {"Chứng thư của " + who + " bị thu hồi lúc " + date + ", sau thời điểm ký",
           "The certificate of " + who + " was revoked at " + date + ", after signing"});
      return;
    }
  }
  if (!missing.empty()) {
    add(report, "revocation", CheckStatus::warning,
        {"Không có thông tin thu hồi (CRL, OCSP) cho: " + missing,
         "No revocation status (CRL, OCSP) could be had for: " + missing});
    return;
  }
  const std::string sources = by_ocsp && by_crl ? "CRL, OCSP" : by_ocsp ? "OCSP" : "CRL";
  add(report, "revocation", CheckStatus::ok,
      {"Không chứng thư nào trong chuỗi bị thu hồi (theo " + sources + ")",
       "No certificate of the chain is revoked (per " + sources + ")"});
}

// Chain to the anchors, judged twice: without time (trust) and at `at` (validity).
void check_chain(SignatureReport& report, X509* signer, CMS_ContentInfo* cms, long long at,
                 bool has_timestamp, TrustContext& trust) {
  X509StackPtr untrusted(CMS_get1_certs(cms));
  if (!untrusted) {
    untrusted.reset(sk_X509_new_null());
  }
  for (const auto& cert : trust.extra_certs) {
    X509_up_ref(cert.get());
    sk_X509_push(untrusted.get(), cert.get());
  }
  const auto run = [&](bool check_time, X509StackPtr* chain_out) {
    X509StorePtr store(trust.make_store());
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!store || !ctx ||
        X509_STORE_CTX_init(ctx.get(), store.get(), signer, untrusted.get()) != 1) {
      return X509_V_ERR_UNSPECIFIED;
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    if (check_time) {
      X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at));
    } else {
      X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
    }
    const int ok = X509_verify_cert(ctx.get());
    const int error = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
    if (ok == 1 && chain_out != nullptr) {
      chain_out->reset(X509_STORE_CTX_get1_chain(ctx.get()));
    }
    ERR_clear_error();
    return error;
  };
  X509StackPtr chain;
  const int trust_error = run(false, &chain);
  if (trust_error != X509_V_OK) {
    const std::string reason = X509_verify_cert_error_string(trust_error);
    add(report, "trust", CheckStatus::failed,
        {"Không tin cậy: không lập được chuỗi tới chứng thư gốc tin cậy (" + reason + ")",
         "Not trusted: no chain to a trusted root (" + reason + ")"});
  } else {
    std::string path;
    for (int i = 0; i < sk_X509_num(chain.get()); ++i) {
      X509* cert = sk_X509_value(chain.get(), i);
      path += (i > 0 ? " → " : "") + common_name(X509_get_subject_name(cert));
    }
    add(report, "trust", CheckStatus::ok, {"Chuỗi tin cậy: " + path, "Trusted chain: " + path});
  }
  // Validity at the signing time, certificate by certificate (the signer's
  // alone when no chain could be built).
  const std::string when = unix_to_vietnam_iso(at);
  std::string bad;
  const int count = chain ? sk_X509_num(chain.get()) : 1;
  for (int i = 0; i < count; ++i) {
    X509* cert = chain ? sk_X509_value(chain.get(), i) : signer;
    long long from = 0;
    long long until = 0;
    asn1_time_to_unix(X509_get0_notBefore(cert), from);
    asn1_time_to_unix(X509_get0_notAfter(cert), until);
    if (at < from || at > until) {
      bad += (bad.empty() ? "" : ", ") + common_name(X509_get_subject_name(cert)) + " (" +
             asn1_time_iso(X509_get0_notBefore(cert)) + " – " +
             asn1_time_iso(X509_get0_notAfter(cert)) + ")";
    }
  }
  if (bad.empty()) {
    add(report, "validity", CheckStatus::ok,
        {"Chứng thư còn hiệu lực tại " + when, "Certificates valid at " + when});
  } else {
    add(report, "validity", CheckStatus::failed,
        {"Chứng thư hết hạn hoặc chưa có hiệu lực tại " + when + ": " + bad,
         "Certificate expired or not yet valid at " + when + ": " + bad});
  }
  if (chain) {
    check_revocation(report, chain.get(), at, has_timestamp, trust);
  }
}

// The RFC 3161 token over `imprint_data` (the signature value, or the byte
// ranges for a document time-stamp). Its TSA's chain is judged at proof_time when
// a later document time-stamp vouches for it, else now. Returns genTime or -1.
long long check_timestamp_token(SignatureReport& report, const std::string& token_der,
                                const std::string& imprint_data, TrustContext& trust,
                                std::optional<long long> proof_time) {
  const auto* p = reinterpret_cast<const unsigned char*>(token_der.data());
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size())));
  TsTstInfoPtr info(token ? PKCS7_to_TS_TST_INFO(token.get()) : nullptr);
  if (!info) {
    ERR_clear_error();
    add(report, "timestamp", CheckStatus::failed,
        {"Dấu thời gian không đọc được", "The time-stamp token cannot be read"});
    return -1;
  }
  const X509_ALGOR* algo = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info.get()));
  std::string digest;
  if (!digest_of(EVP_get_digestbyobj(algo->algorithm), imprint_data, digest)) {
    add(report, "timestamp", CheckStatus::failed,
        {"Thuật toán băm của dấu thời gian không được hỗ trợ",
         "Unsupported time-stamp hash algorithm"});
    return -1;
  }
  TsVerifyCtxPtr ctx(TS_VERIFY_CTX_new());
  X509_STORE* store = trust.make_store();
  auto* imprint = static_cast<unsigned char*>(OPENSSL_memdup(digest.data(), digest.size()));
  if (!ctx || store == nullptr || imprint == nullptr) {
    X509_STORE_free(store);
    OPENSSL_free(imprint);
    add(report, "timestamp", CheckStatus::failed, {"Lỗi nội bộ", "Internal error"});
    return -1;
  }
  if (proof_time) {
    X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store), static_cast<time_t>(*proof_time));
  }
  TS_VERIFY_CTX_set_store(ctx.get(), store);
  TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, static_cast<long>(digest.size()));
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_SIGNATURE);
  long long when = -1;
  asn1_time_to_unix(TS_TST_INFO_get_time(info.get()), when);
  const std::string at = unix_to_vietnam_iso(when);
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1) {
    const std::string reason = openssl_error("");
    add(report, "timestamp", CheckStatus::failed,
        {"Dấu thời gian không hợp lệ hoặc TSA không tin cậy" + reason,
         "Time-stamp invalid or TSA not trusted" + reason});
    return -1;
  }
  std::string tsa;
  if (token->d.sign != nullptr && token->d.sign->cert != nullptr &&
      sk_X509_num(token->d.sign->cert) > 0) {
    tsa = common_name(X509_get_subject_name(sk_X509_value(token->d.sign->cert, 0)));
  }
  add(report, "timestamp", CheckStatus::ok,
      {"Dấu thời gian hợp lệ: " + at + " (TSA: " + tsa + ")",
       "Valid time-stamp: " + at + " (TSA: " + tsa + ")"});
  return when;
}

// The revocation status of a document time-stamp's TSA chain at its genTime,
// from the DSS (and fetched CRLs). Trust in the TSA is the token check's.
void check_tsa_revocation(SignatureReport& report, const std::string& token_der, long long when,
                          TrustContext& trust) {
  const auto* p = reinterpret_cast<const unsigned char*>(token_der.data());
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size())));
  if (!token || !PKCS7_type_is_signed(token.get())) {
    ERR_clear_error();
    return;
  }
  STACK_OF(X509)* signers = PKCS7_get0_signers(token.get(), nullptr, 0);
  X509* tsa = signers != nullptr && sk_X509_num(signers) > 0 ? sk_X509_value(signers, 0) : nullptr;
  sk_X509_free(signers);
  X509StackPtr untrusted(sk_X509_new_null());
  STACK_OF(X509)* carried = token->d.sign->cert;
  for (int i = 0; i < sk_X509_num(carried); ++i) {
    X509_up_ref(sk_X509_value(carried, i));
    sk_X509_push(untrusted.get(), sk_X509_value(carried, i));
  }
  for (const auto& cert : trust.extra_certs) {
    X509_up_ref(cert.get());
    sk_X509_push(untrusted.get(), cert.get());
  }
  X509StorePtr store(trust.make_store());
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (tsa == nullptr || !store || !ctx ||
      X509_STORE_CTX_init(ctx.get(), store.get(), tsa, untrusted.get()) != 1) {
    ERR_clear_error();
    return;
  }
  X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(ctx.get()), X509_V_FLAG_NO_CHECK_TIME);
  if (X509_verify_cert(ctx.get()) != 1) {
    ERR_clear_error();
    return;
  }
  X509StackPtr chain(X509_STORE_CTX_get1_chain(ctx.get()));
  check_revocation(report, chain.get(), when, true, trust);
}

void check_integrity_layout(SignatureReport& report, const pdf::RawSignature& raw,
                            const std::vector<long long>& revisions, bool& usable) {
  usable = raw.layout_ok;
  if (!raw.layout_ok) {
    add(report, "integrity", CheckStatus::failed,
        {"/ByteRange không bao đúng chuỗi /Contents", "/ByteRange does not frame /Contents"});
    return;
  }
  report.covered_end = raw.range[2] + raw.range[3];
  if (std::find(revisions.begin(), revisions.end(), report.covered_end) == revisions.end()) {
    usable = false;
    add(report, "integrity", CheckStatus::failed,
        {"Vùng ký không kết thúc ở cuối một phiên bản của tệp",
         "The signed range does not end at a revision end"});
  }
}

} // namespace

X509_STORE* TrustContext::make_store() const {
  X509_STORE* store = X509_STORE_new();
  if (store == nullptr) {
    return nullptr;
  }
  for (const auto& anchor : anchors) {
    X509_STORE_add_cert(store, anchor.get());
  }
  if (system_anchors) {
    X509_STORE_set_default_paths(store);
  }
  ERR_clear_error();
  return store;
}

SignatureReport check_signature(const std::string& bytes, const pdf::RawSignature& raw, int index,
                                const std::vector<long long>& revisions, TrustContext& trust,
                                std::optional<long long> proof_time) {
  SignatureReport report;
  report.index = index;
  report.sub_filter = raw.sub_filter;
  report.claimed_time = raw.claimed_time;
  report.document_timestamp = raw.type == "DocTimeStamp" || raw.sub_filter == "ETSI.RFC3161";
  bool usable = false;
  check_integrity_layout(report, raw, revisions, usable);
  if (!usable) {
    return report;
  }
  const std::string data = signed_bytes(bytes, raw);
  if (report.document_timestamp) {
    const long long when = check_timestamp_token(report, raw.contents, data, trust, proof_time);
    if (when >= 0) {
      add(report, "integrity", CheckStatus::ok,
          {"Toàn vẹn: dấu thời gian tài liệu khớp nội dung",
           "Intact: the document time-stamp matches the content"});
      report.timestamp_time = unix_to_vietnam_iso(when);
      report.timestamp_unix = when;
      check_tsa_revocation(report, raw.contents, when, trust);
    } else {
      add(report, "integrity", CheckStatus::failed,
          {"Không xác nhận được toàn vẹn", "Integrity not confirmed"});
    }
    return report;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(raw.contents.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(raw.contents.size())));
  STACK_OF(CMS_SignerInfo)* infos = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
  if (!cms || infos == nullptr || sk_CMS_SignerInfo_num(infos) < 1) {
    ERR_clear_error();
    add(report, "integrity", CheckStatus::failed,
        {"/Contents không phải một CMS SignedData", "/Contents is not a CMS SignedData"});
    return report;
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  X509_ALGOR* digest_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, nullptr);
  std::string digest;
  const EVP_MD* md = digest_alg != nullptr ? EVP_get_digestbyobj(digest_alg->algorithm) : nullptr;
  const auto* claimed_attr = static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  const std::string claimed = asn1_bytes(claimed_attr);
  if (!digest_of(md, data, digest) || claimed.empty() || digest != claimed) {
    add(report, "integrity", CheckStatus::failed,
        {"Tài liệu đã bị thay đổi: mã băm không khớp thuộc tính message-digest",
         "The document was altered: the digest does not match message-digest"});
  } else {
    add(report, "integrity", CheckStatus::ok,
        {"Toàn vẹn: vùng ký phủ toàn bộ phiên bản trừ /Contents, mã băm khớp",
         "Intact: the signed ranges cover the revision except /Contents; digest matches"});
  }
  X509* signer = find_signer(cms.get(), si);
  BioPtr data_bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (CMS_verify(cms.get(), nullptr, nullptr, data_bio.get(), nullptr,
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1) {
    add(report, "cms", CheckStatus::ok,
        {"Chữ ký số CMS đúng (khóa công khai của người ký)",
         "CMS signature verifies with the signer's public key"});
  } else {
    const std::string reason = openssl_error("");
    add(report, "cms", CheckStatus::failed,
        {"Chữ ký số CMS sai" + reason, "CMS signature does not verify" + reason});
  }
  signer = signer != nullptr ? signer : find_signer(cms.get(), si);
  if (signer == nullptr) {
    add(report, "trust", CheckStatus::failed,
        {"Không có chứng thư người ký trong CMS", "No signer certificate in the CMS"});
    return report;
  }
  report.signer_name = common_name(X509_get_subject_name(signer));
  report.signer_subject = name_text(X509_get_subject_name(signer));
  report.issuer_name = common_name(X509_get_issuer_name(signer));
  report.serial_hex = serial_hex(signer);

  // PAdES baseline structure.
  std::vector<std::string> problems_vi;
  std::vector<std::string> problems_en;
  const auto problem = [&](const std::string& vi, const std::string& en) {
    problems_vi.push_back(vi);
    problems_en.push_back(en);
  };
  if (raw.sub_filter != "ETSI.CAdES.detached") {
    problem("SubFilter là /" + raw.sub_filter + " (cần /ETSI.CAdES.detached)",
            "SubFilter is /" + raw.sub_filter + " (/ETSI.CAdES.detached expected)");
  }
  if (sk_CMS_SignerInfo_num(infos) != 1) {
    problem("có " + std::to_string(sk_CMS_SignerInfo_num(infos)) + " SignerInfo (cần đúng 1)",
            std::to_string(sk_CMS_SignerInfo_num(infos)) + " SignerInfos (exactly 1 expected)");
  }
  if (CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) >= 0) {
    problem("có thuộc tính signing-time (PAdES cấm)", "signing-time attribute present (forbidden)");
  }
  if (md != EVP_sha256() && md != EVP_sha384() && md != EVP_sha512()) {
    problem("thuật toán băm yếu hoặc không rõ", "weak or unknown digest algorithm");
  }
  const auto* ess = static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  if (ess == nullptr) {
    problem("thiếu signing-certificate-v2", "signing-certificate-v2 missing");
  } else {
    const auto* q = ASN1_STRING_get0_data(ess);
    EssCertV2Ptr ss(d2i_ESS_SIGNING_CERT_V2(nullptr, &q, ASN1_STRING_length(ess)));
    X509StackPtr just_signer(sk_X509_new_null());
    X509_up_ref(signer);
    sk_X509_push(just_signer.get(), signer);
    if (!ss || OSSL_ESS_check_signing_certs(nullptr, ss.get(), just_signer.get(), 1) != 1) {
      problem("signing-certificate-v2 không khớp chứng thư người ký",
              "signing-certificate-v2 does not match the signer certificate");
    }
    ERR_clear_error();
  }
  if (problems_vi.empty()) {
    add(report, "pades", CheckStatus::ok,
        {"Cấu trúc PAdES baseline đúng (ETSI.CAdES.detached, 1 SignerInfo, "
         "signing-certificate-v2, không signing-time)",
         "PAdES baseline structure (ETSI.CAdES.detached, one SignerInfo, "
         "signing-certificate-v2, no signing-time)"});
  } else {
    std::string vi;
    std::string en;
    for (size_t i = 0; i < problems_vi.size(); ++i) {
      vi += (i > 0 ? "; " : "") + problems_vi[i];
      en += (i > 0 ? "; " : "") + problems_en[i];
    }
    add(report, "pades", CheckStatus::failed,
        {"Sai cấu trúc PAdES: " + vi, "Not PAdES baseline: " + en});
  }

  // Signature time-stamp (B-T) decides the time the chain is judged at.
  long long at = static_cast<long long>(std::time(nullptr));
  bool has_timestamp = false;
  const auto* token = static_cast<const ASN1_STRING*>(CMS_unsigned_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken), -3, V_ASN1_SEQUENCE));
  report.level = "B-B";
  if (token != nullptr) {
    const std::string value = asn1_bytes(CMS_SignerInfo_get0_signature(si));
    const long long when =
        check_timestamp_token(report, asn1_bytes(token), value, trust, proof_time);
    if (when >= 0) {
      at = when;
      has_timestamp = true;
      report.timestamp_time = unix_to_vietnam_iso(when);
      report.level = "B-T";
    }
  }
  report.validation_time = unix_to_vietnam_iso(at);
  check_chain(report, signer, cms.get(), at, has_timestamp, trust);
  return report;
}

} // namespace sohoa::sign
