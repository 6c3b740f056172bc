#pragma once
// A structural PDF/A-2b/3b checker for the rules our writer must meet
// (PDF-NOTES.md). Not a full validator: veraPDF is not available here. Rule
// names start with veraPDF's rule ids where the rule maps to one. Works on
// signed files too (incremental updates: the last trailer and revision win).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pdf {

struct PdfACheck {
  std::string rule; // "6.6.2.3.1-1 custom XMP properties declared"
  bool ok = false;
  std::string detail; // what was found (the reason when not ok)
};

// Runs every check; never throws for a bad file (an unreadable or unparseable
// one gives failed checks). expected_part (2 or 3) also requires pdfaid:part
// to equal it; without it the part the file claims is checked for itself.
std::vector<PdfACheck> check_pdfa(const std::filesystem::path& file,
                                  std::optional<int> expected_part = std::nullopt);

// True when every check passed.
bool pdfa_ok(const std::vector<PdfACheck>& checks);

} // namespace sohoa::pdf
