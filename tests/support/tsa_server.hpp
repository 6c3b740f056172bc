#pragma once
// The test PKI's RFC 3161 timestamp authority (tests/unit/pdfsign/pki/tsa_server.py)
// as a child process on a free loopback port, for as long as the object lives.
#include <filesystem>
#include <string>
#include <sys/types.h>

namespace sohoa::test {

class TsaServer {
public:
  // pki: the test PKI folder; work: where the server writes its port; the server
  // stops by itself after lifetime_s. Throws std::runtime_error when it does not
  // start.
  TsaServer(const std::filesystem::path& pki, const std::filesystem::path& work, int lifetime_s);
  ~TsaServer();
  TsaServer(const TsaServer&) = delete;
  TsaServer& operator=(const TsaServer&) = delete;
  const std::string& url() const { return m_url; }

private:
  pid_t m_pid = -1;
  std::string m_url;
};

} // namespace sohoa::test
