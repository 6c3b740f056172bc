// `sohoa serve` with a token, off 127.0.0.1: a browser logs in through the form
// and gets a session cookie (it cannot send Authorization on page loads), scripts
// keep the bearer header, and state changes still need the session's CSRF token.
#include "e2e_support.hpp"
#include <arpa/inet.h>
#include <csignal>
#include <httplib.h>
#include <netinet/in.h>
#include <regex>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_host = "127.0.0.2";
constexpr const char* k_token = "counter-token-0123456789abcdef";

std::string set_cookie(const httplib::Result& res, const std::string& name) {
  for (const auto& [key, value] : res->headers) {
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) {
      return value;
    }
  }
  return {};
}

std::string cookie_pair(const std::string& set_cookie_header) {
  return set_cookie_header.substr(0, set_cookie_header.find(';'));
}

std::string hidden_csrf(const std::string& html) {
  std::smatch m;
  REQUIRE(std::regex_search(html, m, std::regex(R"re(name="csrf" value="([0-9a-f]+)")re")));
  return m[1];
}

std::string meta_csrf(const std::string& html) {
  std::smatch m;
  REQUIRE(std::regex_search(html, m, std::regex(R"re(name="sohoa-csrf" content="([0-9a-f]+)")re")));
  return m[1];
}

// The login form: its CSRF cookie and hidden field.
struct LoginForm {
  std::string cookie; // "sohoa_login=..."
  std::string csrf;
};

LoginForm open_login(httplib::Client& client) {
  const auto res = client.Get("/login?next=/dossiers/hs-1");
  REQUIRE(res);
  CHECK(res->status == 200);
  const std::string cookie = set_cookie(res, "sohoa_login");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(res->body.find("value=\"/dossiers/hs-1\"") != std::string::npos);
  return {cookie_pair(cookie), hidden_csrf(res->body)};
}

httplib::Result post_login(httplib::Client& client, int port, const LoginForm& form,
                           const std::string& token) {
  httplib::Headers headers;
  headers.emplace("Cookie", form.cookie);
  headers.emplace("Origin", std::string("http://") + k_host + ":" + std::to_string(port));
  const std::string body = "token=" + httplib::detail::encode_query_param(token) +
                           "&csrf=" + form.csrf + "&next=%2Fdossiers%2Fhs-1";
  return client.Post("/login", headers, body, "application/x-www-form-urlencoded");
}

} // namespace

TEST_CASE("off loopback a browser logs in with the token and gets a strict session cookie") {
  ScratchDir dir("serve-login");
  const int port = free_port(k_host);
  BackgroundCommand server({sohoa_binary().string(), "serve", "--data", (dir / "data").string(),
                            "--listen", std::string(k_host) + ":" + std::to_string(port), "--jobs",
                            "1", "--quiet"},
                           {std::string("SOHOA_SERVE_TOKEN=") + k_token,
                            "SOHOA_PRIORITY_LOCK=" + (dir / "priority.lock").string()});
  httplib::Client client(k_host, port);
  client.set_connection_timeout(2);
  bool up = false;
  for (int i = 0; i < 600 && !up && server.running(); ++i) {
    const auto res = client.Get("/healthz");
    up = res && res->status == 200; // needs no token
    if (!up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  REQUIRE(up);
  const std::string origin = std::string("http://") + k_host + ":" + std::to_string(port);

  // Without credentials: pages send the browser to the form, the API says 401.
  auto res = client.Get("/dossiers/hs-1");
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(res->get_header_value("Location") == "/login?next=/dossiers/hs-1");
  res = client.Get("/api/forms");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(res->body.find("\"unauthorized\"") != std::string::npos);

  // A wrong token, a form without its cookie, a form posted by another site: no session.
  const LoginForm form = open_login(client);
  res = post_login(client, port, form, "counter-token-0123456789abcdeX");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(set_cookie(res, "sohoa_session").empty());
  res = client.Post("/login", {{"Origin", origin}},
                    "token=" + std::string(k_token) + "&csrf=" + form.csrf,
                    "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(set_cookie(res, "sohoa_session").empty());
  res = client.Post("/login", {{"Cookie", form.cookie}, {"Origin", "http://evil.example"}},
                    "token=" + std::string(k_token) + "&csrf=" + form.csrf,
                    "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(set_cookie(res, "sohoa_session").empty());

  // The right token: a session cookie, HttpOnly and SameSite=Strict, and back to next.
  res = post_login(client, port, open_login(client), k_token);
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(res->get_header_value("Location") == "/dossiers/hs-1");
  const std::string session = set_cookie(res, "sohoa_session");
  CHECK(session.find("HttpOnly") != std::string::npos);
  CHECK(session.find("SameSite=Strict") != std::string::npos);
  CHECK(session.find("Secure") ==
        std::string::npos); // plain http: a Secure cookie would not come back
  const httplib::Headers with_session = {{"Cookie", cookie_pair(session)}};

  res = client.Get("/", with_session);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const std::string csrf = meta_csrf(res->body);
  res = client.Get("/api/forms", with_session);
  REQUIRE(res);
  CHECK(res->status == 200);

  // State changes from the browser still need the page's CSRF token, this session's.
  httplib::Headers change = with_session;
  change.emplace("Origin", origin);
  res = client.Post("/api/dossiers/hs-1/sign", change, "", "application/json");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(res->body.find("\"csrf\"") != std::string::npos);
  const auto other = post_login(client, port, open_login(client), k_token);
  REQUIRE(other);
  const httplib::Headers other_session = {
      {"Cookie", cookie_pair(set_cookie(other, "sohoa_session"))}};
  res = client.Get("/", other_session);
  REQUIRE(res);
  const std::string other_csrf = meta_csrf(res->body);
  CHECK(other_csrf != csrf);
  httplib::Headers wrong_csrf = change;
  wrong_csrf.emplace("X-Sohoa-CSRF", other_csrf);
  res = client.Post("/api/dossiers/hs-1/sign", wrong_csrf, "", "application/json");
  REQUIRE(res);
  CHECK(res->status == 403);
  change.emplace("X-Sohoa-CSRF", csrf);
  res = client.Post("/api/dossiers/hs-1/sign", change, "", "application/json");
  REQUIRE(res);
  CHECK(res->status == 404); // past every guard: there is no such dossier
  CHECK(res->body.find("\"unknown_dossier\"") != std::string::npos);

  // Scripts keep the bearer header; behind a TLS proxy the cookie is Secure.
  res = client.Get("/api/forms", {{"Authorization", std::string("Bearer ") + k_token}});
  REQUIRE(res);
  CHECK(res->status == 200);
  res = client.Get("/api/forms", {{"Authorization", "Bearer wrong"}});
  REQUIRE(res);
  CHECK(res->status == 401);
  const LoginForm tls_form = open_login(client);
  httplib::Headers tls = {
      {"X-Forwarded-Proto", "https"},
      {"Cookie", tls_form.cookie},
      {"Origin", std::string("https://") + k_host + ":" + std::to_string(port)}};
  res = client.Post("/login", tls,
                    "token=" + std::string(k_token) + "&csrf=" + tls_form.csrf + "&next=%2F",
                    "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(set_cookie(res, "sohoa_session").find("; Secure") != std::string::npos);

  // Logging out ends the session.
  httplib::Headers logout = with_session;
  logout.emplace("Origin", origin);
  res = client.Post("/logout", logout, "", "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 303);
  res = client.Get("/", with_session);
  REQUIRE(res);
  CHECK(res->status == 303);

  server.kill(SIGTERM);
  CHECK(server.wait().exit_code == 0);
}
