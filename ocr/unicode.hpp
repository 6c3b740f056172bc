#pragma once
// Unicode normalization of OCR output: the records promise NFC everywhere.
#include <string>
#include <string_view>

namespace sohoa::ocr {

// UTF-8 in, NFC UTF-8 out. Ill-formed UTF-8 sequences become U+FFFD.
std::string to_nfc(std::string_view utf8);

} // namespace sohoa::ocr
