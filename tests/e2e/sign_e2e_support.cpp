#include "sign_e2e_support.hpp"

#include "support/process.hpp"
#include "support/scratch.hpp"
#include "support/tsa_server.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

namespace sohoa::test::e2esign {
namespace fs = std::filesystem;
namespace {

fs::path pki_scripts() {
  return source_dir() / "tests/unit/pdfsign/pki";
}

// One folder for the whole test process (PKI, NSS db, TSA port file).
const ScratchDir& process_dir() {
  static const ScratchDir s_dir{"e2e-sign"};
  return s_dir;
}

void require_ok(const CommandResult& r, const std::string& what) {
  if (r.exit_code != 0) {
    throw std::runtime_error(what + " failed (" + std::to_string(r.exit_code) + "): " + r.err +
                             r.out);
  }
}

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

} // namespace

const fs::path& pki() {
  static const fs::path s_pki = [] {
    const auto dir = process_dir() / "pki";
    require_ok(
        run_command({"/bin/bash", (pki_scripts() / "make-test-pki.sh").string(), dir.string()}),
        "make-test-pki.sh");
    return dir;
  }();
  return s_pki;
}

const fs::path& nss_db() {
  static const fs::path s_db = [] {
    const auto dir = process_dir() / "nss";
    fs::create_directories(dir);
    const std::string db = "sql:" + dir.string();
    require_ok(run_command({"/usr/bin/certutil", "-N", "-d", db, "--empty-password"}),
               "certutil -N");
    require_ok(run_command({"/usr/bin/certutil", "-A", "-d", db, "-n", "sohoa-test-root", "-t",
                            "CT,C,C", "-i", (pki() / "root.pem").string()}),
               "certutil -A");
    return dir;
  }();
  return s_db;
}

std::string tsa_url() {
  static const TsaServer s_tsa(pki(), process_dir().path(), 900);
  return s_tsa.url();
}

std::vector<fs::path> pdfs_under(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) {
    return out;
  }
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".pdf") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

PdfsigSummary pdfsig(const fs::path& pdf) {
  const auto r =
      run_command({"/usr/bin/pdfsig", "-nssdir", "sql:" + nss_db().string(), pdf.string()});
  PdfsigSummary s;
  s.text = r.out + r.err;
  s.signatures = count(s.text, "Signature #");
  s.valid = count(s.text, "Signature is Valid.");
  s.trusted = count(s.text, "Certificate is Trusted.");
  return s;
}

std::optional<Token> make_softhsm_token(const fs::path& dir) {
  const fs::path module = "/usr/lib/softhsm/libsofthsm2.so";
  const fs::path engine = "/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so";
  if (!fs::exists(module) || !fs::exists(engine) || !fs::exists("/usr/bin/softhsm2-util") ||
      !fs::exists("/usr/bin/pkcs11-tool")) {
    return std::nullopt;
  }
  Token t;
  t.module = module.string();
  t.pin = "4321";
  t.key_uri = "pkcs11:token=sohoa-e2e;object=e2e-key;type=private";
  const auto tokens = dir / "tokens";
  fs::create_directories(tokens);
  const auto conf = dir / "softhsm2.conf";
  std::ofstream(conf) << "directories.tokendir = " << tokens.string()
                      << "\nobjectstore.backend = file\nlog.level = ERROR\n";
  t.env = "SOFTHSM2_CONF=" + conf.string();
  const std::vector<std::string> env = {t.env};
  require_ok(run_command({"/usr/bin/softhsm2-util", "--init-token", "--free", "--label",
                          "sohoa-e2e", "--pin", t.pin, "--so-pin", "8765"},
                         env),
             "softhsm2-util --init-token");
  const std::vector<std::string> tool = {"/usr/bin/pkcs11-tool",
                                         "--module",
                                         t.module,
                                         "--token-label",
                                         "sohoa-e2e",
                                         "--login",
                                         "--pin",
                                         t.pin};
  auto with = [&](std::vector<std::string> extra) {
    auto argv = tool;
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  };
  require_ok(run_command(with({"--keypairgen", "--key-type", "EC:prime256v1", "--id", "02",
                               "--label", "e2e-key"}),
                         env),
             "pkcs11-tool --keypairgen");
  // The CSR is signed on the token (the key never leaves it), the test issuing CA
  // certifies it, and the certificate goes back onto the token next to the key.
  const auto csr = dir / "token.csr";
  const auto pem = dir / "token.pem";
  const auto der = dir / "token.der";
  auto openssl_env = env;
  openssl_env.push_back("OPENSSL_CONF=/dev/null");
  require_ok(run_command({"/usr/bin/openssl", "req", "-new", "-engine", "pkcs11", "-keyform",
                          "engine", "-key", t.key_uri + ";pin-value=" + t.pin, "-subj",
                          "/C=VN/O=Sohoa Test/CN=E2E Token Signer", "-out", csr.string()},
                         openssl_env),
             "openssl req on the token");
  require_ok(run_command({"/bin/sh", "-c",
                          "cd \"$0\" && openssl ca -batch -notext -config ca.cnf -name int_ca "
                          "-extensions v3_signer -days 30 -in \"$1\" -out \"$2\"",
                          pki().string(), csr.string(), pem.string()}),
             "openssl ca for the token key");
  require_ok(run_command({"/usr/bin/openssl", "x509", "-in", pem.string(), "-outform", "DER",
                          "-out", der.string()}),
             "openssl x509 -outform DER");
  require_ok(run_command(with({"--write-object", der.string(), "--type", "cert", "--id", "02",
                               "--label", "e2e-key"}),
                         env),
             "pkcs11-tool --write-object");
  return t;
}

std::string normalise_hex(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  const auto first = out.find_first_not_of('0');
  return first == std::string::npos ? "0" : out.substr(first);
}

std::string x509_field(const fs::path& pem, const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {"/usr/bin/openssl", "x509", "-in", pem.string(), "-noout"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  const auto r = run_command(argv);
  require_ok(r, "openssl x509 " + flags.front());
  const auto eq = r.out.find('=');
  std::string value = eq == std::string::npos ? r.out : r.out.substr(eq + 1);
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) {
    value.pop_back();
  }
  return value;
}

} // namespace sohoa::test::e2esign
