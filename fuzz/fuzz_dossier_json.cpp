// libFuzzer target: dossier.json parsing. It never throws; the result must be
// consistent (a malformed file yields nothing but problems).
#include "pipeline/decode_dossier_json.hpp"
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sohoa::pipeline::DossierSpec spec = sohoa::pipeline::parse_dossier_json(text);
  if (spec.malformed && (!spec.documents.empty() || spec.problems.empty())) {
    std::abort(); // a broken invariant is a finding
  }
  return 0;
}
