#include "second_pass.hpp"
#include "missed_text.hpp"
#include "tess_words.hpp"
#include <algorithm>
#include <tesseract/baseapi.h>

namespace sohoa::ocr {
namespace {

constexpr std::size_t k_max_regions = 40;

// The region cut out, every word already read in it whitened except `keep`:
// reading it must not read them twice.
cv::Mat region_image(const cv::Mat& image, const cv::Rect& rect, const PageText& page,
                     const OcrWord* keep = nullptr) {
  cv::Mat crop = image(rect).clone();
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      if (&w == keep) {
        continue;
      }
      const cv::Rect covered = cv::Rect(w.box.x - rect.x, w.box.y - rect.y, w.box.w, w.box.h) &
                               cv::Rect(0, 0, crop.cols, crop.rows);
      if (covered.area() > 0) {
        crop(covered).setTo(255);
      }
    }
  }
  return crop;
}

cv::Rect padded(const Box& box, const cv::Mat& image) {
  const int pad = std::max(4, box.h / 2);
  return cv::Rect(box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad) &
         cv::Rect(0, 0, image.cols, image.rows);
}

struct Reading {
  std::vector<OcrWord> words; // boxes in page pixels
  float confidence = 0;       // mean over the words
};

// One line read from a crop whose top-left corner is at `origin` on the page.
Reading read_line(tesseract::TessBaseAPI& api, const cv::Mat& crop, cv::Point origin, int ppi) {
  Reading r;
  if (crop.empty()) {
    return r;
  }
  api.SetImage(crop.data, crop.cols, crop.rows, 1, static_cast<int>(crop.step[0]));
  api.SetSourceResolution(ppi);
  if (api.Recognize(nullptr) != 0) {
    return r;
  }
  float sum = 0;
  for (auto& w : read_words(api)) {
    w.box.x += origin.x;
    w.box.y += origin.y;
    sum += w.confidence;
    r.words.push_back(std::move(w));
  }
  r.confidence = r.words.empty() ? 0.0f : sum / static_cast<float>(r.words.size());
  return r;
}

std::string joined_text(const std::vector<OcrWord>& words) {
  std::string text;
  for (const auto& w : words) {
    text += (text.empty() ? "" : " ") + w.text;
  }
  return text;
}

// Single-line mode for the passes, the page's mode back afterwards.
class LineMode {
public:
  explicit LineMode(tesseract::TessBaseAPI& api) : m_api(api), m_mode(api.GetPageSegMode()) {
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  }
  ~LineMode() { m_api.SetPageSegMode(m_mode); }
  LineMode(const LineMode&) = delete;
  LineMode& operator=(const LineMode&) = delete;

private:
  tesseract::TessBaseAPI& m_api;
  tesseract::PageSegMode m_mode;
};

} // namespace

void recover_missed_text(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi,
                         PageText& page) {
  if (image.type() != CV_8UC1) {
    return;
  }
  const std::vector<Box> regions = missed_text_regions(image, page);
  if (regions.empty() || regions.size() > k_max_regions) {
    return;
  }
  LineMode line_mode(api);
  for (const Box& region : regions) {
    const cv::Rect rect = padded(region, image);
    Reading r = read_line(api, region_image(image, rect, page), rect.tl(), ppi);
    if (!r.words.empty() && r.confidence >= k_second_reading_confidence) {
      merge_recovered_words(page, std::move(r.words));
    }
  }
}

void reread_unsure_words(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi,
                         PageText& page) {
  if (image.type() != CV_8UC1) {
    return;
  }
  // Flat words are leader dots read as letters: nothing to gain there.
  const int min_height = median_word_height(page) * 6 / 10;
  std::size_t looked = 0;
  std::unique_ptr<LineMode> line_mode;
  for (auto& line : page.lines) {
    for (std::size_t i = 0; i < line.words.size() && looked < k_max_regions; ++i) {
      const OcrWord& word = line.words[i];
      if (word.confidence >= k_unsure_word_confidence || word.box.h < min_height ||
          word.box.w < word.box.h) {
        continue;
      }
      ++looked;
      if (!line_mode) {
        line_mode = std::make_unique<LineMode>(api);
      }
      const cv::Rect rect = padded(word.box, image);
      Reading r = read_line(api, region_image(image, rect, page, &word), rect.tl(), ppi);
      if (r.words.empty()) {
        continue;
      }
      const std::string second = joined_text(r.words);
      if (r.confidence < k_second_reading_confidence || r.confidence <= word.confidence) {
        line.words[i].other_reading = second;
        continue;
      }
      // The replacement keeps the page pass's reading as its other one.
      for (auto& w : r.words) {
        w.other_reading = second == word.text ? w.text : word.text;
      }
      const auto at = line.words.begin() + static_cast<std::ptrdiff_t>(i);
      line.words.erase(at);
      line.words.insert(line.words.begin() + static_cast<std::ptrdiff_t>(i), r.words.begin(),
                        r.words.end());
      i += r.words.size() - 1;
    }
  }
}

void dots_for_flat_words(PageText& page) {
  const int h = median_word_height(page);
  if (h < 8) {
    return;
  }
  for (auto& line : page.lines) {
    for (auto& w : line.words) {
      const bool flat = w.box.h * 4 < h;
      const bool dashes = w.text.find_first_not_of("-_\xE2\x80\x93\x94") == std::string::npos;
      const bool dots = w.text.find_first_not_of(".\xE2\x80\xA6") == std::string::npos;
      if (!flat || dashes || dots) {
        continue;
      }
      // About one dot for every third of a text height, as leaders are printed.
      const int count = std::max(3, w.box.w * 10 / (h * 3));
      w.text.assign(static_cast<std::size_t>(count), '.');
    }
  }
}

void drop_leader_echoes(PageText& page) {
  const auto only_dots = [](const OcrWord& w) {
    return !w.text.empty() && w.text.find_first_not_of(".\xE2\x80\xA6") == std::string::npos;
  };
  for (auto& line : page.lines) {
    std::vector<Box> leaders;
    for (const auto& w : line.words) {
      if (only_dots(w) && w.text.size() >= 3) {
        leaders.push_back(w.box);
      }
    }
    if (leaders.empty()) {
      continue;
    }
    std::erase_if(line.words, [&](const OcrWord& w) {
      if (only_dots(w) || w.confidence >= k_echo_confidence || w.box.w <= 0) {
        return false;
      }
      int covered = 0;
      for (const Box& l : leaders) {
        covered += std::max(0, std::min(w.box.right(), l.right()) - std::max(w.box.x, l.x));
      }
      return covered * 2 >= w.box.w;
    });
  }
}

void second_pass(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi, PageText& page) {
  dots_for_flat_words(page);
  drop_leader_echoes(page);
  reread_unsure_words(api, image, ppi, page);
  recover_missed_text(api, image, ppi, page);
}

} // namespace sohoa::ocr
