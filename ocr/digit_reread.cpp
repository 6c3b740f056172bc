#include "digit_reread.hpp"
#include "handles.hpp"
#include "openmp_limit.hpp"
#include "tessdata.hpp"
#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>

namespace sohoa::ocr {
namespace {

constexpr const char* k_number_characters = "0123456789/.-";
constexpr int k_min_digits = 4;
constexpr std::size_t k_max_word_bytes = 24;
constexpr float k_confident = 0.9f;
constexpr float k_min_second_confidence = 0.6f;
constexpr float k_confidence_slack = 0.05f;

int digit_count(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(),
                                        [](unsigned char c) { return c >= '0' && c <= '9'; }));
}

bool is_number_text(const std::string& text) {
  return !text.empty() && text.find_first_not_of(k_number_characters) == std::string::npos &&
         digit_count(text) > 0;
}

// Tesseract's symbol boxes can end a number early when a dotted leader follows
// it ("036052984" of "036052984442......"): the box grows right over columns
// with ink above the baseline zone, up to a gap narrower than a space. Leader
// dots sit on the baseline and do not count.
Box grow_over_digits(const cv::Mat& page, const Box& box) {
  if (box.h < 4 || box.y < 0 || box.bottom() > page.rows) {
    return box;
  }
  const int max_gap = std::max(2, box.h * 22 / 100);
  const int glyph_zone_end = box.y + box.h * 72 / 100;
  int right = box.right();
  int gap = 0;
  for (int x = box.right(); x < page.cols && gap <= max_gap; ++x) {
    bool glyph_ink = false;
    for (int y = box.y; y < glyph_zone_end && !glyph_ink; ++y) {
      glyph_ink = page.at<uchar>(y, x) < 128;
    }
    if (glyph_ink) {
      right = x + 1;
      gap = 0;
    } else {
      ++gap;
    }
  }
  Box grown = box;
  grown.w = right - box.x;
  return grown;
}

// The word alone on white paper, with a margin Tesseract needs to find its line.
cv::Mat word_image(const cv::Mat& page, const Box& box) {
  const cv::Rect bounds(0, 0, page.cols, page.rows);
  const cv::Rect rect = cv::Rect(box.x, box.y, box.w, box.h) & bounds;
  if (rect.width < 2 || rect.height < 2) {
    return {};
  }
  const int margin = std::max(8, rect.height / 2);
  cv::Mat out(rect.height + 2 * margin, rect.width + 2 * margin, CV_8UC1, cv::Scalar(255));
  page(rect).copyTo(out(cv::Rect(margin, margin, rect.width, rect.height)));
  return out;
}

std::string trimmed(const char* text) {
  std::string s = text == nullptr ? "" : text;
  const auto first = s.find_first_not_of(" \n\t");
  if (first == std::string::npos) {
    return "";
  }
  const auto last = s.find_last_not_of(" \n\t");
  return s.substr(first, last - first + 1);
}

} // namespace

namespace {

// At least k_min_digits digits, and digits most of the word. Bytes, not
// characters: a Vietnamese letter takes 2-3 bytes, so words with letters fall
// below the share quickly, as they should.
bool mostly_digits(const std::string& text) {
  const int digits = digit_count(text);
  return text.size() <= k_max_word_bytes && digits >= k_min_digits &&
         digits * 10 >= static_cast<int>(text.size()) * 6;
}

} // namespace

bool wants_digit_reread(const OcrWord& word) {
  return mostly_digits(word.text) && !(is_number_text(word.text) && word.confidence >= k_confident);
}

bool prefer_digit_reading(const OcrWord& first, const std::string& second_text,
                          float second_confidence) {
  if (!is_number_text(second_text) || second_text == first.text) {
    return false;
  }
  if (digit_count(second_text) < digit_count(first.text)) {
    return false;
  }
  return second_confidence >= k_min_second_confidence &&
         second_confidence + k_confidence_slack >= first.confidence;
}

DigitRereader::DigitRereader(std::filesystem::path tessdata) : m_tessdata(std::move(tessdata)) {}

DigitRereader::~DigitRereader() = default;

bool DigitRereader::available() {
  if (m_api || m_unavailable) {
    return m_api != nullptr;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(traineddata_path(m_tessdata, k_digit_model), ec)) {
    m_unavailable = true;
    return false;
  }
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  try {
    if (api->Init(m_tessdata.c_str(), k_digit_model, tesseract::OEM_LSTM_ONLY) != 0) {
      m_unavailable = true;
      return false;
    }
  } catch (const std::exception&) {
    m_unavailable = true;
    return false;
  }
  api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api->SetVariable("tessedit_char_whitelist", k_number_characters);
  m_api = std::move(api);
  return true;
}

int DigitRereader::reread(const cv::Mat& image, int ppi, PageText& page) {
  if (image.type() != CV_8UC1) {
    return 0;
  }
  int replaced = 0;
  for (auto& line : page.lines) {
    for (auto& word : line.words) {
      if (!mostly_digits(word.text)) {
        continue;
      }
      const Box grown = grow_over_digits(image, word.box);
      const bool cut_short = grown.w - word.box.w > word.box.h / 3;
      if ((!cut_short && !wants_digit_reread(word)) || !available()) {
        continue;
      }
      const cv::Mat alone = word_image(image, grown);
      if (alone.empty()) {
        continue;
      }
      limit_openmp_to_calling_thread();
      m_api->SetImage(alone.data, alone.cols, alone.rows, 1, static_cast<int>(alone.step[0]));
      m_api->SetSourceResolution(ppi);
      const TessString text(m_api->GetUTF8Text());
      const float confidence = std::clamp(m_api->MeanTextConf() / 100.0f, 0.0f, 1.0f);
      m_api->Clear();
      const std::string second = trimmed(text.get());
      if (second.empty()) {
        continue;
      }
      if (!prefer_digit_reading(word, second, confidence)) {
        word.other_reading = second;
      } else {
        word.other_reading = word.text;
        word.text = second;
        word.confidence = confidence;
        word.box = grown;
        ++replaced;
      }
    }
  }
  return replaced;
}

} // namespace sohoa::ocr
