#include "sohoa/core/hash.hpp"
#include "sohoa/core/error.hpp"
#include <array>
#include <fstream>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <vector>

namespace sohoa {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// Incremental SHA-256 so large scans are hashed without loading them whole.
class Sha256 {
public:
  Sha256() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) {
      throw Error(Stage::output, "openssl", "cannot initialise SHA-256");
    }
  }
  void update(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(m_ctx.get(), data, size) != 1) {
      throw Error(Stage::output, "openssl", "SHA-256 update failed");
    }
  }
  std::string hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx.get(), md.data(), &len) != 1) {
      throw Error(Stage::output, "openssl", "SHA-256 final failed");
    }
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
      out += k_digits[md[i] >> 4];
      out += k_digits[md[i] & 0xF];
    }
    return out;
  }

private:
  MdCtx m_ctx;
};

} // namespace

std::string sha256_hex(std::span<const unsigned char> bytes) {
  Sha256 h;
  h.update(bytes.data(), bytes.size());
  return h.hex();
}

std::string sha256_hex(const std::string& bytes) {
  Sha256 h;
  h.update(bytes.data(), bytes.size());
  return h.hex();
}

std::string sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Stage::output, "unreadable_file", "cannot open for hashing", path.string());
  }
  Sha256 h;
  std::array<char, 1 << 16> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    if (in.gcount() > 0) {
      h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
  }
  if (in.bad()) {
    throw Error(Stage::output, "unreadable_file", "read error while hashing", path.string());
  }
  return h.hex();
}

std::string random_hex(std::size_t byte_count) {
  std::vector<unsigned char> bytes(byte_count);
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw Error(Stage::config, "no_randomness", "cannot draw random bytes");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * byte_count);
  for (unsigned char b : bytes) {
    out += k_hex[b >> 4U];
    out += k_hex[b & 0xFU];
  }
  return out;
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace sohoa
