#pragma once
// JSON read from files a person or an earlier run wrote: parse errors become plain
// messages with a line and column, never the parser's own text.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sohoa::pipeline {

// "line 3, column 14" of a 0-based byte offset; columns count characters.
inline std::string text_position(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The parsed text, or a discarded value with `problem` set ("unexpected text at
// line 3, column 14", "the text ends early at ..."). Never throws. Inline so the
// dossier.json parser (and its fuzz target) needs no other source file.
inline nlohmann::json parse_json_text(std::string_view text, std::string& problem) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the byte at which the parser gave up.
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    problem = std::string(at >= text.size() ? "the text ends early" : "unexpected text") + " at " +
              text_position(text, at);
    return nlohmann::json(nlohmann::json::value_t::discarded);
  } catch (const nlohmann::json::exception&) {
    // Not a parse_error: a number beyond a double (1e999) throws out_of_range.406.
    problem = "a number is too large";
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
}

// The parsed file. Throws sohoa::Error(Stage::output, "corrupt_json", "<what> is not
// valid JSON: <problem>", file) when it does not parse; unreadable_file when it
// cannot be read.
nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what);

} // namespace sohoa::pipeline
