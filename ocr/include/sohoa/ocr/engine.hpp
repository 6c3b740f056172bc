#pragma once
// Tesseract through its C++ API. Only this folder sees Tesseract and Leptonica.
// One OcrEngine per worker thread, initialized once, never shared.
#include "sohoa/core/ocr_types.hpp"
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::ocr {

// Tesseract page segmentation modes worth choosing between for forms.
enum class Segmentation {
  automatic = 3,     // PSM_AUTO: full layout analysis (columns, blocks)
  single_column = 4, // PSM_SINGLE_COLUMN: one column of lines of varying sizes
  single_block = 6,  // PSM_SINGLE_BLOCK: one uniform block of text
};

struct OcrOptions {
  std::string languages = "vie"; // Tesseract syntax: "vie" or "vie+eng"
  std::string tessdata_dir;      // empty: $TESSDATA_PREFIX, else Tesseract's default
  Segmentation segmentation = Segmentation::automatic;
  int time_limit_ms = 0; // per recognize() call; 0: none
  // Read mostly-digit words again with the English model limited to digits
  // (digit_reread.hpp); off, or without eng.traineddata, words stay as read.
  bool digit_reread = true;
};

struct OrientationGuess {
  int clockwise_degrees = 0; // turn to apply to make the page upright
  float confidence = 0;      // Tesseract OSD's orientation confidence
};

class OcrEngine {
public:
  // Throws sohoa::Error(Stage::ocr, "language_data_missing") when a language's
  // traineddata cannot be loaded.
  explicit OcrEngine(const OcrOptions& options);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // image: CV_8UC1 (0 ink, 255 paper) or CV_8UC3 (BGR); boxes come back in its
  // pixels. A page without text gives an empty PageText. Throws
  // sohoa::Error(Stage::ocr, "bad_image" | "ocr_timeout" | "tesseract_failed").
  PageText recognize(const cv::Mat& image, double dpi);

  // Tesseract OSD on an upright-or-not page; nullopt when OSD has no answer
  // (too little text, osd.traineddata missing).
  std::optional<OrientationGuess> detect_orientation(const cv::Mat& image, double dpi);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

std::string tesseract_version();
std::string leptonica_version();

struct LanguageData {
  std::string language;       // "vie"
  std::filesystem::path path; // the traineddata file used
  std::string sha256;
};
// The traineddata files OcrOptions resolves to (for the manifest).
std::vector<LanguageData> language_data(const OcrOptions& options);

} // namespace sohoa::ocr
