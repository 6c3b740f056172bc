#include "session_auth.hpp"
#include "sohoa/core/hash.hpp"

namespace sohoa::service {

SessionStore::SessionStore(std::string token, std::chrono::seconds lifetime,
                           std::size_t max_sessions)
    : m_token_digest(sha256_hex(token)), m_lifetime(lifetime), m_max_sessions(max_sessions) {}

std::optional<Session> SessionStore::login(const std::string& offered) {
  // Digests of equal length: the comparison's time depends on neither the
  // offered token's content nor its length.
  if (!same_secret(sha256_hex(offered), m_token_digest)) {
    return std::nullopt;
  }
  Session session{random_hex(32), random_hex(24)};
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(m_mutex);
  std::erase_if(m_sessions, [&](const auto& entry) { return entry.second.expires <= now; });
  if (m_sessions.size() >= m_max_sessions) {
    // The session closest to its end makes room: a shared counter PC logging in
    // again and again cannot grow the table.
    auto oldest = m_sessions.begin();
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
      if (it->second.expires < oldest->second.expires) {
        oldest = it;
      }
    }
    m_sessions.erase(oldest);
  }
  m_sessions[sha256_hex(session.cookie)] = {session.csrf, now + m_lifetime};
  return session;
}

std::optional<Session> SessionStore::find(const std::string& cookie) const {
  if (cookie.empty()) {
    return std::nullopt;
  }
  const std::string key = sha256_hex(cookie);
  std::lock_guard lock(m_mutex);
  const auto it = m_sessions.find(key);
  if (it == m_sessions.end() || it->second.expires <= std::chrono::steady_clock::now()) {
    return std::nullopt;
  }
  return Session{cookie, it->second.csrf};
}

void SessionStore::logout(const std::string& cookie) {
  std::lock_guard lock(m_mutex);
  m_sessions.erase(sha256_hex(cookie));
}

std::string session_cookie(std::string_view name, std::string_view value, bool secure,
                           std::optional<std::chrono::seconds> max_age) {
  std::string out =
      std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
  if (max_age) {
    out += "; Max-Age=" + std::to_string(max_age->count());
  }
  if (secure) {
    out += "; Secure";
  }
  return out;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t end = std::min(header.find(';'), header.size());
    std::string_view pair = header.substr(0, end);
    header.remove_prefix(std::min(end + 1, header.size()));
    while (!pair.empty() && pair.front() == ' ') {
      pair.remove_prefix(1);
    }
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

std::string safe_next(std::string_view next) {
  const bool local_path = next.size() >= 1 && next.front() == '/' &&
                          (next.size() == 1 || (next[1] != '/' && next[1] != '\\'));
  if (!local_path) {
    return "/";
  }
  for (const char c : next) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F || c == '\\') {
      return "/"; // no header splitting, no backslash a browser reads as a slash
    }
  }
  return std::string(next);
}

} // namespace sohoa::service
