// Signers from PEM files and PKCS#12, and the shared certificate checks.
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "signer_impl.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <cstring>

namespace sohoa::sign {
namespace {

[[noreturn]] void unavailable(const std::string& reason) {
  throw Error(Stage::sign, "signer_unavailable", reason);
}

BioPtr open_file(const std::filesystem::path& path, const char* what) {
  BioPtr bio(BIO_new_file(path.c_str(), "rb"));
  if (!bio) {
    ERR_clear_error();
    unavailable(std::string("cannot read the ") + what + " " + path.string());
  }
  return bio;
}

int pass_callback(char* buffer, int size, int, void* user) {
  const auto* secret = static_cast<const std::string*>(user);
  if (secret->empty() || static_cast<int>(secret->size()) > size) {
    return -1;
  }
  std::memcpy(buffer, secret->data(), secret->size());
  return static_cast<int>(secret->size());
}

} // namespace

void read_certificates(const std::filesystem::path& path, std::vector<X509Ptr>& out) {
  BioPtr bio = open_file(path, "certificate file");
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(cert);
  }
  ERR_clear_error(); // the end of the file reads as an error
}

namespace {

std::shared_ptr<const Signer> load_pem_signer(const SignerSource& source) {
  std::vector<X509Ptr> certs;
  read_certificates(source.cert_pem, certs);
  if (certs.empty()) {
    unavailable("no certificate in " + source.cert_pem.string());
  }
  if (!source.chain_pem.empty()) {
    read_certificates(source.chain_pem, certs);
  }
  BioPtr key_bio = open_file(source.key_pem, "private key file");
  const std::string secret = read_secret(source);
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, pass_callback,
                                         const_cast<std::string*>(&secret)));
  if (!key) {
    ERR_clear_error();
    unavailable("cannot read the private key " + source.key_pem.string() +
                " (wrong pass phrase or not a PEM key)");
  }
  // The leaf is the certificate holding the key's public half, wherever it is.
  X509Ptr leaf;
  X509StackPtr chain(sk_X509_new_null());
  for (auto& cert : certs) {
    if (!leaf && X509_check_private_key(cert.get(), key.get()) == 1) {
      leaf = std::move(cert);
    } else {
      sk_X509_push(chain.get(), cert.release());
    }
  }
  ERR_clear_error();
  if (!leaf) {
    unavailable("the private key does not match any certificate in " + source.cert_pem.string());
  }
  return finish_signer(nullptr, std::move(key), std::move(leaf), std::move(chain));
}

std::shared_ptr<const Signer> load_p12_signer(const SignerSource& source) {
  BioPtr bio = open_file(source.p12, "PKCS#12 file");
  Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) {
    ERR_clear_error();
    unavailable("not a PKCS#12 file: " + source.p12.string());
  }
  const std::string secret = read_secret(source);
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  if (PKCS12_parse(p12.get(), secret.c_str(), &key, &cert, &ca) != 1) {
    ERR_clear_error();
    unavailable("cannot open the PKCS#12 file " + source.p12.string() + " (wrong pass phrase?)");
  }
  EvpPkeyPtr key_ptr(key);
  X509Ptr cert_ptr(cert);
  X509StackPtr chain(ca != nullptr ? ca : sk_X509_new_null());
  if (!key_ptr || !cert_ptr) {
    unavailable("the PKCS#12 file holds no key and certificate pair");
  }
  return finish_signer(nullptr, std::move(key_ptr), std::move(cert_ptr), std::move(chain));
}

} // namespace

std::string read_secret(const SignerSource& source) {
  if (!source.secret_file.empty()) {
    std::string secret;
    try {
      secret = sohoa::read_file(source.secret_file);
    } catch (const Error&) {
      unavailable("cannot read the secret file " + source.secret_file.string());
    }
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
      secret.pop_back();
    }
    return secret;
  }
  if (!source.secret_env.empty()) {
    if (const char* value = std::getenv(source.secret_env.c_str())) {
      return value;
    }
  }
  return {};
}

CertificateSummary summarize_certificate(X509* cert) {
  CertificateSummary summary;
  summary.subject = name_text(X509_get_subject_name(cert));
  summary.issuer = name_text(X509_get_issuer_name(cert));
  summary.serial_hex = serial_hex(cert);
  const std::string der = to_der(cert);
  const std::string digest =
      sha256_bytes(reinterpret_cast<const unsigned char*>(der.data()), der.size());
  summary.sha256_fingerprint =
      hex_lower(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
  summary.not_before = asn1_time_iso(X509_get0_notBefore(cert));
  summary.not_after = asn1_time_iso(X509_get0_notAfter(cert));
  return summary;
}

CertificateSummary KeySigner::certificate() const {
  return summarize_certificate(m_cert.get());
}

const KeySigner& as_key_signer(const Signer& signer) {
  const auto* key_signer = dynamic_cast<const KeySigner*>(&signer);
  if (key_signer == nullptr) {
    unavailable("unsupported signer implementation");
  }
  return *key_signer;
}

std::shared_ptr<const Signer> finish_signer(std::shared_ptr<void> keeper, EvpPkeyPtr key,
                                            X509Ptr cert, X509StackPtr chain) {
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    unavailable("the private key does not match the certificate");
  }
  const std::string subject = name_text(X509_get_subject_name(cert.get()));
  if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) >= 0) {
    unavailable("the certificate of " + subject + " is not valid yet (from " +
                asn1_time_iso(X509_get0_notBefore(cert.get())) + ")");
  }
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0) {
    unavailable("the certificate of " + subject + " expired on " +
                asn1_time_iso(X509_get0_notAfter(cert.get())));
  }
  const int type = EVP_PKEY_get_base_id(key.get());
  if (type != EVP_PKEY_RSA && type != EVP_PKEY_RSA_PSS && type != EVP_PKEY_EC) {
    unavailable("unsupported key type (RSA, RSA-PSS or ECDSA P-256 expected)");
  }
  return std::make_shared<KeySigner>(std::move(keeper), std::move(key), std::move(cert),
                                     std::move(chain));
}

std::shared_ptr<const Signer> load_signer(const SignerSource& source) {
  // A token may take its certificate from --sign-cert when it holds none itself.
  const bool pkcs11 = !source.pkcs11_uri.empty();
  const int kinds = (!source.key_pem.empty() || (!pkcs11 && !source.cert_pem.empty()) ? 1 : 0) +
                    (!source.p12.empty() ? 1 : 0) + (pkcs11 ? 1 : 0);
  if (kinds != 1) {
    unavailable("give exactly one of --sign-cert/--sign-key, --sign-p12, --pkcs11-uri");
  }
  if (!source.p12.empty()) {
    return load_p12_signer(source);
  }
  if (pkcs11) {
    return load_pkcs11_signer(source);
  }
  if (source.cert_pem.empty() || source.key_pem.empty()) {
    unavailable("--sign-cert and --sign-key go together");
  }
  return load_pem_signer(source);
}

std::string openssl_version() {
  return OpenSSL_version(OPENSSL_VERSION);
}

} // namespace sohoa::sign
