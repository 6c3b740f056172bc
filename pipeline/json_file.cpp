#include "json_file.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/name_text.hpp"

namespace sohoa::pipeline {

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what) {
  const std::string shown = escape_invalid_utf8(file.string());
  std::string text;
  try {
    text = read_file(file);
  } catch (const Error& e) {
    throw Error(Stage::output, "unreadable_file", "cannot read " + what + ": " + e.what(), shown);
  }
  std::string problem;
  nlohmann::json value = parse_json_text(text, problem);
  if (value.is_discarded()) {
    throw Error(Stage::output, "corrupt_json", what + " is not valid JSON: " + problem, shown);
  }
  return value;
}

} // namespace sohoa::pipeline
