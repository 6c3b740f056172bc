#pragma once
// Where the traineddata files live and which ones a language string needs.
// Internal to ocr/: the engine and language_data() share one resolution rule.
#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::ocr {

// The tessdata folder: the given one, else $TESSDATA_PREFIX, else Debian's default.
std::filesystem::path resolve_tessdata_dir(const std::string& configured);

// "vie+eng" -> {"vie", "eng"}; Tesseract's "~lang" exclusions are skipped.
// Throws sohoa::Error(Stage::ocr, "bad_language") on an empty or unsafe name.
std::vector<std::string> split_languages(const std::string& languages);

std::filesystem::path traineddata_path(const std::filesystem::path& dir,
                                       const std::string& language);

// Throws sohoa::Error(Stage::ocr, "language_data_missing") naming the first
// language whose traineddata is not a regular file in dir.
void require_language_files(const std::filesystem::path& dir,
                            const std::vector<std::string>& languages);

} // namespace sohoa::ocr
