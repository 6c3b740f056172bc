#pragma once
// Where a dossier handed to the counter is (CONTRACT.md section 6, GET /api/dossiers/{id}
// "status"): its names are written here only.
#include <string_view>

namespace sohoa::service {

enum class DossierState { queued, working, done, failed };

constexpr std::string_view to_string(DossierState state) {
  switch (state) {
  case DossierState::queued:
    return "queued";
  case DossierState::working:
    return "working";
  case DossierState::done:
    return "done";
  case DossierState::failed:
    return "failed";
  }
  return "failed";
}

} // namespace sohoa::service
