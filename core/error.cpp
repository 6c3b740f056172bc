#include "sohoa/core/error.hpp"
#include <nlohmann/json.hpp>

namespace sohoa {

std::string_view to_string(Stage stage) {
  switch (stage) {
  case Stage::config:
    return "config";
  case Stage::ingest:
    return "ingest";
  case Stage::imaging:
    return "imaging";
  case Stage::ocr:
    return "ocr";
  case Stage::forms:
    return "forms";
  case Stage::pdf:
    return "pdf";
  case Stage::sign:
    return "sign";
  case Stage::verify:
    return "verify";
  case Stage::output:
    return "output";
  case Stage::pipeline:
    return "pipeline";
  }
  return "unknown";
}

std::optional<Stage> stage_from_string(std::string_view name) {
  for (const Stage stage :
       {Stage::config, Stage::ingest, Stage::imaging, Stage::ocr, Stage::forms, Stage::pdf,
        Stage::sign, Stage::verify, Stage::output, Stage::pipeline}) {
    if (to_string(stage) == name) {
      return stage;
    }
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, Stage stage) {
  j = std::string(to_string(stage));
}

void from_json(const nlohmann::json& j, Stage& stage) {
  const auto parsed = stage_from_string(j.get<std::string>());
  if (!parsed) {
    throw nlohmann::json::other_error::create(501, "unknown stage " + j.dump(), &j);
  }
  stage = *parsed;
}

Error::Error(Stage stage, ErrorCode code, const std::string& message, std::string file, int page)
    : std::runtime_error(message), m_stage(stage), m_code(code.code()), m_file(std::move(file)),
      m_page(page) {}

std::string Error::describe() const {
  std::string out;
  if (!m_file.empty()) {
    out += m_file;
    if (m_page > 0) {
      out += ", page " + std::to_string(m_page);
    }
    out += ": ";
  }
  out += what();
  return out;
}

} // namespace sohoa
