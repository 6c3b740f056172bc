#include "tax_codes.hpp"
#include "sohoa/forms/identifiers.hpp"
#include "text_fold.hpp"
#include <cctype>

namespace sohoa::forms {
namespace {

bool is_label_end(const std::vector<std::string>& folded, std::size_t i) {
  // "mã số thuế" -> "ma so thue"; "MST", "MST:" -> "mst".
  if (folded[i] == "mst") {
    return true;
  }
  return i >= 2 && folded[i] == "thue" && folded[i - 1] == "so" && folded[i - 2] == "ma";
}

// The code after a label: the digits of the next words, spaces and dots between
// groups dropped, one "-" kept; stops at the first word holding a letter.
std::string code_after(const std::vector<OcrWord>& words, std::size_t from) {
  std::string code;
  for (std::size_t i = from; i < words.size() && code.size() < 16; ++i) {
    const std::string& w = words[i].text;
    bool letter = false;
    for (const unsigned char c : w) {
      letter = letter || std::isalpha(c) != 0 || c >= 0x80;
    }
    if (letter) {
      break;
    }
    for (const char c : w) {
      if (std::isdigit(static_cast<unsigned char>(c)) != 0 || (c == '-' && !code.empty())) {
        code += c;
      }
    }
  }
  return code;
}

} // namespace

std::vector<PrintedTaxCode> find_tax_codes(const std::vector<PageText>& pages) {
  std::vector<PrintedTaxCode> out;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const auto& line : pages[p].lines) {
      std::vector<std::string> folded;
      folded.reserve(line.words.size());
      for (const auto& w : line.words) {
        folded.push_back(fold_alnum(w.text));
      }
      for (std::size_t i = 0; i < folded.size(); ++i) {
        if (!is_label_end(folded, i)) {
          continue;
        }
        const std::string code = code_after(line.words, i + 1);
        if (!code.empty()) {
          out.push_back({code, static_cast<int>(p) + 1});
        }
      }
    }
  }
  return out;
}

void check_printed_tax_codes(const std::vector<PageText>& pages, FormsResult& result) {
  for (const auto& printed : find_tax_codes(pages)) {
    const auto findings = check_tax_code(printed.code);
    if (!findings.empty()) {
      result.issues.push_back({"", "invalid_tax_code",
                               "Mã số thuế " + printed.code + " (trang " +
                                   std::to_string(printed.page) +
                                   "): " + findings.front().message});
    }
  }
}

} // namespace sohoa::forms
