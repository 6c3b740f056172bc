#pragma once
// The one concrete signer: an EVP_PKEY (from a file or a token) plus its
// certificate and chain. All key sources build one of these.
#include "openssl_handles.hpp"
#include "sohoa/sign/signer.hpp"

namespace sohoa::sign {

class KeySigner final : public Signer {
public:
  // keeper holds whatever must outlive the key (the PKCS#11 ENGINE).
  KeySigner(std::shared_ptr<void> keeper, EvpPkeyPtr key, X509Ptr cert, X509StackPtr chain)
      : m_keeper(std::move(keeper)), m_key(std::move(key)), m_cert(std::move(cert)),
        m_chain(std::move(chain)) {}
  CertificateSummary certificate() const override;
  EVP_PKEY* key() const { return m_key.get(); }
  X509* cert() const { return m_cert.get(); }
  STACK_OF(X509) * chain() const { return m_chain.get(); }

private:
  std::shared_ptr<void> m_keeper; // declared first: released last
  EvpPkeyPtr m_key;
  X509Ptr m_cert;
  X509StackPtr m_chain;
};

// Throws Error(sign, "signer_unavailable") unless signer is a KeySigner.
const KeySigner& as_key_signer(const Signer& signer);

CertificateSummary summarize_certificate(X509* cert);

// The pass phrase or PIN: secret_file when set, else the variable secret_env
// (empty when neither is set). Never logged.
std::string read_secret(const SignerSource& source);

// PKCS#11 through the OpenSSL ENGINE "pkcs11" (key_source_pkcs11.cpp).
std::shared_ptr<const Signer> load_pkcs11_signer(const SignerSource& source);

// Final checks shared by every source: key matches certificate, certificate
// currently valid. Throws signer_unavailable.
std::shared_ptr<const Signer> finish_signer(std::shared_ptr<void> keeper, EvpPkeyPtr key,
                                            X509Ptr cert, X509StackPtr chain);

} // namespace sohoa::sign

namespace sohoa::sign {
// Appends every PEM certificate of path to out; throws signer_unavailable when
// the file cannot be read.
void read_certificates(const std::filesystem::path& path, std::vector<X509Ptr>& out);
} // namespace sohoa::sign
