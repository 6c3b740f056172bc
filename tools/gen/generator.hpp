#pragma once
// Generates a whole test set: DIR/input/<dossier>/... and DIR/truth/<dossier>/<doc>.json.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tools/gen/writers.hpp"

namespace sohoa::gen {

enum class Profile { clean, degraded, mixed };
// Which layouts documents are drawn in: the ones the pipeline was tuned on, held-out
// variants it has not seen, or a random choice per document.
enum class LayoutSet { standard, holdout, mixed };

struct GenOptions {
  std::uint64_t seed = 1;
  std::filesystem::path out;
  int dossiers = 4;
  Profile profile = Profile::clean;
  std::vector<Format> formats = {Format::png};
  int dpi = 300;
  bool bad_inputs = false;
  bool unknown_docs = false;
  int jobs = 1; // dossiers generated in parallel (output does not depend on it)
  LayoutSet layouts = LayoutSet::standard;
  // Holdout documents also get the held-out scan conditions (tools/gen/conditions.hpp);
  // false gives the holdout layouts alone, as before the conditions existed.
  bool scan_conditions = true;
  // Scan conditions every document gets, standard layouts too (photocopy_of_copy,
  // phone_photo, low_dpi, upside_down, stamp_over_text): one condition measured on
  // the tuned layouts.
  std::vector<std::string> forced_conditions;
};

Profile parse_profile(const std::string& name);      // throws std::invalid_argument
LayoutSet parse_layout_set(const std::string& name); // throws std::invalid_argument
// Writes the set; returns the number of documents written.
int generate_set(const GenOptions& options);
// One dossier, numbered from 0 (used by generate_set and the tests).
int generate_dossier(const GenOptions& options, int index);
// The dossier with the bad files of --bad-inputs.
int generate_bad_inputs(const GenOptions& options);

} // namespace sohoa::gen
