#include "tsa_client.hpp"

#include "sohoa/core/error.hpp"
#include "http_fetch.hpp"
#include "openssl_handles.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/rand.h>

namespace sohoa::sign {
namespace {

[[noreturn]] void unavailable(const std::string& reason) {
  ERR_clear_error();
  throw Error(Stage::sign, "tsa_unavailable", reason);
}

TsReqPtr make_request(const std::string& digest) {
  TsReqPtr req(TS_REQ_new());
  TsMsgImprintPtr imprint(TS_MSG_IMPRINT_new());
  X509AlgorPtr algo(X509_ALGOR_new());
  unsigned char nonce_bytes[8];
  if (!req || !imprint || !algo || RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1) {
    unavailable("cannot build the time-stamp request");
  }
  nonce_bytes[0] &= 0x7f; // a positive INTEGER
  BIGNUM* bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr);
  Asn1IntegerPtr nonce(bn != nullptr ? BN_to_ASN1_INTEGER(bn, nullptr) : nullptr);
  BN_free(bn);
  X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  if (!nonce || TS_REQ_set_version(req.get(), 1) != 1 ||
      TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(),
                             reinterpret_cast<unsigned char*>(const_cast<char*>(digest.data())),
                             static_cast<int>(digest.size())) != 1 ||
      TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1) {
    unavailable("cannot build the time-stamp request");
  }
  return req;
}

} // namespace

TimestampToken request_timestamp(const std::string& url, const std::string& sha256_digest) {
  TsReqPtr req = make_request(sha256_digest);
  unsigned char* der = nullptr;
  const int der_size = i2d_TS_REQ(req.get(), &der);
  if (der_size <= 0) {
    unavailable("cannot encode the time-stamp request");
  }
  HttpRequest http;
  http.url = url;
  http.body.assign(reinterpret_cast<char*>(der), static_cast<size_t>(der_size));
  OPENSSL_free(der);
  http.content_type = "application/timestamp-query";
  http.max_bytes = 1 << 20;
  std::string error;
  const auto reply = http_fetch(http, error);
  if (!reply) {
    unavailable("TSA unreachable: " + error);
  }
  if (reply->status != 200) {
    unavailable("TSA answered HTTP " + std::to_string(reply->status));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(reply->body.data());
  TsRespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply->body.size())));
  if (!resp || TS_RESP_get_token(resp.get()) == nullptr) {
    unavailable("the TSA reply is not a granted RFC 3161 response");
  }
  PKCS7* token = TS_RESP_get_token(resp.get());
  // Check the reply against our request: status, version, nonce, imprint, and
  // the token signature with the certificates the TSA sent (partial chain).
  TsVerifyCtxPtr ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  X509_STORE* store = X509_STORE_new();
  if (!ctx || store == nullptr) {
    X509_STORE_free(store);
    unavailable("cannot check the TSA reply");
  }
  TS_VERIFY_CTX_set_store(ctx.get(), store); // owned by ctx from here
  X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
  STACK_OF(X509)* sent = PKCS7_type_is_signed(token) ? token->d.sign->cert : nullptr;
  for (int i = 0; sent != nullptr && i < sk_X509_num(sent); ++i) {
    X509_STORE_add_cert(store, sk_X509_value(sent, i));
  }
  if (sent == nullptr || sk_X509_num(sent) == 0) {
    unavailable("the TSA reply carries no certificate (certReq was set)");
  }
  TS_VERIFY_CTX_add_flags(ctx.get(), TS_VFY_SIGNATURE);
  if (TS_RESP_verify_response(ctx.get(), resp.get()) != 1) {
    unavailable(openssl_error("the TSA reply does not check out"));
  }
  TimestampToken out;
  unsigned char* token_der = nullptr;
  const int token_size = i2d_PKCS7(token, &token_der);
  if (token_size <= 0) {
    unavailable("cannot encode the time-stamp token");
  }
  out.der.assign(reinterpret_cast<char*>(token_der), static_cast<size_t>(token_size));
  OPENSSL_free(token_der);
  if (!asn1_time_to_unix(TS_TST_INFO_get_time(TS_RESP_get_tst_info(resp.get())), out.gen_time)) {
    unavailable("the time-stamp token has no readable time");
  }
  return out;
}

} // namespace sohoa::sign
