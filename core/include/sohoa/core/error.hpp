#pragma once
// The project's one error type: which stage failed, a stable machine code, the
// file and page concerned. Library code throws it; the orchestrator catches it at
// the document boundary and records it; the CLI prints "sohoa: error: ...".
#include <stdexcept>
#include <string>
#include <string_view>

namespace sohoa {

enum class Stage { config, ingest, imaging, ocr, forms, pdf, sign, verify, output };

std::string_view to_string(Stage stage);

class Error : public std::runtime_error {
public:
  Error(Stage stage, std::string code, const std::string& message, std::string file = {},
        int page = 0);

  Stage stage() const { return m_stage; }
  // Stable, snake_case, e.g. "unsupported_format", "too_many_pixels".
  const std::string& code() const { return m_code; }
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
