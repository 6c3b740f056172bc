#include "sohoa/core/error.hpp"

namespace sohoa {

std::string_view to_string(Stage stage) {
  switch (stage) {
  case Stage::config: return "config";
  case Stage::ingest: return "ingest";
  case Stage::imaging: return "imaging";
  case Stage::ocr: return "ocr";
  case Stage::forms: return "forms";
  case Stage::pdf: return "pdf";
  case Stage::sign: return "sign";
  case Stage::verify: return "verify";
  case Stage::output: return "output";
  }
  return "unknown";
}

Error::Error(Stage stage, std::string code, const std::string& message, std::string file, int page)
    : std::runtime_error(message), m_stage(stage), m_code(std::move(code)), m_file(std::move(file)),
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
