#include "sohoa/pipeline/dossier_selection.hpp"
#include "sohoa/core/error.hpp"
#include <algorithm>
#include <charconv>

namespace sohoa::pipeline {
namespace {

int parse_count(std::string_view text, const std::string& what) {
  int value = -1;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw Error(Stage::config, "bad_shard",
                what + " must be a whole number, not '" + std::string(text) + "'");
  }
  return value;
}

Shard checked(int index, int count, const std::string& origin) {
  if (count < 1 || count > 1'000'000 || index < 0 || index >= count) {
    throw Error(Stage::config, "bad_shard",
                origin + ": shard " + std::to_string(index) + " of " + std::to_string(count) +
                    " is outside 0.." + std::to_string(std::max(0, count - 1)));
  }
  return {index, count};
}

} // namespace

std::uint64_t stable_id_hash(std::string_view id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool Shard::holds(std::string_view dossier_id) const {
  return whole() || stable_id_hash(dossier_id) % static_cast<std::uint64_t>(count) ==
                        static_cast<std::uint64_t>(index);
}

Shard parse_shard(std::string_view spec) {
  const auto slash = spec.find('/');
  if (slash == std::string_view::npos) {
    throw Error(Stage::config, "bad_shard",
                "--shard takes I/N (0 <= I < N), not '" + std::string(spec) + "'");
  }
  return checked(parse_count(spec.substr(0, slash), "the shard index"),
                 parse_count(spec.substr(slash + 1), "the shard count"), "--shard");
}

Shard resolve_shard(const std::string& spec, int shard_count,
                    const std::function<const char*(const char*)>& getenv) {
  if (!spec.empty()) {
    return parse_shard(spec);
  }
  auto env = [&](const char* name) -> std::string {
    const char* value = getenv(name);
    return value != nullptr ? value : "";
  };
  if (const auto slurm = env("SLURM_ARRAY_TASK_ID"); !slurm.empty()) {
    // Slurm numbers array tasks as the script says (often from 1): the offset comes
    // from SLURM_ARRAY_TASK_MIN when set, so --array=1-8 and --array=0-7 both work.
    const auto min = env("SLURM_ARRAY_TASK_MIN");
    const auto count = env("SLURM_ARRAY_TASK_COUNT");
    const int n = !count.empty() ? parse_count(count, "SLURM_ARRAY_TASK_COUNT") : shard_count;
    const int offset = !min.empty() ? parse_count(min, "SLURM_ARRAY_TASK_MIN") : 0;
    return checked(parse_count(slurm, "SLURM_ARRAY_TASK_ID") - offset, n, "SLURM_ARRAY_TASK_ID");
  }
  if (const auto index = env("JOB_COMPLETION_INDEX"); !index.empty()) {
    if (shard_count < 1) {
      throw Error(Stage::config, "bad_shard",
                  "JOB_COMPLETION_INDEX is set: give the job's completions as --shard-count N");
    }
    return checked(parse_count(index, "JOB_COMPLETION_INDEX"), shard_count, "JOB_COMPLETION_INDEX");
  }
  if (shard_count > 1) {
    throw Error(Stage::config, "bad_shard",
                "--shard-count needs --shard, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX");
  }
  return {};
}

bool DossierSelection::holds(const std::string& dossier_id) const {
  if (!ids.empty() && std::find(ids.begin(), ids.end(), dossier_id) == ids.end()) {
    return false;
  }
  return shard.holds(dossier_id);
}

std::string report_file_name(const Shard& shard) {
  return shard.whole() ? "batch-report.json"
                       : "batch-report-" + std::to_string(shard.index) + ".json";
}

} // namespace sohoa::pipeline
