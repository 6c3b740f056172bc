#pragma once
// Browser sessions of a server that needs a token (listening beyond loopback):
// a browser cannot send `Authorization: Bearer` on page loads, so the login form
// exchanges the token for a session cookie (HttpOnly, SameSite=Strict, Secure
// behind TLS). Each session has its own CSRF token, which its pages send back on
// every change.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace sohoa::service {

inline constexpr std::string_view k_session_cookie = "sohoa_session";
// The login form's own CSRF token: set as a cookie with the form, sent back in it.
inline constexpr std::string_view k_login_cookie = "sohoa_login";

struct Session {
  std::string cookie; // the session cookie's value: 32 random bytes in hex
  std::string csrf;   // the CSRF token of this session's pages
};

class SessionStore {
public:
  // token: $SOHOA_SERVE_TOKEN. lifetime: how long a session lasts after login.
  SessionStore(std::string token, std::chrono::seconds lifetime, std::size_t max_sessions = 256);

  // A new session when offered is the token (compared in constant time), else nullopt.
  std::optional<Session> login(const std::string& offered);
  // The live session a cookie value names, else nullopt.
  std::optional<Session> find(const std::string& cookie) const;
  void logout(const std::string& cookie);

private:
  struct Entry {
    std::string csrf;
    std::chrono::steady_clock::time_point expires;
  };
  const std::string m_token_digest;
  const std::chrono::seconds m_lifetime;
  const std::size_t m_max_sessions;
  mutable std::mutex m_mutex;
  // Keyed by the SHA-256 of the cookie value: the lookup compares digests, never
  // the secret itself, so its timing says nothing about a guessed cookie.
  std::map<std::string, Entry> m_sessions;
};

// "sohoa_session=VALUE; Path=/; HttpOnly; SameSite=Strict[; Secure]".
std::string session_cookie(std::string_view name, std::string_view value, bool secure,
                           std::optional<std::chrono::seconds> max_age = std::nullopt);
// The value of cookie `name` in a Cookie request header, else nullopt.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);
// Where the login form may send the browser on: a path on this server ("/..."),
// never another site ("//host", "http:", "\\"). Anything else becomes "/".
std::string safe_next(std::string_view next);

} // namespace sohoa::service
