#pragma once
// A second look at numbers. The Vietnamese LSTM model reads runs of bold digits
// worse than the English one: "089092948462" comes back as "(89092948462" on a
// citizen id card. Words that are mostly digits (identifiers, dates, phone
// numbers, years) are read again with the English model restricted to digits
// and separators, and the second reading replaces the first when it is a
// cleaner number. Internal to ocr/: it needs the Tesseract page image.
#include "sohoa/core/ocr_types.hpp"
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>

namespace tesseract {
class TessBaseAPI;
}

namespace sohoa::ocr {

// The model the second look uses; OcrOptions::digit_reread turns it off.
inline constexpr const char* k_digit_model = "eng";

// True when the word is worth a second look: at least 4 digits, and digits are
// most of it. Confident words made only of digits and separators are skipped.
bool wants_digit_reread(const OcrWord& word);

// The second reading replaces the first when it holds only digits and
// separators, loses no digit, and is not much less confident.
bool prefer_digit_reading(const OcrWord& first, const std::string& second_text,
                          float second_confidence);

class DigitRereader {
public:
  // Nothing is loaded until first use; a missing model turns the step off.
  explicit DigitRereader(std::filesystem::path tessdata);
  ~DigitRereader();
  DigitRereader(const DigitRereader&) = delete;
  DigitRereader& operator=(const DigitRereader&) = delete;

  // image: the grey or BGR page the words' boxes refer to, at ppi. Returns how
  // many words were replaced.
  int reread(const cv::Mat& image, int ppi, PageText& page);
  bool available();

private:
  std::filesystem::path m_tessdata;
  std::unique_ptr<tesseract::TessBaseAPI> m_api;
  bool m_unavailable = false;
};

} // namespace sohoa::ocr
