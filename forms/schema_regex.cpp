#include "schema_regex.hpp"
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace sohoa::forms {
namespace {

// ICU's units: a time limit counts steps of the engine (a few milliseconds each on
// this hardware); the stack limit is the heap ICU may use for backtracking.
constexpr int32_t k_match_time_limit = 50;
constexpr int32_t k_match_stack_bytes = 1 << 20;

bool is_utf8(std::string_view text) {
  int32_t at = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (at < length) {
    UChar32 c = 0;
    U8_NEXT(text.data(), at, length, c);
    if (c < 0) {
      return false;
    }
  }
  return true;
}

} // namespace

SchemaRegex SchemaRegex::compile(std::string_view pattern, std::string& error) {
  SchemaRegex out;
  if (pattern.size() > k_max_schema_pattern_bytes) {
    error = "longer than " + std::to_string(k_max_schema_pattern_bytes) + " bytes";
    return out;
  }
  if (!is_utf8(pattern)) {
    error = "not UTF-8";
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(text, 0, where, status));
  if (U_FAILURE(status) || compiled == nullptr) {
    error = std::string(u_errorName(status)) + " at offset " + std::to_string(where.offset);
    return out;
  }
  out.m_pattern = std::move(compiled);
  return out;
}

bool SchemaRegex::full_match(std::string_view value) const {
  if (m_pattern == nullptr || value.size() > k_max_matched_value_bytes || !is_utf8(value)) {
    return false;
  }
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(value.data(), static_cast<int32_t>(value.size())));
  UErrorCode status = U_ZERO_ERROR;
  // RegexPattern::matcher is const and safe to share across threads; each call has
  // its own matcher.
  std::unique_ptr<icu::RegexMatcher> matcher(m_pattern->matcher(text, status));
  if (U_FAILURE(status) || matcher == nullptr) {
    return false;
  }
  matcher->setTimeLimit(k_match_time_limit, status);
  matcher->setStackLimit(k_match_stack_bytes, status);
  const bool matched = matcher->matches(status) != 0;
  return U_SUCCESS(status) && matched;
}

bool schema_regex_full_match(std::string_view pattern, std::string_view value) {
  std::string error;
  return SchemaRegex::compile(pattern, error).full_match(value);
}

} // namespace sohoa::forms
