#pragma once
// The verification results as text: Vietnamese (default) or English, or JSON.
// The caller prints them.
#include "sohoa/sign/verify_model.hpp"

#include <string>
#include <vector>

namespace sohoa::sign {

std::string text_report(const std::vector<FileReport>& files, const std::string& lang);
std::string json_report(const std::vector<FileReport>& files);

} // namespace sohoa::sign
