#include "missed_text.hpp"
#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace sohoa::ocr {
namespace {

cv::Rect rect_of(const Box& b) { return {b.x, b.y, b.w, b.h}; }

// Ink pixels (255) no word box covers, with a margin for diacritics and slack.
cv::Mat uncovered_ink(const cv::Mat& binary, const PageText& page, int margin) {
  cv::Mat ink = binary < 128;
  const cv::Rect bounds(0, 0, ink.cols, ink.rows);
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      const cv::Rect r = rect_of(w.box);
      const cv::Rect grown = cv::Rect(r.x - margin, r.y - margin, r.width + 2 * margin,
                                      r.height + 2 * margin) &
                             bounds;
      ink(grown).setTo(0);
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
  const cv::Mat ink = uncovered_ink(binary, page, std::max(2, h / 4));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  // Glyph-sized pieces only: leader dots and specks are far lower, rules and
  // photos far wider or taller.
  cv::Mat glyphs(ink.size(), CV_8UC1, cv::Scalar(0));
  int kept = 0;
  for (int i = 1; i < count; ++i) {
    const int gw = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int gh = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (gh * 10 < h * 4 || gh > h * 2 || gw > h * 2) {
      continue;
    }
    const cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), gw, gh);
    glyphs(r).setTo(255, labels(r) == i);
    ++kept;
  }
  if (kept < 3) {
    return {};
  }
  // Glyphs of a word and of words a few spaces apart join; lines above and
  // below do not.
  cv::Mat runs;
  cv::dilate(glyphs, runs, cv::getStructuringElement(cv::MORPH_RECT, {std::max(3, h * 2), 1}));
  cv::Mat run_labels;
  cv::Mat run_stats;
  const int runs_found =
      cv::connectedComponentsWithStats(runs, run_labels, run_stats, centroids, 8, CV_32S);
  std::vector<Box> out;
  for (int i = 1; i < runs_found; ++i) {
    const int rw = run_stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int rh = run_stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (rw < h * 3 / 2 || rh > h * 5 / 2) {
      continue;
    }
    const cv::Rect r(run_stats.at<int>(i, cv::CC_STAT_LEFT), run_stats.at<int>(i, cv::CC_STAT_TOP),
                     rw, rh);
    cv::Mat pieces_labels;
    const int pieces = cv::connectedComponents(glyphs(r), pieces_labels, 8, CV_32S) - 1;
    if (pieces < 3) {
      continue;
    }
    out.push_back(Box{r.x, r.y, r.width, r.height});
  }
  std::sort(out.begin(), out.end(), [](const Box& a, const Box& b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  });
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
  const auto shares_columns = [&](const OcrLine &l) {
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
