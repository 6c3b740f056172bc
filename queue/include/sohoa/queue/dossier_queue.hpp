#pragma once
// The work queue on Redis Streams: one stream per lane, consumer group "sohoa".
// Entries name a dossier (its id and its batch folder); a worker reads the counter
// lane before the archive lane, takes over entries a dead worker left pending for
// longer than claim_after (XAUTOCLAIM), acknowledges finished ones (XACK), and moves
// hopeless ones to the dead-letter stream.
#include "sohoa/queue/redis_connection.hpp"
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::queue {

enum class Lane { counter, archive };
constexpr Lane k_lanes_in_order[] = {Lane::counter, Lane::archive};

// "counter" or "archive"; throws sohoa::Error(Stage::config, "bad_lane").
Lane parse_lane(const std::string& name);
std::string lane_name(Lane lane);
// Stream keys: sohoa:lane:counter, sohoa:lane:archive and sohoa:dead.
std::string lane_stream(Lane lane);
inline constexpr const char* k_dead_stream = "sohoa:dead";
inline constexpr const char* k_group = "sohoa";

struct DossierMessage {
  std::string dossier_id;
  std::string batch; // absolute path of the batch folder the dossier was found in
  Lane lane = Lane::archive;
};

struct Delivery {
  std::string entry_id; // the stream entry id, for XACK
  DossierMessage message;
  bool taken_over = false; // claimed from another consumer with XAUTOCLAIM
};

class DossierQueue {
public:
  explicit DossierQueue(const RedisAddress& address);

  // Creates the streams and group "sohoa" when missing (idempotent).
  void ensure_groups();
  std::string add(const DossierMessage& message);

  // The next entry for `consumer`: for each lane in order, first an entry pending
  // with another consumer for longer than claim_after, then a new one.
  std::optional<Delivery> next(const std::string& consumer, std::chrono::milliseconds claim_after);

  void ack(const Delivery& delivery);
  // Back to the end of its lane (a failed attempt to retry), atomically with the ack.
  void requeue(const Delivery& delivery, int attempts);
  // To the dead-letter stream with the reason, atomically with the ack.
  void dead_letter(const Delivery& delivery, int attempts, const std::string& reason,
                   const std::string& consumer);

  // Entries delivered but not acknowledged, over both lanes.
  long long pending();
  // Entries never delivered to the group, over both lanes.
  long long undelivered();

private:
  std::optional<Delivery> take_over(Lane lane, const std::string& consumer,
                                    std::chrono::milliseconds claim_after);
  std::optional<Delivery> read_new(Lane lane, const std::string& consumer);
  void in_transaction(const std::vector<std::vector<std::string>>& commands);

  RedisConnection m_redis;
};

} // namespace sohoa::queue
