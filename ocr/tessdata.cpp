#include "tessdata.hpp"
#include "digit_reread.hpp"
#include <algorithm>
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/ocr/engine.hpp"
#include <cstdlib>

namespace sohoa::ocr {
namespace {

// Where Debian's tesseract-ocr-* packages install their data (Tesseract 5).
constexpr const char* k_default_tessdata = "/usr/share/tesseract-ocr/5/tessdata";

// Language names become file names: keep them to what Tesseract ships.
bool is_safe_language_name(const std::string& name) {
  if (name.empty() || name.size() > 64) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

} // namespace

std::filesystem::path resolve_tessdata_dir(const std::string& configured) {
  if (!configured.empty()) {
    return configured;
  }
  // Tesseract 5 reads TESSDATA_PREFIX as the folder holding the traineddata.
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') {
    return env;
  }
  return k_default_tessdata;
}

std::vector<std::string> split_languages(const std::string& languages) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= languages.size()) {
    const std::size_t plus = languages.find('+', start);
    const std::size_t end = plus == std::string::npos ? languages.size() : plus;
    std::string name = languages.substr(start, end - start);
    if (!name.empty() && name.front() == '~') {
      name.erase(0, 1);
      if (!is_safe_language_name(name)) {
        throw Error(Stage::ocr, "bad_language", "invalid OCR language '" + name + "'");
      }
    } else {
      if (!is_safe_language_name(name)) {
        throw Error(Stage::ocr, "bad_language",
                    "invalid OCR language list '" + languages + "' (expected e.g. vie+eng)");
      }
      out.push_back(std::move(name));
    }
    if (plus == std::string::npos) {
      break;
    }
    start = plus + 1;
  }
  if (out.empty()) {
    throw Error(Stage::ocr, "bad_language", "no OCR language in '" + languages + "'");
  }
  return out;
}

std::filesystem::path traineddata_path(const std::filesystem::path& dir,
                                       const std::string& language) {
  return dir / (language + ".traineddata");
}

void require_language_files(const std::filesystem::path& dir,
                            const std::vector<std::string>& languages) {
  for (const auto& language : languages) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(traineddata_path(dir, language), ec)) {
      throw Error(Stage::ocr, "language_data_missing",
                  "OCR language data '" + language + "' not found: no " + language +
                      ".traineddata in tessdata folder " + dir.string() +
                      " (install tesseract-ocr-" + language +
                      " or set --tessdata / TESSDATA_PREFIX)");
    }
  }
}

std::vector<LanguageData> language_data(const OcrOptions& options) {
  const auto dir = resolve_tessdata_dir(options.tessdata_dir);
  const auto languages = split_languages(options.languages);
  require_language_files(dir, languages);
  std::vector<LanguageData> out;
  out.reserve(languages.size());
  for (const auto& language : languages) {
    const auto path = traineddata_path(dir, language);
    out.push_back({language, path, sha256_file(path)});
  }
  // The digit model is data the output depends on too, when it is used.
  const auto digit_model = traineddata_path(dir, k_digit_model);
  std::error_code ec;
  if (options.digit_reread &&
      std::none_of(languages.begin(), languages.end(),
                   [](const std::string& l) { return l == k_digit_model; }) &&
      std::filesystem::is_regular_file(digit_model, ec)) {
    out.push_back({k_digit_model, digit_model, sha256_file(digit_model)});
  }
  return out;
}

} // namespace sohoa::ocr
