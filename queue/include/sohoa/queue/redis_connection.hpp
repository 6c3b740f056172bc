#pragma once
// A synchronous Redis connection (hiredis), the only place hiredis is seen. Replies
// are copied into plain values so no hiredis pointer outlives the call.
#include <memory>
#include <string>
#include <vector>

struct redisContext;

namespace sohoa::queue {

struct RedisAddress {
  std::string host;
  int port = 6379;
};

// "redis://HOST:PORT" (port optional). Throws sohoa::Error(Stage::config, "bad_queue_url").
RedisAddress parse_redis_url(const std::string& url);

// One reply as a value tree: strings, integers, status and error texts, arrays, nil.
struct RedisValue {
  enum class Kind { nil, string, integer, status, error, array };
  Kind kind = Kind::nil;
  std::string text; // string, status, error
  long long integer = 0;
  std::vector<RedisValue> elements; // array
  bool is_nil() const { return kind == Kind::nil; }
};

class RedisConnection {
public:
  // Throws sohoa::Error(Stage::config, "queue_unreachable").
  explicit RedisConnection(const RedisAddress& address);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command (binary-safe arguments). A Redis error reply is returned as a
  // value of kind error; a broken connection throws Error(Stage::config, "queue_unreachable").
  RedisValue command(const std::vector<std::string>& argv);
  // The same, throwing Error(Stage::config, "queue_error") on an error reply.
  RedisValue checked(const std::vector<std::string>& argv);

private:
  struct ContextFree {
    void operator()(redisContext* c) const;
  };
  std::unique_ptr<redisContext, ContextFree> m_context;
  RedisAddress m_address;
};

} // namespace sohoa::queue
