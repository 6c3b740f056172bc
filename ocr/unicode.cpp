#include "unicode.hpp"
#include "sohoa/core/error.hpp"
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace sohoa::ocr {

std::string to_nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) {
    throw Error(Stage::ocr, "icu_failed",
                std::string("ICU NFC normalizer unavailable: ") + u_errorName(status));
  }
  const auto source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // Already-NFC text (the common case) is returned without a second copy.
  if (nfc->isNormalized(source, status) && U_SUCCESS(status)) {
    std::string out;
    return source.toUTF8String(out);
  }
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = nfc->normalize(source, status);
  if (U_FAILURE(status)) {
    throw Error(Stage::ocr, "icu_failed",
                std::string("NFC normalization failed: ") + u_errorName(status));
  }
  std::string out;
  return normalized.toUTF8String(out);
}

} // namespace sohoa::ocr
