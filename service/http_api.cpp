#include "sohoa/service/http_api.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "api_error.hpp"
#include "counter_service.hpp"
#include "review_assets.hpp"
#include "session_auth.hpp"
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <httplib.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <pthread.h>

namespace sohoa::service {
namespace fs = std::filesystem;

namespace {

constexpr const char* k_csrf_header = "X-Sohoa-CSRF";
constexpr const char* k_clerk_header = "X-Sohoa-Clerk";
// A font with Vietnamese glyphs served with the page, so it renders the same on
// every counter PC (fonts-dejavu-core).
constexpr const char* k_ui_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// 24 random bytes: a CSRF token or a generated bearer token.
std::string random_token() {
  return random_hex(24);
}

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", code}, {"message", message}}.dump(), "application/json");
}

void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// Runs handler, turning refusals and failures into the JSON error body.
template <typename F> void guarded(httplib::Response& res, F&& handler) {
  try {
    handler();
  } catch (const ApiError& e) {
    send_error(res, e.status(), e.code(), e.what());
  } catch (const Error& e) {
    send_error(res, 500, e.code(), e.describe());
  } catch (const nlohmann::json::exception& e) {
    send_error(res, 400, "bad_json", e.what());
  } catch (const std::exception& e) {
    send_error(res, 500, "internal_error", e.what());
  }
}

// Who made a change, for the manifest: the clerk's name the page sends
// (percent-encoded UTF-8: header values are Latin-1), made safe (valid UTF-8, no
// control characters), else the requester's address.
std::string clerk_of(const httplib::Request& req) {
  std::string name = pipeline::sanitize_id(
      httplib::detail::decode_url(req.get_header_value(k_clerk_header), false));
  if (name.empty()) {
    name = "clerk@" + req.remote_addr;
  }
  return name;
}

// The longest a status request is held open waiting for a change: under the
// usual proxy and browser idle timeouts.
constexpr int k_max_long_poll = 25;

// How long a browser session lasts after login: a counter's working day.
constexpr std::chrono::hours k_session_lifetime{12};
constexpr std::chrono::seconds k_login_form_lifetime{600};

// Behind a TLS-terminating proxy (X-Forwarded-Proto: https) the browser speaks
// https: cookies are then Secure and same-origin requests come from https://.
bool behind_tls(const httplib::Request& req) {
  return req.get_header_value("X-Forwarded-Proto") == "https";
}

bool same_origin(const httplib::Request& req) {
  const std::string origin = req.get_header_value("Origin");
  const std::string scheme = behind_tls(req) ? "https://" : "http://";
  return origin.empty() || origin == scheme + req.get_header_value("Host");
}

// The review and upload pages: a browser without a session is sent to log in.
bool is_page(const httplib::Request& req) {
  return req.method == "GET" && (req.path == "/" || req.path.rfind("/dossiers/", 0) == 0);
}

// Static files the login page itself needs: nothing in them is secret.
bool is_public(const httplib::Request& req) {
  return req.path == "/healthz" || req.path == "/login" || req.path.rfind("/assets/", 0) == 0;
}

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string status_text(int status) {
  switch (status) {
  case 400:
    return "bad_request";
  case 401:
    return "unauthorized";
  case 403:
    return "forbidden";
  case 404:
    return "not_found";
  case 405:
    return "method_not_allowed";
  case 413:
    return "request_too_large";
  case 414:
    return "uri_too_long";
  default:
    return status >= 500 ? "internal_error" : "bad_request";
  }
}

class Api {
public:
  Api(CounterService& service, const ServeConfig& config)
      : m_service(service), m_config(config), m_csrf(random_token()) {
    if (!m_config.token.empty()) {
      m_sessions.emplace(m_config.token, k_session_lifetime);
    }
  }

  void install(httplib::Server& server) {
    server.set_payload_max_length(m_config.max_request_bytes);
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      return admit(req, res) ? httplib::Server::HandlerResponse::Unhandled
                             : httplib::Server::HandlerResponse::Handled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) {
        send_error(res, res.status, status_text(res.status), "request refused");
      }
    });
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send_error(res, 500, "internal_error", "the request could not be handled");
        });

    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("ok", "text/plain");
    });
    server.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      res.set_content(upload_page_html(csrf_for(req)), "text/html; charset=utf-8");
    });
    server.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
      show_login(req, res, req.has_param("next") ? req.get_param_value("next") : "/", "", 200);
    });
    server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
      guarded(res, [&] { login(req, res); });
    });
    server.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
      if (m_sessions) {
        m_sessions->logout(
            cookie_value(req.get_header_value("Cookie"), k_session_cookie).value_or(""));
      }
      res.set_header("Set-Cookie", session_cookie(k_session_cookie, "", behind_tls(req),
                                                  std::chrono::seconds(0)));
      res.status = 303;
      res.set_header("Location", "/login");
    });
    server.Get(R"(/dossiers/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      guarded(res, [&] {
        if (!m_service.knows(req.matches[1])) {
          throw ApiError(404, "unknown_dossier", "no dossier " + std::string(req.matches[1]));
        }
        res.set_content(review_page_html(std::string(req.matches[1]), csrf_for(req)),
                        "text/html; charset=utf-8");
      });
    });
    server.Get("/assets/review.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(review_script()), "text/javascript; charset=utf-8");
    });
    server.Get("/assets/upload.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(upload_script()), "text/javascript; charset=utf-8");
    });
    server.Get("/assets/review.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(review_style()), "text/css; charset=utf-8");
    });
    server.Get("/assets/ui-font.ttf", [](const httplib::Request&, httplib::Response& res) {
      guarded(res, [&] {
        std::error_code ec;
        if (!fs::is_regular_file(k_ui_font, ec)) {
          throw ApiError(404, "no_font", "fonts-dejavu-core is not installed");
        }
        res.set_header("Cache-Control", "max-age=86400");
        res.set_content(read_file(k_ui_font), "font/ttf");
      });
    });
    server.Get("/api/forms", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(m_service.labels_json(), "application/json");
    });
    server.Post("/api/dossiers", [this](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
      guarded(res, [&] { upload(req, res, reader); });
    });
    server.Get(R"(/api/dossiers/([^/]+))",
               [this](const httplib::Request& req, httplib::Response& res) {
                 guarded(res, [&] {
                   wait_if_asked(req);
                   send_json(res, m_service.status(req.matches[1]));
                 });
               });
    server.Patch(
        R"(/api/dossiers/([^/]+)/documents/([^/]+)/fields/([^/]+))",
        [this](const httplib::Request& req, httplib::Response& res) {
          guarded(res, [&] {
            const auto body = nlohmann::json::parse(req.body);
            if (!body.is_object() || !body.contains("value") || !body["value"].is_string()) {
              throw ApiError(400, "bad_request", "the body must be {\"value\": \"...\"}");
            }
            send_json(res, m_service.edit_field(req.matches[1], req.matches[2], req.matches[3],
                                                body["value"].get<std::string>(), clerk_of(req)));
          });
        });
    server.Post(R"(/api/dossiers/([^/]+)/sign)", [this](const httplib::Request& req,
                                                        httplib::Response& res) {
      guarded(res, [&] {
        const bool force = req.has_param("force") && req.get_param_value("force") == "1";
        send_json(res, m_service.sign(req.matches[1], force, clerk_of(req)));
      });
    });
    server.Get(R"(/api/dossiers/([^/]+)/documents/([^/]+)\.pdf)",
               [this](const httplib::Request& req, httplib::Response& res) {
                 guarded(res, [&] {
                   const fs::path pdf = m_service.pdf_file(req.matches[1], req.matches[2]);
                   res.set_header("Content-Disposition", "attachment; filename=\"document.pdf\"");
                   res.set_content(read_file(pdf), "application/pdf");
                 });
               });
    server.Get(R"(/api/dossiers/([^/]+)/documents/([^/]+)/pages/([0-9]{1,5})\.jpg)",
               [this](const httplib::Request& req, httplib::Response& res) {
                 guarded(res, [&] {
                   res.set_content(m_service.page_jpeg(req.matches[1], req.matches[2],
                                                       std::stoi(req.matches[3])),
                                   "image/jpeg");
                 });
               });
  }

private:
  // The guards every request passes before its route: the bearer token when one is
  // configured, and for a state change sent by a browser, the page's CSRF token
  // and a same-origin Origin (another site's form cannot set either).
  // The session of a request's cookie, when the server has sessions.
  std::optional<Session> session_of(const httplib::Request& req) const {
    if (!m_sessions) {
      return std::nullopt;
    }
    const auto cookie = cookie_value(req.get_header_value("Cookie"), k_session_cookie);
    return cookie ? m_sessions->find(*cookie) : std::nullopt;
  }

  // The CSRF token a page served to this request carries: its session's, else
  // the server's (loopback without a token, or a script sending the bearer token).
  std::string csrf_for(const httplib::Request& req) const {
    const auto session = session_of(req);
    return session ? session->csrf : m_csrf;
  }

  // The guards every request passes before its route: with a token, the bearer
  // header or a session cookie from the login form; for a state change sent by a
  // browser, the page's CSRF token and a same-origin Origin (another site's form
  // can set neither).
  bool admit(const httplib::Request& req, httplib::Response& res) const {
    std::optional<Session> session;
    if (m_sessions && !is_public(req)) {
      const std::string auth = req.get_header_value("Authorization");
      const bool bearer =
          !auth.empty() && same_secret(sha256_hex(auth), sha256_hex("Bearer " + m_config.token));
      session = bearer ? std::nullopt : session_of(req);
      if (!bearer && !session) {
        if (is_page(req)) {
          res.status = 303; // a browser: the login form, then back here
          res.set_header("Location",
                         "/login?next=" + httplib::detail::encode_query_param(req.path));
          return false;
        }
        send_error(res, 401, "unauthorized",
                   "log in at /login or send Authorization: Bearer $SOHOA_SERVE_TOKEN");
        return false;
      }
    }
    if (!changes_state(req.method) || req.path == "/login") {
      return true; // the login form checks its own CSRF token
    }
    const bool from_browser = req.has_header("Origin") || req.has_header("Sec-Fetch-Site") ||
                              req.has_header("Referer") || req.has_header("Cookie");
    if (!from_browser) {
      return true; // a script or curl: no ambient credentials to abuse
    }
    if (!same_origin(req)) {
      send_error(res, 403, "cross_origin",
                 "state changes are accepted from this server's pages only");
      return false;
    }
    if (req.path == "/logout") {
      return true; // a form post (no script header); same-origin and SameSite suffice
    }
    if (!same_secret(req.get_header_value(k_csrf_header), session ? session->csrf : m_csrf)) {
      send_error(res, 403, "csrf", "missing or wrong X-Sohoa-CSRF token: reload the page");
      return false;
    }
    return true;
  }

  // GET /api/dossiers/{id}?wait=records|done[&timeout=S]: a long poll. The answer
  // is sent once the records are shown (or the dossier is finished), or after S
  // seconds (default and at most k_max_long_poll) with the state as it then is.
  void wait_if_asked(const httplib::Request& req) const {
    if (!req.has_param("wait")) {
      return;
    }
    const std::string wait = req.get_param_value("wait");
    if (wait != "records" && wait != "done") {
      throw ApiError(400, "bad_request", "wait must be records or done");
    }
    int seconds = k_max_long_poll;
    if (req.has_param("timeout")) {
      const std::string text = req.get_param_value("timeout");
      if (text.empty() || text.size() > 3 ||
          text.find_first_not_of("0123456789") != std::string::npos) {
        throw ApiError(400, "bad_request", "timeout is a number of seconds");
      }
      seconds = std::min(std::stoi(text), k_max_long_poll);
    }
    m_service.wait_for(req.matches[1],
                       wait == "records" ? CounterService::Milestone::records
                                         : CounterService::Milestone::finished,
                       std::chrono::seconds(seconds));
  }

  // The login form with a fresh CSRF token of its own, in a cookie and in the form.
  void show_login(const httplib::Request& req, httplib::Response& res, const std::string& next,
                  const std::string& problem, int status) const {
    const std::string nonce = random_token();
    res.status = status;
    res.set_header("Set-Cookie",
                   session_cookie(k_login_cookie, nonce, behind_tls(req), k_login_form_lifetime));
    res.set_header("Cache-Control", "no-store");
    res.set_content(login_page_html(safe_next(next), nonce, problem), "text/html; charset=utf-8");
  }

  // POST /login (a form: token, csrf, next): a session cookie and back to next.
  void login(const httplib::Request& req, httplib::Response& res) {
    httplib::Params form;
    httplib::detail::parse_query_text(req.body, form);
    auto field = [&](const char* name) {
      const auto it = form.find(name);
      return it == form.end() ? std::string() : it->second;
    };
    const std::string next = safe_next(field("next"));
    if (!m_sessions) {
      res.status = 303; // no token configured: nothing to log in to
      res.set_header("Location", next);
      return;
    }
    const auto form_cookie = cookie_value(req.get_header_value("Cookie"), k_login_cookie);
    if (!same_origin(req) || !form_cookie || form_cookie->empty() ||
        !same_secret(*form_cookie, field("csrf"))) {
      show_login(req, res, next, "Phiên đăng nhập đã hết hạn, vui lòng thử lại.", 403);
      return;
    }
    const auto session = m_sessions->login(field("token"));
    if (!session) {
      show_login(req, res, next, "Mã truy cập không đúng.", 401);
      return;
    }
    const bool secure = behind_tls(req);
    res.set_header("Set-Cookie", session_cookie(k_session_cookie, session->cookie, secure));
    res.set_header("Set-Cookie",
                   session_cookie(k_login_cookie, "", secure, std::chrono::seconds(0)));
    res.status = 303;
    res.set_header("Location", next);
  }

  void upload(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader) {
    if (!req.is_multipart_form_data()) {
      throw ApiError(400, "not_multipart", "send the page files as multipart/form-data");
    }
    std::vector<UploadPart> parts;
    std::size_t bytes = 0;
    bool too_large = false;
    reader(
        [&](const httplib::MultipartFormData& part) {
          parts.push_back({part.name, part.filename, ""});
          return true;
        },
        [&](const char* data, std::size_t length) {
          bytes += length;
          if (bytes > m_config.max_request_bytes || parts.empty()) {
            too_large = bytes > m_config.max_request_bytes;
            return false;
          }
          parts.back().content.append(data, length);
          return true;
        });
    if (too_large) {
      throw ApiError(413, "request_too_large",
                     "the upload is larger than " +
                         std::to_string(m_config.max_request_bytes >> 20U) + " MiB");
    }
    CheckedUpload checked = check_upload(std::move(parts), m_config.max_files);
    const std::string id = m_service.submit(std::move(checked), clerk_of(req));
    res.set_header("Location", "/api/dossiers/" + id);
    send_json(res,
              {{"id", id},
               {"status", std::string(to_string(DossierState::queued))},
               {"review", "/dossiers/" + id}},
              201);
  }

  CounterService& m_service;
  const ServeConfig& m_config;
  const std::string m_csrf;
  std::optional<SessionStore> m_sessions; // only when a token is configured
};

} // namespace

int run_server(const ServeConfig& config, pipeline::Logger& log) {
  if (!is_loopback_host(config.host) && config.token.empty()) {
    log.error(config.host, "token_required",
              "listening beyond loopback needs a token: set $SOHOA_SERVE_TOKEN");
    return 2;
  }
  // SIGINT/SIGTERM go to one waiting thread (blocked before any thread starts, so
  // every thread inherits the mask), which stops the server cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<CounterService> service;
  try {
    service = std::make_unique<CounterService>(config);
  } catch (const Error& e) {
    log.error(e.file(), e.code(), e.what());
    return e.stage() == Stage::sign ? 3 : 2;
  } catch (const std::exception& e) {
    log.error(config.data_dir.string(), "data_unusable", e.what());
    return 2;
  }
  httplib::Server server;
  Api api(*service, config);
  api.install(server);
  int port = config.port;
  if (port == 0) {
    port = server.bind_to_any_port(config.host);
  } else if (!server.bind_to_port(config.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    log.error(config.host + ":" + std::to_string(config.port), "cannot_listen",
              "cannot listen on this address");
    return 2;
  }
  std::cerr << "sohoa: serving on http://" << config.host << ":" << port << "/" << std::endl;

  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    signalled = true;
    server.stop();
  });
  server.listen_after_bind();
  if (!signalled) {
    pthread_kill(waiter.native_handle(), SIGTERM); // wake it: the server ended by itself
  }
  waiter.join();
  return 0;
}

} // namespace sohoa::service
