#pragma once
// Printing verification results: Vietnamese (default) or English text, or JSON.
#include "pdfsign/verify_model.hpp"

#include <ostream>

namespace sohoa::sign {

void print_text_report(const std::vector<FileReport>& files, const std::string& lang,
                       std::ostream& out);
void print_json_report(const std::vector<FileReport>& files, std::ostream& out);

} // namespace sohoa::sign
