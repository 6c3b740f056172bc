#include "sohoa/core/status.hpp"
#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace sohoa {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 4> k_names{{
    {Status::ok, "ok"},
    {Status::needs_review, "needs_review"},
    {Status::failed, "failed"},
    {Status::not_finished, "not_finished"},
}};

} // namespace

std::string_view to_string(Status status) {
  for (const auto& [value, name] : k_names) {
    if (value == status) {
      return name;
    }
  }
  return "failed";
}

std::optional<Status> status_from_string(std::string_view name) {
  for (const auto& [value, known] : k_names) {
    if (known == name) {
      return value;
    }
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, Status status) {
  j = std::string(to_string(status));
}

void from_json(const nlohmann::json& j, Status& status) {
  const auto parsed = status_from_string(j.get<std::string>());
  if (!parsed) {
    throw nlohmann::json::other_error::create(501, "unknown status " + j.dump(), &j);
  }
  status = *parsed;
}

} // namespace sohoa
