#pragma once
// The regular expressions a schema carries (x-pattern, x-find-by-pattern), run on OCR
// text. Not std::regex: it recurses once per character matched and once per term of
// the pattern, with no bound, so a long pattern or a long value overflows the stack.
// ICU's engine keeps its backtracking on the heap and takes a stack and time limit.
#include <memory>
#include <string>
#include <string_view>
#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace sohoa::forms {

// Longest pattern a schema may hold, and longest value one is matched against: a
// field value is one line of a form; a longer one does not match.
inline constexpr std::size_t k_max_schema_pattern_bytes = 1024;
inline constexpr std::size_t k_max_matched_value_bytes = 4096;

class SchemaRegex {
public:
  // Compiles `pattern` (UTF-8); on failure returns an empty regex and sets `error`
  // (too long, or why ICU refuses it).
  static SchemaRegex compile(std::string_view pattern, std::string& error);

  bool valid() const { return m_pattern != nullptr; }
  // True when the whole of `value` matches. False for an invalid regex, a value
  // over k_max_matched_value_bytes or not UTF-8, and a match that exceeds the
  // engine's time or stack limit.
  bool full_match(std::string_view value) const;

private:
  std::shared_ptr<const icu::RegexPattern> m_pattern;
};

// The same as SchemaRegex::compile(pattern).full_match(value), for a pattern used once.
bool schema_regex_full_match(std::string_view pattern, std::string_view value);

} // namespace sohoa::forms
