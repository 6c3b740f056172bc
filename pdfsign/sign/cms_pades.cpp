#include "cms_pades.hpp"

#include "sohoa/core/error.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <algorithm>

namespace sohoa::sign {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(Stage::sign, "signing_failed", openssl_error(what));
}

// RSASSA-PSS-params: SHA-256, MGF1 with SHA-256, salt 32, trailer 1 (default).
const unsigned char k_pss_sha256_params[] = {
    0x30, 0x34, 0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
    0x04, 0x02, 0x01, 0x05, 0x00, 0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48,
    0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0xa2, 0x03, 0x02, 0x01, 0x20};

void der_length(std::string& out, size_t length) {
  if (length < 0x80) {
    out += static_cast<char>(length);
    return;
  }
  std::string bytes;
  for (size_t n = length; n > 0; n >>= 8) {
    bytes.insert(bytes.begin(), static_cast<char>(n & 0xff));
  }
  out += static_cast<char>(0x80 | bytes.size());
  out += bytes;
}

// DER of the signed attributes as the SET OF that is signed (elements sorted).
std::string signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::string> items;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* der = nullptr;
    const int size = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
    if (size <= 0) {
      fail("cannot encode a signed attribute");
    }
    items.emplace_back(reinterpret_cast<char*>(der), static_cast<size_t>(size));
    OPENSSL_free(der);
  }
  std::sort(items.begin(), items.end());
  std::string body;
  for (const auto& item : items) {
    body += item;
  }
  std::string out(1, '\x31');
  der_length(out, body.size());
  return out + body;
}

std::string sign_bytes(EVP_PKEY* key, bool pss, const std::string& data) {
  EvpMdCtxPtr md(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!md || EVP_DigestSignInit(md.get(), &pctx, EVP_sha256(), nullptr, key) != 1) {
    fail("cannot start signing with the key");
  }
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) != 1 ||
              EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1)) {
    fail("cannot set RSA-PSS parameters");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  size_t size = 0;
  if (EVP_DigestSign(md.get(), nullptr, &size, in, data.size()) != 1) {
    fail("the key refused to sign");
  }
  std::string sig(size, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, in,
                     data.size()) != 1) {
    fail("the key refused to sign");
  }
  sig.resize(size);
  return sig;
}

void set_signature_algorithm(CMS_SignerInfo* si, EVP_PKEY* key, bool pss) {
  X509_ALGOR* alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, nullptr, &alg);
  if (alg == nullptr) {
    fail("no signatureAlgorithm slot");
  }
  const int type = EVP_PKEY_get_base_id(key);
  if (type == EVP_PKEY_EC) {
    X509_ALGOR_set0(alg, OBJ_nid2obj(NID_ecdsa_with_SHA256), V_ASN1_UNDEF, nullptr);
  } else if (pss) {
    ASN1_STRING* params = ASN1_STRING_new();
    if (params == nullptr ||
        ASN1_STRING_set(params, k_pss_sha256_params, sizeof k_pss_sha256_params) != 1) {
      ASN1_STRING_free(params);
      fail("cannot encode RSA-PSS parameters");
    }
    X509_ALGOR_set0(alg, OBJ_nid2obj(NID_rsassaPss), V_ASN1_SEQUENCE, params);
  } else {
    X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256WithRSAEncryption), V_ASN1_NULL, nullptr);
  }
}

} // namespace

PadesCms build_pades_cms(const KeySigner& signer, const std::string& content_digest,
                         const std::string& tsa_url, bool rsa_pss) {
  // RSA-PSS keys can only sign PSS; plain RSA keys when asked to.
  const int type = EVP_PKEY_get_base_id(signer.key());
  const bool pss = type == EVP_PKEY_RSA_PSS || (rsa_pss && type == EVP_PKEY_RSA);
  constexpr unsigned k_flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, k_flags));
  if (!cms) {
    fail("cannot create the CMS structure");
  }
  // CMS_PARTIAL: OpenSSL adds signing-cert-v2 (CMS_CADES) but does not sign, so
  // it never adds the signing-time that PAdES baseline forbids.
  CMS_SignerInfo* si =
      CMS_add1_signer(cms.get(), signer.cert(), signer.key(), EVP_sha256(), k_flags | CMS_CADES);
  if (si == nullptr) {
    fail("cannot add the signer");
  }
  for (int i = 0; i < sk_X509_num(signer.chain()); ++i) {
    X509* cert = sk_X509_value(signer.chain(), i);
    if (X509_check_issued(cert, cert) == X509_V_OK) {
      continue; // trust anchors are the verifier's business, not ours to ship
    }
    if (CMS_add1_cert(cms.get(), cert) != 1) {
      fail("cannot add a chain certificate");
    }
  }
  if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                  OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                  content_digest.data(),
                                  static_cast<int>(content_digest.size())) != 1) {
    fail("cannot add the signed attributes");
  }
  const std::string signature = sign_bytes(signer.key(), pss, signed_attributes_der(si));
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature.data(),
                      static_cast<int>(signature.size())) != 1) {
    fail("cannot store the signature value");
  }
  set_signature_algorithm(si, signer.key(), pss);

  PadesCms out;
  if (!tsa_url.empty()) {
    const std::string imprint =
        sha256_bytes(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
    out.timestamp = request_timestamp(tsa_url, imprint);
    if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                      out.timestamp->der.data(),
                                      static_cast<int>(out.timestamp->der.size())) != 1) {
      fail("cannot attach the time-stamp token");
    }
  }
  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(cms.get(), &der);
  if (size <= 0) {
    fail("cannot encode the CMS");
  }
  out.der.assign(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

} // namespace sohoa::sign
