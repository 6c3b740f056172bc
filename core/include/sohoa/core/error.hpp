#pragma once
// The project's one error type: which stage failed, a stable machine code, the
// file and page concerned. Library code throws it; the orchestrator catches it at
// the document boundary and records it; the CLI prints "sohoa: error: ...".
#include "sohoa/core/error_codes.hpp"
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sohoa {

// `pipeline` is the orchestrator itself: an error no stage raised (an internal error).
enum class Stage { config, ingest, imaging, ocr, forms, pdf, sign, verify, output, pipeline };

// The names error records carry ("stage": "ocr"); written and read here only.
std::string_view to_string(Stage stage);
std::optional<Stage> stage_from_string(std::string_view name);
void to_json(nlohmann::json& j, Stage stage);
void from_json(const nlohmann::json& j, Stage& stage); // throws on an unknown name

class Error : public std::runtime_error {
public:
  // `code` is a code of core/error_codes.hpp (checked at compile time for a literal).
  Error(Stage stage, ErrorCode code, const std::string& message, std::string file = {},
        int page = 0);

  Stage stage() const { return m_stage; }
  // Stable, snake_case, e.g. "unsupported_format", "too_many_pixels".
  const std::string& code() const { return m_code; }
  // Its entry in the table (the code and what it means in general).
  ErrorCode error_code() const { return ErrorCode::known(m_code); }
  const std::string& file() const { return m_file; }
  // 1-based page within the file, 0 when not about one page.
  int page() const { return m_page; }
  // "file.tif, page 2: message" - what a person reads.
  std::string describe() const;

private:
  Stage m_stage;
  std::string m_code;
  std::string m_file;
  int m_page;
};

} // namespace sohoa
