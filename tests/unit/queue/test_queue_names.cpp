// What the queue reads from the command line: Redis URLs and lane names.
#include "sohoa/core/error.hpp"
#include "sohoa/queue/dossier_queue.hpp"
#include <doctest/doctest.h>

using namespace sohoa::queue;

TEST_CASE("redis URLs: host and port, the default port, and bad ones") {
  const auto a = parse_redis_url("redis://127.0.0.1:6390");
  CHECK(a.host == "127.0.0.1");
  CHECK(a.port == 6390);
  const auto b = parse_redis_url("redis://queue.example.vn/0");
  CHECK(b.host == "queue.example.vn");
  CHECK(b.port == 6379);
  CHECK_THROWS_AS(parse_redis_url("http://q:6379"), sohoa::Error);
  CHECK_THROWS_AS(parse_redis_url("redis://:6379"), sohoa::Error);
  CHECK_THROWS_AS(parse_redis_url("redis://q:99999"), sohoa::Error);
  CHECK_THROWS_AS(parse_redis_url("redis://q:12x"), sohoa::Error);
}

TEST_CASE("lanes: counter before archive, each its own stream") {
  CHECK(parse_lane("counter") == Lane::counter);
  CHECK(parse_lane("archive") == Lane::archive);
  CHECK_THROWS_AS(parse_lane("urgent"), sohoa::Error);
  CHECK(k_lanes_in_order[0] == Lane::counter);
  CHECK(lane_stream(Lane::counter) != lane_stream(Lane::archive));
  CHECK(lane_stream(Lane::archive) == "sohoa:lane:archive");
}

TEST_CASE("connecting to a port nobody listens on is a configuration error, not a crash") {
  try {
    DossierQueue queue({"127.0.0.1", 1});
    FAIL("connected to port 1");
  } catch (const sohoa::Error& e) {
    CHECK(e.code() == "queue_unreachable");
  }
}
