#pragma once
// Tax codes (mã số thuế) wherever a document prints one: after a "Mã số thuế" or
// "MST" label on any line, whether or not the form has a field for it. A code that
// breaks the rule (10 digits with the check digit, or 10 digits "-" 3 digits for a
// branch; forms/identifiers.hpp check_tax_code) becomes a document issue.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/record.hpp"
#include <string>
#include <vector>

namespace sohoa::forms {

struct PrintedTaxCode {
  std::string code; // digits, and "-" before a branch suffix
  int page = 1;     // 1-based
};

std::vector<PrintedTaxCode> find_tax_codes(const std::vector<PageText>& pages);

// Adds an issue (field "", code "invalid_tax_code") for each printed code that breaks the rule.
void check_printed_tax_codes(const std::vector<PageText>& pages, FormsResult& result);

} // namespace sohoa::forms
