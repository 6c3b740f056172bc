#include "missed_text.hpp"
#include "short_components.hpp"
#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace sohoa::ocr {
namespace {

cv::Rect rect_of(const Box& b) {
  return {b.x, b.y, b.w, b.h};
}

// Word boxes grown by a margin for diacritics and slack, inside the image.
std::vector<cv::Rect> covered_rects(const PageText& page, int margin, cv::Size size) {
  const cv::Rect bounds(0, 0, size.width, size.height);
  std::vector<cv::Rect> covered;
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      const cv::Rect r = rect_of(w.box);
      covered.push_back(
          cv::Rect(r.x - margin, r.y - margin, r.width + 2 * margin, r.height + 2 * margin) &
          bounds);
    }
  }
  return covered;
}

// Ink pixels (255) of rows [top, bottom) that no covered rect holds.
cv::Mat uncovered_ink(const cv::Mat& binary, const std::vector<cv::Rect>& covered, int top,
                      int bottom) {
  cv::Mat ink = binary.rowRange(top, bottom) < 128;
  const cv::Rect band(0, 0, ink.cols, ink.rows);
  for (const cv::Rect& r : covered) {
    const cv::Rect part = (r - cv::Point(0, top)) & band;
    if (part.area() > 0) {
      ink(part).setTo(0);
    }
  }
  return ink;
}

} // namespace

int median_word_height(const PageText& page) {
  std::vector<int> heights;
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      heights.push_back(w.box.h);
    }
  }
  if (heights.empty()) {
    return 0;
  }
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

std::vector<Box> missed_text_regions(const cv::Mat& binary, const PageText& page) {
  CV_Assert(binary.type() == CV_8UC1);
  const int h = median_word_height(page);
  if (h < 6) {
    return {};
  }
  // Band by band (short_components.hpp): neither the ink mask nor 32-bit labels
  // of the whole page are ever held, only the glyphs kept.
  const std::vector<cv::Rect> covered = covered_rects(page, std::max(2, h / 4), binary.size());
  const MaskRows ink_rows = [&](int top, int bottom) {
    return uncovered_ink(binary, covered, top, bottom);
  };
  // Glyph-sized pieces only: leader dots and specks are far lower, rules and
  // photos far wider or taller.
  cv::Mat glyphs(binary.size(), CV_8UC1, cv::Scalar(0));
  int kept = 0;
  for_each_short_component(binary.rows, ink_rows, h * 2, [&](const ShortComponent& glyph) {
    if (glyph.box.height * 10 < h * 4 || glyph.box.width > h * 2) {
      return;
    }
    glyphs(glyph.box).setTo(255, glyph.pixels());
    ++kept;
  });
  if (kept < 3) {
    return {};
  }
  // Glyphs of a word and of words a few spaces apart join; lines above and
  // below do not. The kernel is one row high, so a band's runs need only its rows.
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {std::max(3, h * 2), 1});
  const MaskRows run_rows = [&](int top, int bottom) {
    cv::Mat runs;
    cv::dilate(glyphs.rowRange(top, bottom), runs, kernel);
    return runs;
  };
  std::vector<Box> out;
  for_each_short_component(binary.rows, run_rows, h * 5 / 2, [&](const ShortComponent& run) {
    const cv::Rect& r = run.box;
    if (r.width < h * 3 / 2) {
      return;
    }
    cv::Mat pieces_labels;
    const int pieces = cv::connectedComponents(glyphs(r), pieces_labels, 8, CV_32S) - 1;
    if (pieces >= 3) {
      out.push_back(Box{r.x, r.y, r.width, r.height});
    }
  });
  std::sort(out.begin(), out.end(),
            [](const Box& a, const Box& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
  return out;
}

void merge_recovered_words(PageText& page, std::vector<OcrWord> words) {
  if (words.empty()) {
    return;
  }
  Box region;
  for (const auto& w : words) {
    region = unite(region, w.box);
  }
  const int centre = region.y + region.h / 2;
  for (auto& line : page.lines) {
    if (centre >= line.box.y && centre <= line.box.bottom()) {
      for (auto& w : words) {
        line.box = unite(line.box, w.box);
        line.words.push_back(std::move(w));
      }
      std::stable_sort(line.words.begin(), line.words.end(),
                       [](const OcrWord& a, const OcrWord& b) { return a.box.x < b.box.x; });
      return;
    }
  }
  // A line of its own, in reading order after the nearest line above it that
  // shares its columns (else after the last line starting above it); it joins
  // that line's block and paragraph so their numbering stays dense.
  OcrLine line;
  line.box = region;
  line.baseline = region.bottom();
  line.words = std::move(words);
  const auto shares_columns = [&](const OcrLine& l) {
    return std::min(l.box.right(), region.right()) > std::max(l.box.x, region.x);
  };
  auto after = page.lines.end();
  int best_bottom = -1;
  for (auto it = page.lines.begin(); it != page.lines.end(); ++it) {
    if (it->box.y <= region.y && shares_columns(*it) && it->box.bottom() > best_bottom) {
      best_bottom = it->box.bottom();
      after = std::next(it);
    }
  }
  if (best_bottom < 0) {
    after = page.lines.begin();
    for (auto it = page.lines.begin(); it != page.lines.end(); ++it) {
      if (it->box.y <= region.y) {
        after = std::next(it);
      }
    }
  }
  if (after != page.lines.begin()) {
    line.block = std::prev(after)->block;
    line.paragraph = std::prev(after)->paragraph;
  }
  page.lines.insert(after, std::move(line));
}

} // namespace sohoa::ocr
