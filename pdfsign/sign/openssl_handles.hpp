#pragma once
// RAII for the OpenSSL handles the signing code holds, and one helper turning the
// OpenSSL error queue into text for sohoa::Error messages.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pkcs12.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <memory>
#include <string>
#include <vector>

namespace sohoa::sign {

struct BioFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct EvpMdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct X509CrlFree {
  void operator()(X509_CRL* p) const { X509_CRL_free(p); }
};
struct X509StoreFree {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct X509StoreCtxFree {
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct X509StackFree {
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
struct CrlStackFree {
  void operator()(STACK_OF(X509_CRL) * p) const { sk_X509_CRL_pop_free(p, X509_CRL_free); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct Pkcs12Free {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};
struct Pkcs7Free {
  void operator()(PKCS7* p) const { PKCS7_free(p); }
};
struct TsReqFree {
  void operator()(TS_REQ* p) const { TS_REQ_free(p); }
};
struct TsRespFree {
  void operator()(TS_RESP* p) const { TS_RESP_free(p); }
};
struct TsMsgImprintFree {
  void operator()(TS_MSG_IMPRINT* p) const { TS_MSG_IMPRINT_free(p); }
};
struct TsVerifyCtxFree {
  void operator()(TS_VERIFY_CTX* p) const { TS_VERIFY_CTX_free(p); }
};
struct TsTstInfoFree {
  void operator()(TS_TST_INFO* p) const { TS_TST_INFO_free(p); }
};
struct X509AlgorFree {
  void operator()(X509_ALGOR* p) const { X509_ALGOR_free(p); }
};
struct Asn1IntegerFree {
  void operator()(ASN1_INTEGER* p) const { ASN1_INTEGER_free(p); }
};
struct OcspRequestFree {
  void operator()(OCSP_REQUEST* p) const { OCSP_REQUEST_free(p); }
};
struct OcspResponseFree {
  void operator()(OCSP_RESPONSE* p) const { OCSP_RESPONSE_free(p); }
};
struct OcspBasicRespFree {
  void operator()(OCSP_BASICRESP* p) const { OCSP_BASICRESP_free(p); }
};
struct OcspCertIdFree {
  void operator()(OCSP_CERTID* p) const { OCSP_CERTID_free(p); }
};
struct EssCertV2Free {
  void operator()(ESS_SIGNING_CERT_V2* p) const { ESS_SIGNING_CERT_V2_free(p); }
};

using BioPtr = std::unique_ptr<BIO, BioFree>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using X509CrlPtr = std::unique_ptr<X509_CRL, X509CrlFree>;
using X509StorePtr = std::unique_ptr<X509_STORE, X509StoreFree>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, X509StoreCtxFree>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;
using CrlStackPtr = std::unique_ptr<STACK_OF(X509_CRL), CrlStackFree>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Pkcs12Free>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Pkcs7Free>;
using TsReqPtr = std::unique_ptr<TS_REQ, TsReqFree>;
using TsRespPtr = std::unique_ptr<TS_RESP, TsRespFree>;
using TsMsgImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, TsMsgImprintFree>;
using TsVerifyCtxPtr = std::unique_ptr<TS_VERIFY_CTX, TsVerifyCtxFree>;
using TsTstInfoPtr = std::unique_ptr<TS_TST_INFO, TsTstInfoFree>;
using X509AlgorPtr = std::unique_ptr<X509_ALGOR, X509AlgorFree>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, Asn1IntegerFree>;
using OcspRequestPtr = std::unique_ptr<OCSP_REQUEST, OcspRequestFree>;
using OcspResponsePtr = std::unique_ptr<OCSP_RESPONSE, OcspResponseFree>;
using OcspBasicRespPtr = std::unique_ptr<OCSP_BASICRESP, OcspBasicRespFree>;
using OcspCertIdPtr = std::unique_ptr<OCSP_CERTID, OcspCertIdFree>;
using EssCertV2Ptr = std::unique_ptr<ESS_SIGNING_CERT_V2, EssCertV2Free>;

// A CRL in DER or PEM; null when it is neither. The caller owns the result.
X509_CRL* parse_crl(const std::string& data);

// Drains the OpenSSL error queue into "what: reason; reason".
std::string openssl_error(const std::string& what);

// DER encodings, hex, digests and time text shared by signing and verification.
std::string to_der(X509* cert);
std::string hex_lower(const unsigned char* data, size_t size);
std::string sha256_bytes(const unsigned char* data, size_t size); // raw 32 bytes
std::string asn1_time_iso(const ASN1_TIME* time);                 // "2026-11-22T11:05:00Z"
bool asn1_time_to_unix(const ASN1_TIME* time, long long& out);
std::string unix_to_vietnam_iso(long long unix_seconds); // "...+07:00"
// A Unix time in Vietnam's time (UTC+7) through a strftime format.
std::string unix_to_vietnam_time(long long unix_seconds, const char* format);
std::string serial_hex(X509* cert);           // "" when unreadable
std::string name_text(const X509_NAME* name); // RFC 2253, UTF-8
std::string common_name(const X509_NAME* name);

} // namespace sohoa::sign
