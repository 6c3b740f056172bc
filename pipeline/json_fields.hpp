#pragma once
// Reading the keys of the project's own JSON files into their value types: a key
// that may be absent gives a fallback, a key of the wrong type throws
// nlohmann::json::exception, so a damaged file is seen as damaged.
#include <nlohmann/json.hpp>
#include <optional>

namespace sohoa::pipeline {

template <typename T> T optional_value(const nlohmann::json& j, const char* key, T fallback) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? fallback : it->template get<T>();
}

// The key's value when present and not null.
template <typename T> std::optional<T> maybe_value(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    return std::nullopt;
  }
  return it->template get<T>();
}

} // namespace sohoa::pipeline
