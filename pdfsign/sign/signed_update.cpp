#include "signed_update.hpp"

#include "sohoa/core/error.hpp"
#include "openssl_handles.hpp"

namespace sohoa::sign {

std::string
write_signed_update(const std::filesystem::path& path, const pdf::SignatureFieldSpec& spec,
                    const std::function<std::string(const std::string&)>& make_contents) {
  pdf::PreparedSignature prepared = pdf::prepare_signature_update(path, spec);
  const std::string& bytes = prepared.bytes;
  EvpMdCtxPtr md(EVP_MD_CTX_new());
  unsigned char digest[32];
  unsigned int digest_size = 0;
  if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(md.get(), bytes.data(), static_cast<size_t>(prepared.range[1])) != 1 ||
      EVP_DigestUpdate(md.get(), bytes.data() + prepared.range[2],
                       static_cast<size_t>(prepared.range[3])) != 1 ||
      EVP_DigestFinal_ex(md.get(), digest, &digest_size) != 1) {
    throw Error(Stage::sign, "signing_failed", openssl_error("hashing the byte ranges failed"));
  }
  const std::string der = make_contents(std::string(reinterpret_cast<char*>(digest), digest_size));
  return pdf::fill_signature_contents(std::move(prepared), der);
}

} // namespace sohoa::sign
