#include "http_fetch.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace sohoa::sign {
namespace {

struct CurlFree {
  void operator()(CURL* p) const { curl_easy_cleanup(p); }
};
struct SlistFree {
  void operator()(curl_slist* p) const { curl_slist_free_all(p); }
};

struct Sink {
  std::string* body;
  size_t max_bytes;
  bool overflow = false;
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * count;
  if (sink->body->size() + bytes > sink->max_bytes) {
    sink->overflow = true;
    return 0;
  }
  sink->body->append(data, bytes);
  return bytes;
}

} // namespace

std::optional<HttpReply> http_fetch(const HttpRequest& request, std::string& error) {
  static std::once_flag s_init;
  std::call_once(s_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (request.url.rfind("http://", 0) != 0 && request.url.rfind("https://", 0) != 0) {
    error = "only http and https URLs are supported: " + request.url;
    return std::nullopt;
  }
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    error = "libcurl initialisation failed";
    return std::nullopt;
  }
  HttpReply reply;
  Sink sink{&reply.body, request.max_bytes};
  std::unique_ptr<curl_slist, SlistFree> headers;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, request.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, request.total_timeout_s);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (!request.content_type.empty()) {
    const std::string header = "Content-Type: " + request.content_type;
    headers.reset(curl_slist_append(nullptr, header.c_str()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode code = curl_easy_perform(c);
  if (sink.overflow) {
    error = "the reply from " + request.url + " is too large";
    return std::nullopt;
  }
  if (code != CURLE_OK) {
    error = std::string(curl_easy_strerror(code)) + " (" + request.url + ")";
    return std::nullopt;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

} // namespace sohoa::sign
