#include "ocsp_client.hpp"

#include "http_fetch.hpp"
#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace sohoa::sign {
namespace {

// How far a responder's clock may be from ours when a fresh answer is judged.
constexpr long long k_clock_skew_s = 300;

long long unix_of(const ASN1_GENERALIZEDTIME* time) {
  long long out = 0;
  return time != nullptr && asn1_time_to_unix(time, out) ? out : 0;
}

// The single response about cert: the ids are compared with the hash the
// responder used, whatever it was.
OCSP_SINGLERESP* find_single(OCSP_BASICRESP* basic, X509* cert, X509* issuer) {
  for (int i = 0; i < OCSP_resp_count(basic); ++i) {
    OCSP_SINGLERESP* single = OCSP_resp_get0(basic, i);
    ASN1_OBJECT* hash = nullptr;
    OCSP_id_get0_info(nullptr, &hash, nullptr, nullptr,
                      const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(single)));
    const EVP_MD* md = hash != nullptr ? EVP_get_digestbyobj(hash) : nullptr;
    OcspCertIdPtr id(md != nullptr ? OCSP_cert_to_id(md, cert, issuer) : nullptr);
    if (id && OCSP_id_cmp(id.get(), OCSP_SINGLERESP_get0_id(single)) == 0) {
      return single;
    }
  }
  return nullptr;
}

// Signed by the issuer itself, or by a responder certificate the issuer gave
// id-kp-OCSPSigning, checked at the time the response says it was produced.
bool signed_by_issuer(OCSP_BASICRESP* basic, X509* issuer, long long produced_at,
                      std::string& problem) {
  X509StorePtr store(X509_STORE_new());
  X509StackPtr certs(sk_X509_new_null());
  if (!store || !certs || X509_STORE_add_cert(store.get(), issuer) != 1) {
    problem = "internal error";
    return false;
  }
  X509_up_ref(issuer);
  sk_X509_push(certs.get(), issuer);
  X509_VERIFY_PARAM* param = X509_STORE_get0_param(store.get());
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(produced_at));
  if (OCSP_basic_verify(basic, certs.get(), store.get(), OCSP_TRUSTOTHER | OCSP_NOEXPLICIT) != 1) {
    problem = openssl_error("the response is not signed by the issuer or its delegated responder");
    return false;
  }
  return true;
}

} // namespace

std::vector<std::string> ocsp_urls(X509* cert) {
  std::vector<std::string> out;
  STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(cert);
  for (int i = 0; i < sk_OPENSSL_STRING_num(urls); ++i) {
    out.emplace_back(sk_OPENSSL_STRING_value(urls, i));
  }
  X509_email_free(urls); // frees a STACK_OF(OPENSSL_STRING) of any kind
  return out;
}

OcspAnswer read_ocsp_response(const std::string& der, X509* cert, X509* issuer) {
  OcspAnswer answer;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
  OcspBasicRespPtr basic(response && OCSP_response_status(response.get()) ==
                                         OCSP_RESPONSE_STATUS_SUCCESSFUL
                             ? OCSP_response_get1_basic(response.get())
                             : nullptr);
  if (!basic) {
    ERR_clear_error();
    answer.status = OcspCertStatus::invalid;
    answer.problem = "not a successful OCSP response";
    return answer;
  }
  OCSP_SINGLERESP* single = find_single(basic.get(), cert, issuer);
  if (single == nullptr) {
    ERR_clear_error();
    return answer; // about other certificates
  }
  answer.produced_at = unix_of(OCSP_resp_get0_produced_at(basic.get()));
  if (!signed_by_issuer(basic.get(), issuer, answer.produced_at, answer.problem)) {
    answer.status = OcspCertStatus::invalid;
    return answer;
  }
  int reason = 0;
  ASN1_GENERALIZEDTIME* revoked = nullptr;
  ASN1_GENERALIZEDTIME* this_update = nullptr;
  ASN1_GENERALIZEDTIME* next_update = nullptr;
  const int status = OCSP_single_get0_status(single, &reason, &revoked, &this_update, &next_update);
  answer.this_update = unix_of(this_update);
  answer.next_update = unix_of(next_update);
  answer.revoked_at = unix_of(revoked);
  answer.status = status == V_OCSP_CERTSTATUS_GOOD      ? OcspCertStatus::good
                  : status == V_OCSP_CERTSTATUS_REVOKED ? OcspCertStatus::revoked
                                                        : OcspCertStatus::unknown;
  ERR_clear_error();
  return answer;
}

std::optional<std::string> fetch_ocsp(X509* cert, X509* issuer, std::string& error) {
  const std::vector<std::string> urls = ocsp_urls(cert);
  if (urls.empty()) {
    error = "the certificate names no OCSP responder";
    return std::nullopt;
  }
  error.clear();
  const auto note = [&](const std::string& url, const std::string& why) {
    error += (error.empty() ? "" : "; ") + std::string("OCSP responder ") + url + ": " + why;
  };
  for (const std::string& url : urls) {
    OcspRequestPtr request(OCSP_REQUEST_new());
    OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), cert, issuer);
    if (!request || id == nullptr || OCSP_request_add0_id(request.get(), id) == nullptr) {
      OCSP_CERTID_free(id);
      note(url, "cannot build the request");
      continue;
    }
    OCSP_request_add1_nonce(request.get(), nullptr, -1);
    unsigned char* der = nullptr;
    const int der_size = i2d_OCSP_REQUEST(request.get(), &der);
    if (der_size <= 0) {
      note(url, "cannot encode the request");
      continue;
    }
    HttpRequest http;
    http.url = url;
    http.body.assign(reinterpret_cast<char*>(der), static_cast<size_t>(der_size));
    OPENSSL_free(der);
    http.content_type = "application/ocsp-request";
    http.connect_timeout_s = 5;
    http.total_timeout_s = 20;
    http.max_bytes = 1 << 20;
    std::string why;
    const auto reply = http_fetch(http, why);
    if (!reply) {
      note(url, "unreachable (" + why + ")");
      continue;
    }
    if (reply->status != 200) {
      note(url, "answered HTTP " + std::to_string(reply->status));
      continue;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(reply->body.data());
    OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(reply->body.size())));
    OcspBasicRespPtr basic(response ? OCSP_response_get1_basic(response.get()) : nullptr);
    // 0: the nonces differ (a replayed answer); -1 (not echoed) is common and allowed.
    if (basic && OCSP_check_nonce(request.get(), basic.get()) == 0) {
      note(url, "the answer's nonce is not the request's");
      continue;
    }
    const OcspAnswer answer = read_ocsp_response(reply->body, cert, issuer);
    const long long now = static_cast<long long>(std::time(nullptr));
    if (answer.status == OcspCertStatus::invalid) {
      note(url, answer.problem);
    } else if (answer.status == OcspCertStatus::not_about_it) {
      note(url, "the answer is about another certificate");
    } else if (answer.status == OcspCertStatus::unknown) {
      note(url, "the responder does not know the certificate");
    } else if (answer.this_update > now + k_clock_skew_s ||
               (answer.next_update != 0 && answer.next_update < now - k_clock_skew_s)) {
      note(url, "the answer is not current");
    } else {
      ERR_clear_error();
      return reply->body;
    }
  }
  ERR_clear_error();
  return std::nullopt;
}

} // namespace sohoa::sign
