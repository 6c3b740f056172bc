// Signers whose key stays on a PKCS#11 token, through the OpenSSL ENGINE
// "pkcs11" (libengine-pkcs11-openssl). ENGINE is deprecated in OpenSSL 3.0 but
// is the only route on Debian 12; this file builds with -Wno-deprecated-declarations.
#include "sohoa/core/error.hpp"
#include "signer_impl.hpp"

#include <openssl/engine.h>
#include <openssl/err.h>

#include <cstdlib>

namespace sohoa::sign {
namespace {

[[noreturn]] void unavailable(const std::string& reason) {
  throw Error(Stage::sign, "signer_unavailable", reason);
}

struct EngineFree {
  void operator()(ENGINE* engine) const { ENGINE_free(engine); }
};
// A functional reference (from ENGINE_init) also holds a structural one.
struct EngineFinish {
  void operator()(ENGINE* engine) const { ENGINE_finish(engine); }
};

std::string module_path(const SignerSource& source) {
  if (!source.pkcs11_module.empty()) {
    return source.pkcs11_module;
  }
  if (const char* env = std::getenv("SOHOA_PKCS11_MODULE"); env != nullptr && *env != 0) {
    return env;
  }
  const char* k_softhsm = "/usr/lib/softhsm/libsofthsm2.so";
  if (std::filesystem::exists(k_softhsm)) {
    return k_softhsm;
  }
  unavailable("no PKCS#11 module: set --pkcs11-module or SOHOA_PKCS11_MODULE");
}

// The certificate object shares id/label with the key; drop the key's type=.
std::string certificate_uri(const std::string& uri) {
  std::string out;
  size_t start = 0;
  while (start <= uri.size()) {
    size_t end = uri.find_first_of(";?", start);
    if (end == std::string::npos) {
      end = uri.size();
    }
    std::string part = uri.substr(start, end - start);
    if (part.rfind("type=", 0) != 0) {
      if (!out.empty()) {
        out += ';';
      }
      out += part;
    }
    start = end + 1;
  }
  return out;
}

} // namespace

std::shared_ptr<const Signer> load_pkcs11_signer(const SignerSource& source) {
  if (source.pkcs11_uri.rfind("pkcs11:", 0) != 0) {
    unavailable("a PKCS#11 URI starts with pkcs11:");
  }
  const std::string module = module_path(source);
  ENGINE* raw = ENGINE_by_id("pkcs11");
  if (raw == nullptr) {
    ERR_clear_error();
    unavailable("the OpenSSL engine pkcs11 is missing (install libengine-pkcs11-openssl)");
  }
  std::unique_ptr<ENGINE, EngineFree> structural(raw);
  const std::string pin = read_secret(source);
  if (ENGINE_ctrl_cmd_string(raw, "MODULE_PATH", module.c_str(), 0) != 1 ||
      (!pin.empty() && ENGINE_ctrl_cmd_string(raw, "PIN", pin.c_str(), 0) != 1)) {
    ERR_clear_error();
    unavailable("the pkcs11 engine refused the module " + module);
  }
  if (ENGINE_init(raw) != 1) {
    ERR_clear_error();
    unavailable("cannot initialise the PKCS#11 module " + module);
  }
  std::shared_ptr<ENGINE> engine(raw, EngineFinish{});
  EvpPkeyPtr key(ENGINE_load_private_key(raw, source.pkcs11_uri.c_str(), nullptr, nullptr));
  if (!key) {
    ERR_clear_error();
    unavailable("no private key at the PKCS#11 URI (wrong PIN or URI?)");
  }
  X509Ptr cert;
  X509StackPtr chain(sk_X509_new_null());
  std::vector<X509Ptr> file_certs;
  if (!source.cert_pem.empty()) {
    read_certificates(source.cert_pem, file_certs);
  }
  if (!source.chain_pem.empty()) {
    read_certificates(source.chain_pem, file_certs);
  }
  for (auto& file_cert : file_certs) {
    if (!cert && X509_check_private_key(file_cert.get(), key.get()) == 1) {
      cert = std::move(file_cert);
    } else {
      sk_X509_push(chain.get(), file_cert.release());
    }
  }
  ERR_clear_error();
  if (!cert) {
    const std::string cert_uri = certificate_uri(source.pkcs11_uri);
    struct {
      const char* id;
      X509* cert;
    } params{cert_uri.c_str(), nullptr};
    if (ENGINE_ctrl_cmd(raw, "LOAD_CERT_CTRL", 0, &params, nullptr, 1) != 1 ||
        params.cert == nullptr) {
      ERR_clear_error();
      unavailable("no certificate for the key on the token (give --sign-cert)");
    }
    cert.reset(params.cert);
  }
  return finish_signer(engine, std::move(key), std::move(cert), std::move(chain));
}

} // namespace sohoa::sign
