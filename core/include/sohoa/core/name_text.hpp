#pragma once
// File names are bytes on Linux; JSON and ids need valid UTF-8. These helpers keep
// the bytes for reading files and give a stable, readable text for everything written.
#include <cstddef>
#include <string>
#include <string_view>

namespace sohoa {

// Length of the well-formed UTF-8 sequence starting at text[at] (shortest form, no
// surrogates, at most U+10FFFF); 0 when the byte there does not start one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

bool is_valid_utf8(std::string_view text);

// The name as valid UTF-8: every byte that is not part of a well-formed sequence
// becomes "%XX" (upper-case hex). Valid UTF-8 comes back unchanged, so ordinary
// names are untouched; the result is the same for the same bytes on every run.
std::string escape_invalid_utf8(std::string_view text);

// Lower-case hex of every byte: the exact original of a name that was escaped.
std::string hex_bytes(std::string_view bytes);

} // namespace sohoa
