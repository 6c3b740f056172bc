#include "sohoa/queue/dossier_queue.hpp"
#include "sohoa/core/error.hpp"

namespace sohoa::queue {
namespace {

// An entry [id, [field, value, ...]] as a delivery; nullopt for a deleted entry
// (XAUTOCLAIM reports those with a nil field list) or one without a dossier.
std::optional<Delivery> to_delivery(const RedisValue& entry, Lane lane) {
  if (entry.elements.size() < 2 || entry.elements[1].kind != RedisValue::Kind::array) {
    return std::nullopt;
  }
  Delivery d;
  d.entry_id = entry.elements[0].text;
  d.message.lane = lane;
  const auto& fields = entry.elements[1].elements;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    if (fields[i].text == "dossier") {
      d.message.dossier_id = fields[i + 1].text;
    } else if (fields[i].text == "batch") {
      d.message.batch = fields[i + 1].text;
    }
  }
  return d;
}

} // namespace

Lane parse_lane(const std::string& name) {
  if (name == "counter") {
    return Lane::counter;
  }
  if (name == "archive") {
    return Lane::archive;
  }
  throw Error(Stage::config, "bad_lane", "--lane takes counter or archive, not '" + name + "'");
}

std::string lane_name(Lane lane) {
  return lane == Lane::counter ? "counter" : "archive";
}

std::string lane_stream(Lane lane) {
  return "sohoa:lane:" + lane_name(lane);
}

DossierQueue::DossierQueue(const RedisAddress& address) : m_redis(address) {}

void DossierQueue::ensure_groups() {
  for (const Lane lane : k_lanes_in_order) {
    const auto reply =
        m_redis.command({"XGROUP", "CREATE", lane_stream(lane), k_group, "0", "MKSTREAM"});
    if (reply.kind == RedisValue::Kind::error && !reply.text.starts_with("BUSYGROUP")) {
      throw Error(Stage::config, "queue_error", "XGROUP CREATE: " + reply.text);
    }
  }
}

std::string DossierQueue::add(const DossierMessage& message) {
  return m_redis
      .checked({"XADD", lane_stream(message.lane), "*", "dossier", message.dossier_id, "batch",
                message.batch})
      .text;
}

std::optional<Delivery> DossierQueue::next(const std::string& consumer,
                                           std::chrono::milliseconds claim_after) {
  for (const Lane lane : k_lanes_in_order) {
    if (auto d = take_over(lane, consumer, claim_after)) {
      return d;
    }
    if (auto d = read_new(lane, consumer)) {
      return d;
    }
  }
  return std::nullopt;
}

std::optional<Delivery> DossierQueue::take_over(Lane lane, const std::string& consumer,
                                                std::chrono::milliseconds claim_after) {
  // XAUTOCLAIM key group consumer min-idle start COUNT 1 ->
  // [next-start, [[id, fields]...], [deleted ids...]]
  std::string start = "0-0";
  for (;;) {
    const auto reply = m_redis.checked({"XAUTOCLAIM", lane_stream(lane), k_group, consumer,
                                        std::to_string(claim_after.count()), start, "COUNT", "1"});
    if (reply.elements.size() < 2) {
      return std::nullopt;
    }
    for (const auto& entry : reply.elements[1].elements) {
      if (auto d = to_delivery(entry, lane)) {
        d->taken_over = true;
        return d;
      }
    }
    start = reply.elements[0].text;
    if (start == "0-0" || start.empty()) {
      return std::nullopt; // the whole pending list was scanned
    }
  }
}

std::optional<Delivery> DossierQueue::read_new(Lane lane, const std::string& consumer) {
  // XREADGROUP ... STREAMS key > -> [[key, [[id, fields]]]] or nil
  const auto reply = m_redis.checked(
      {"XREADGROUP", "GROUP", k_group, consumer, "COUNT", "1", "STREAMS", lane_stream(lane), ">"});
  if (reply.is_nil() || reply.elements.empty() || reply.elements[0].elements.size() < 2) {
    return std::nullopt;
  }
  for (const auto& entry : reply.elements[0].elements[1].elements) {
    if (auto d = to_delivery(entry, lane)) {
      return d;
    }
  }
  return std::nullopt;
}

void DossierQueue::ack(const Delivery& delivery) {
  m_redis.checked({"XACK", lane_stream(delivery.message.lane), k_group, delivery.entry_id});
}

void DossierQueue::in_transaction(const std::vector<std::vector<std::string>>& commands) {
  m_redis.checked({"MULTI"});
  for (const auto& c : commands) {
    m_redis.checked(c);
  }
  const auto reply = m_redis.checked({"EXEC"});
  for (const auto& r : reply.elements) {
    if (r.kind == RedisValue::Kind::error) {
      throw Error(Stage::config, "queue_error", "EXEC: " + r.text);
    }
  }
}

void DossierQueue::requeue(const Delivery& delivery, int attempts) {
  const auto& m = delivery.message;
  in_transaction({{"XADD", lane_stream(m.lane), "*", "dossier", m.dossier_id, "batch", m.batch,
                   "attempts", std::to_string(attempts)},
                  {"XACK", lane_stream(m.lane), k_group, delivery.entry_id}});
}

void DossierQueue::dead_letter(const Delivery& delivery, int attempts, const std::string& reason,
                               const std::string& consumer) {
  const auto& m = delivery.message;
  in_transaction({{"XADD", k_dead_stream, "*", "dossier", m.dossier_id, "batch", m.batch, "lane",
                   lane_name(m.lane), "attempts", std::to_string(attempts), "reason", reason,
                   "worker", consumer},
                  {"XACK", lane_stream(m.lane), k_group, delivery.entry_id}});
}

long long DossierQueue::pending() {
  long long total = 0;
  for (const Lane lane : k_lanes_in_order) {
    const auto reply = m_redis.checked({"XPENDING", lane_stream(lane), k_group});
    if (!reply.elements.empty()) {
      total += reply.elements[0].integer;
    }
  }
  return total;
}

long long DossierQueue::undelivered() {
  long long total = 0;
  for (const Lane lane : k_lanes_in_order) {
    // XINFO GROUPS: per group a flat [name, v, consumers, v, pending, v, last-delivered-id, v,
    // entries-read, v, lag, v]; "lag" (Redis 7) counts entries not yet delivered.
    const auto reply = m_redis.checked({"XINFO", "GROUPS", lane_stream(lane)});
    for (const auto& group : reply.elements) {
      bool ours = false;
      long long lag = 0;
      for (std::size_t i = 0; i + 1 < group.elements.size(); i += 2) {
        if (group.elements[i].text == "name") {
          ours = group.elements[i + 1].text == k_group;
        } else if (group.elements[i].text == "lag") {
          lag = group.elements[i + 1].kind == RedisValue::Kind::integer
                    ? group.elements[i + 1].integer
                    : 1; // nil: Redis cannot tell, assume work remains
        }
      }
      if (ours) {
        total += lag;
      }
    }
  }
  return total;
}

} // namespace sohoa::queue
