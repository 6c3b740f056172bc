#include "tools/score/output_files.hpp"

#include <fstream>
#include <sstream>

namespace sohoa::score {

std::optional<std::string> read_file_if_present(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<nlohmann::json> read_json_if_valid(const std::filesystem::path& path) {
  const auto text = read_file_if_present(path);
  if (!text) {
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) {
    return std::nullopt;
  }
  return parsed;
}

} // namespace sohoa::score
