#include "sohoa/queue/redis_connection.hpp"
#include "sohoa/core/error.hpp"
#include <charconv>
#include <hiredis/hiredis.h>

namespace sohoa::queue {
namespace {

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

RedisValue to_value(const redisReply& r) {
  RedisValue v;
  switch (r.type) {
  case REDIS_REPLY_STRING:
    v.kind = RedisValue::Kind::string;
    v.text.assign(r.str, r.len);
    break;
  case REDIS_REPLY_STATUS:
    v.kind = RedisValue::Kind::status;
    v.text.assign(r.str, r.len);
    break;
  case REDIS_REPLY_ERROR:
    v.kind = RedisValue::Kind::error;
    v.text.assign(r.str, r.len);
    break;
  case REDIS_REPLY_INTEGER:
    v.kind = RedisValue::Kind::integer;
    v.integer = r.integer;
    break;
  case REDIS_REPLY_ARRAY:
    v.kind = RedisValue::Kind::array;
    for (std::size_t i = 0; i < r.elements; ++i) {
      v.elements.push_back(to_value(*r.element[i]));
    }
    break;
  default:
    break;
  }
  return v;
}

} // namespace

RedisAddress parse_redis_url(const std::string& url) {
  constexpr std::string_view scheme = "redis://";
  if (!url.starts_with(scheme)) {
    throw Error(Stage::config, "bad_queue_url",
                "the queue is redis://HOST:PORT, not '" + url + "'");
  }
  std::string rest = url.substr(scheme.size());
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    rest.resize(slash); // a database number is not used: streams live in db 0
  }
  RedisAddress address;
  const auto colon = rest.rfind(':');
  address.host = rest.substr(0, colon);
  if (colon != std::string::npos) {
    const std::string port = rest.substr(colon + 1);
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
    if (ec != std::errc() || ptr != port.data() + port.size() || address.port < 1 ||
        address.port > 65535) {
      throw Error(Stage::config, "bad_queue_url", "bad port in '" + url + "'");
    }
  }
  if (address.host.empty()) {
    throw Error(Stage::config, "bad_queue_url", "no host in '" + url + "'");
  }
  return address;
}

void RedisConnection::ContextFree::operator()(redisContext* c) const {
  redisFree(c);
}

RedisConnection::RedisConnection(const RedisAddress& address) : m_address(address) {
  const timeval timeout{5, 0};
  m_context.reset(redisConnectWithTimeout(address.host.c_str(), address.port, timeout));
  const std::string where = address.host + ":" + std::to_string(address.port);
  if (!m_context) {
    throw Error(Stage::config, "queue_unreachable", "cannot allocate a Redis connection", where);
  }
  if (m_context->err != 0) {
    throw Error(Stage::config, "queue_unreachable",
                std::string("cannot connect to Redis: ") + m_context->errstr, where);
  }
}

RedisConnection::~RedisConnection() = default;

RedisValue RedisConnection::command(const std::vector<std::string>& argv) {
  std::vector<const char*> args;
  std::vector<std::size_t> lengths;
  for (const auto& a : argv) {
    args.push_back(a.data());
    lengths.push_back(a.size());
  }
  ReplyPtr reply(static_cast<redisReply*>(redisCommandArgv(
      m_context.get(), static_cast<int>(args.size()), args.data(), lengths.data())));
  if (!reply) {
    throw Error(Stage::config, "queue_unreachable",
                std::string("Redis connection lost: ") + m_context->errstr,
                m_address.host + ":" + std::to_string(m_address.port));
  }
  return to_value(*reply);
}

RedisValue RedisConnection::checked(const std::vector<std::string>& argv) {
  RedisValue v = command(argv);
  if (v.kind == RedisValue::Kind::error) {
    throw Error(Stage::config, "queue_error", argv.front() + ": " + v.text);
  }
  return v;
}

} // namespace sohoa::queue
