#pragma once
// Small bounded HTTP client (libcurl) for TSA requests and CRL downloads.
#include <optional>
#include <string>

namespace sohoa::sign {

struct HttpRequest {
  std::string url;
  std::string body; // POSTed when content_type is set, else GET
  std::string content_type;
  long connect_timeout_s = 10;
  long total_timeout_s = 30;
  size_t max_bytes = 4 << 20;
};

struct HttpReply {
  long status = 0;
  std::string body;
};

// Returns the reply, or nullopt with the reason in error (unreachable, too big,
// not http/https). Never throws.
std::optional<HttpReply> http_fetch(const HttpRequest& request, std::string& error);

} // namespace sohoa::sign
