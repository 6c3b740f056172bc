#pragma once
// The outcome of a document or a dossier, as CONTRACT.md names it in manifest.json
// and batch-report.json. Its names are written and read here only.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace sohoa {

enum class Status {
  ok,           // every field may be accepted as read
  needs_review, // a person must look at some field or at the type
  failed,       // no outputs (or not all of them) were written; the reason is recorded
  not_finished, // batch report only: the run stopped before the dossier finished
};

std::string_view to_string(Status status);
std::optional<Status> status_from_string(std::string_view name);

// nlohmann-json's ADL hooks: a Status is written as its name; reading an unknown
// name throws nlohmann::json::other_error.
void to_json(nlohmann::json& j, Status status);
void from_json(const nlohmann::json& j, Status& status);

} // namespace sohoa
