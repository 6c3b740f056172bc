#pragma once
// dossier.json (CONTRACT.md section 1) parsed into plain values. Tolerant: a key of
// the wrong type is dropped with a problem; text that is not a JSON object makes the
// whole file "malformed", its first problem saying where (line and column): the
// dossier then fails as a whole, since its code and grouping are unknown.
#include "sohoa/pipeline/ingest.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::pipeline {

struct DocumentSpec {
  std::string id;                 // as written (not sanitized); may be empty
  std::vector<std::string> files; // as written, relative to the dossier folder
  std::optional<std::string> doc_type;
};

struct DossierSpec {
  DossierMetadata metadata; // empty strings for absent keys
  bool has_dossier_code = false;
  std::vector<DocumentSpec> documents;
  bool malformed = false;            // not JSON, not an object, too large: the dossier fails
  std::vector<std::string> problems; // what was wrong, for the person who wrote it
};

// Never throws on any input (fuzzed).
DossierSpec parse_dossier_json(std::string_view text);

// Largest dossier.json read; beyond it the file is treated as malformed.
inline constexpr std::size_t k_max_dossier_json_bytes = 1 << 20;

} // namespace sohoa::pipeline
