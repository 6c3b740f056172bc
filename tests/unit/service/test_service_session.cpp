#include "service/session_auth.hpp"
#include <doctest/doctest.h>
#include <thread>

using namespace sohoa::service;
using namespace std::chrono_literals;

TEST_CASE("the login form's token opens a session; anything else does not") {
  SessionStore store("s3cret-token", 3600s);
  CHECK_FALSE(store.login("wrong"));
  CHECK_FALSE(store.login(""));
  CHECK_FALSE(store.login("s3cret-token "));
  CHECK_FALSE(store.login("s3cret-toke"));
  const auto session = store.login("s3cret-token");
  REQUIRE(session);
  CHECK(session->cookie.size() == 64);
  CHECK(session->csrf.size() == 48);
  CHECK(session->cookie != session->csrf);
  const auto found = store.find(session->cookie);
  REQUIRE(found);
  CHECK(found->csrf == session->csrf);
  CHECK_FALSE(store.find(session->csrf));
  CHECK_FALSE(store.find(""));
  CHECK_FALSE(store.find(session->cookie.substr(1)));

  // Each login is its own session with its own CSRF token; logging out ends one.
  const auto second = store.login("s3cret-token");
  REQUIRE(second);
  CHECK(second->cookie != session->cookie);
  CHECK(second->csrf != session->csrf);
  store.logout(session->cookie);
  CHECK_FALSE(store.find(session->cookie));
  CHECK(store.find(second->cookie));
}

TEST_CASE("sessions end after their lifetime, and their number is bounded") {
  SessionStore short_lived("t", 1s);
  const auto session = short_lived.login("t");
  REQUIRE(session);
  CHECK(short_lived.find(session->cookie));
  std::this_thread::sleep_for(1100ms);
  CHECK_FALSE(short_lived.find(session->cookie));

  SessionStore small("t", 3600s, 3);
  const auto first = small.login("t");
  REQUIRE(first);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(small.login("t"));
  }
  CHECK_FALSE(small.find(first->cookie)); // the oldest made room
}

TEST_CASE("the session cookie is HttpOnly and SameSite=Strict, Secure behind TLS") {
  CHECK(session_cookie("sohoa_session", "abc", false) ==
        "sohoa_session=abc; Path=/; HttpOnly; SameSite=Strict");
  CHECK(session_cookie("sohoa_session", "abc", true) ==
        "sohoa_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
  CHECK(session_cookie("sohoa_login", "", false, 0s) ==
        "sohoa_login=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

TEST_CASE("a cookie is found by its exact name in the Cookie header") {
  CHECK(cookie_value("sohoa_session=abc", "sohoa_session") == "abc");
  CHECK(cookie_value("a=1; sohoa_session=abc; b=2", "sohoa_session") == "abc");
  CHECK(cookie_value("a=1;sohoa_session=abc", "sohoa_session") == "abc");
  CHECK_FALSE(cookie_value("xsohoa_session=abc", "sohoa_session"));
  CHECK_FALSE(cookie_value("sohoa_session_old=abc", "sohoa_session"));
  CHECK_FALSE(cookie_value("", "sohoa_session"));
  CHECK(cookie_value("sohoa_session=", "sohoa_session") == "");
}

TEST_CASE("after login the browser goes only to a path of this server") {
  CHECK(safe_next("/dossiers/hs-1") == "/dossiers/hs-1");
  CHECK(safe_next("/") == "/");
  CHECK(safe_next("") == "/");
  CHECK(safe_next("//evil.example/x") == "/");
  CHECK(safe_next("/\\evil.example") == "/");
  CHECK(safe_next("https://evil.example/") == "/");
  CHECK(safe_next("javascript:alert(1)") == "/");
  CHECK(safe_next("/a\r\nSet-Cookie: x=1") == "/");
}
