#include "leader_dots.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {

// A typed full stop in 14 pt bold is about 0.6 mm across; a leader dot is smaller.
constexpr double k_max_dot_mm = 0.8;
// Leader pitches run from about 0.8 mm (printed dots) to 2 mm (typed "....").
constexpr double k_max_pitch_mm = 3.0;
// Grid cell of the letter index used for the over/under tests.
constexpr double k_cell_mm = 2.0;
// The longest stretch of leader a value written over it may hide (a few words).
constexpr double k_max_hidden_mm = 25.0;
// Dots in a row that give a pitch to follow: where a value covers most of a
// leader, only short runs of it show between the words.
constexpr int k_min_seed_dots = 3;
// A leader pieced together from such short runs needs more dots: typed stops in
// a sentence ("mục 3..., mục 4......") may fall in phase by chance.
constexpr int k_min_pieced_dots = 12;

struct Blob {
  int label = 0;
  cv::Rect box;
  double cx = 0;
  double cy = 0;
};

bool is_dot_shaped(const cv::Rect& box, int area, int max_side) {
  const int lo = std::min(box.width, box.height);
  const int hi = std::max(box.width, box.height);
  return hi <= max_side && hi <= 2 * lo + 1 && area * 10 >= box.area() * 4;
}

// Larger ink (letters, lines) bucketed by grid cell, for "is there a letter right
// above or below this dot" without scanning the page for every dot.
class LetterIndex {
public:
  LetterIndex(cv::Size page, int cell) : m_cell(std::max(1, cell)) {
    m_cols = page.width / m_cell + 1;
    m_rows = page.height / m_cell + 1;
    m_buckets.resize(static_cast<size_t>(m_cols) * static_cast<size_t>(m_rows));
  }

  void add(const cv::Rect& box) {
    const int id = static_cast<int>(m_boxes.size());
    m_boxes.push_back(box);
    for (int r = box.y / m_cell; r <= (box.y + box.height - 1) / m_cell && r < m_rows; ++r) {
      for (int c = box.x / m_cell; c <= (box.x + box.width - 1) / m_cell && c < m_cols; ++c) {
        m_buckets[static_cast<size_t>(r * m_cols + c)].push_back(id);
      }
    }
  }

  // True when a letter overlaps [x0, x1) horizontally and its bottom edge (or, with
  // top_edge, its top edge) lies in [y0, y1].
  bool any_edge_in(int x0, int x1, int y0, int y1, bool top_edge) const {
    const int first_row = std::max(0, (top_edge ? y0 : y0 - 1) / m_cell);
    for (int r = first_row; r <= std::max(0, y1) / m_cell && r < m_rows; ++r) {
      for (int c = std::max(0, x0 / m_cell); c <= std::max(0, x1 - 1) / m_cell && c < m_cols; ++c) {
        for (const int id : m_buckets[static_cast<size_t>(r * m_cols + c)]) {
          const cv::Rect& b = m_boxes[static_cast<size_t>(id)];
          const int edge = top_edge ? b.y : b.y + b.height - 1;
          if (b.x < x1 && b.x + b.width > x0 && edge >= y0 && edge <= y1) {
            return true;
          }
        }
      }
    }
    return false;
  }

private:
  int m_cell;
  int m_cols = 0;
  int m_rows = 0;
  std::vector<cv::Rect> m_boxes;
  std::vector<std::vector<int>> m_buckets;
};

// A tone mark under a letter (ạ, ộ), or the dot of an i or j: a letter ends right
// above the dot, or starts right below it, closer than two dot heights. A leader
// dot between two letters of a value written over the leader has neither.
bool belongs_to_letter(const Blob& dot, const LetterIndex& letters) {
  const cv::Rect& d = dot.box;
  const int reach = std::max(3, 2 * d.height + 1);
  const int x0 = d.x;
  const int x1 = d.x + d.width;
  return letters.any_edge_in(x0, x1, d.y - reach, d.y, false) ||
         letters.any_edge_in(x0, x1, d.y + d.height - 1, d.y + d.height + reach + d.height, true);
}

struct Chain {
  std::vector<const Blob*> dots;
  double pitch_sum = 0;
  double pitch() const { return pitch_sum / static_cast<double>(dots.size() - 1); }
};

size_t index_of(const Blob* dot, const std::vector<Blob>& dots) {
  return static_cast<size_t>(dot - dots.data());
}

bool similar(int a, int b) {
  return std::abs(a - b) <= std::max(1, std::max(a, b) / 2);
}

// Whether `dot` continues `chain`: next on the same baseline, the same size, and
// (from the third dot on) at the chain's pitch.
bool continues(const Chain& chain, const Blob& dot, double max_pitch) {
  const Blob& last = *chain.dots.back();
  const double dx = dot.cx - last.cx;
  const double size = std::max(last.box.width, dot.box.width);
  if (dx < 0.5 * size || dx > max_pitch) {
    return false;
  }
  const double dy_limit = std::max(1.0, 0.4 * std::max(last.box.height, dot.box.height));
  if (std::abs(dot.cy - last.cy) > dy_limit || !similar(dot.box.width, last.box.width) ||
      !similar(dot.box.height, last.box.height)) {
    return false;
  }
  if (chain.dots.size() >= 2) {
    const double pitch = chain.pitch();
    return std::abs(dx - pitch) <= std::max(1.5, 0.3 * pitch);
  }
  return dx <= 7.0 * size + 1.0; // leaders are spaced a few dot widths apart
}

int median_of(std::vector<int> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// A value written over a leader hides the dots under its letters; those left
// between its words still lie on the leader's baseline, at a whole number of
// pitches from the dots beside them. Walks out from both ends of the chain.
void extend_across_words(Chain& chain, const std::vector<const Blob*>& by_x,
                         std::vector<char>& taken, const std::vector<Blob>& dots, double max_gap) {
  std::vector<int> widths;
  std::vector<int> heights;
  for (const Blob* d : chain.dots) {
    widths.push_back(d->box.width);
    heights.push_back(d->box.height);
  }
  const int w = median_of(widths);
  const int h = median_of(heights);
  // The pitch is refined as the walk goes: the span of the dots found over the
  // number of pitches it covers.
  double span = std::abs(chain.dots.back()->cx - chain.dots.front()->cx);
  double steps_total = static_cast<double>(chain.dots.size() - 1);
  double pitch = span / steps_total;
  const double dy_limit = std::max(1.5, 0.5 * h);
  const double phase_limit = std::max(1.0, 0.15 * pitch);
  double next_steps = 0;
  auto fits = [&](const Blob& d) {
    return std::abs(d.box.width - w) <= std::max(1, w * 3 / 10) &&
           std::abs(d.box.height - h) <= std::max(1, h * 3 / 10);
  };
  std::vector<const Blob*> added;
  for (const int direction : {1, -1}) {
    const Blob* anchor = direction > 0 ? chain.dots.back() : chain.dots.front();
    for (;;) {
      const double lo = direction > 0 ? anchor->cx + 0.5 * pitch : anchor->cx - max_gap;
      const double hi = direction > 0 ? anchor->cx + max_gap : anchor->cx - 0.5 * pitch;
      auto it = std::lower_bound(by_x.begin(), by_x.end(), lo,
                                 [](const Blob* b, double x) { return b->cx < x; });
      const Blob* next = nullptr;
      for (; it != by_x.end() && (*it)->cx <= hi; ++it) {
        const Blob& d = **it;
        const auto index = index_of(&d, dots);
        const double dx = std::abs(d.cx - anchor->cx);
        const double steps = std::round(dx / pitch);
        if (taken[index] != 0 || std::abs(d.cy - anchor->cy) > dy_limit || !fits(d) ||
            std::abs(dx - steps * pitch) > phase_limit) {
          continue;
        }
        if (next == nullptr || dx < std::abs(next->cx - anchor->cx)) {
          next = &d;
          next_steps = steps;
        }
      }
      if (next == nullptr) {
        break;
      }
      taken[index_of(next, dots)] = 1;
      added.push_back(next);
      span += std::abs(next->cx - anchor->cx);
      steps_total += next_steps;
      pitch = span / steps_total;
      anchor = next;
    }
  }
  chain.dots.insert(chain.dots.end(), added.begin(), added.end());
}

} // namespace

int remove_leader_dots(cv::Mat& binary, double dpi) {
  CV_Assert(binary.type() == CV_8UC1);
  if (binary.empty()) {
    return 0;
  }
  const double px_per_mm = std::max(dpi, 50.0) / 25.4;
  const int max_side = std::max(2, static_cast<int>(std::lround(k_max_dot_mm * px_per_mm)));
  const double max_pitch = k_max_pitch_mm * px_per_mm;
  const cv::Mat ink = binary == 0;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);

  LetterIndex letters(binary.size(), static_cast<int>(std::lround(k_cell_mm * px_per_mm)));
  std::vector<Blob> dots;
  for (int i = 1; i < count; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (is_dot_shaped(box, stats.at<int>(i, cv::CC_STAT_AREA), max_side)) {
      dots.push_back({i, box, centroids.at<double>(i, 0), centroids.at<double>(i, 1)});
    } else if (box.height > max_side || box.width > max_side) {
      letters.add(box);
    }
  }
  std::vector<const Blob*> free_dots;
  for (const Blob& d : dots) {
    if (!belongs_to_letter(d, letters)) {
      free_dots.push_back(&d);
    }
  }
  std::sort(free_dots.begin(), free_dots.end(),
            [](const Blob* a, const Blob* b) { return a->cx < b->cx; });

  // Chains grow left to right; one no dot can reach any more is closed.
  std::vector<Chain> open;
  std::vector<Chain> seeds;
  auto close = [&](Chain& c) {
    if (static_cast<int>(c.dots.size()) >= k_min_seed_dots) {
      seeds.push_back(std::move(c));
    }
  };
  for (const Blob* dot : free_dots) {
    for (auto it = open.begin(); it != open.end();) {
      if (dot->cx - it->dots.back()->cx > max_pitch) {
        close(*it);
        it = open.erase(it);
      } else {
        ++it;
      }
    }
    Chain* best = nullptr;
    for (Chain& c : open) {
      if (continues(c, *dot, max_pitch) &&
          (best == nullptr ||
           std::abs(dot->cy - c.dots.back()->cy) < std::abs(dot->cy - best->dots.back()->cy))) {
        best = &c;
      }
    }
    if (best != nullptr) {
      best->pitch_sum += dot->cx - best->dots.back()->cx;
      best->dots.push_back(dot);
    } else {
      open.push_back(Chain{{dot}, 0});
    }
  }
  for (Chain& c : open) {
    close(c);
  }
  // Longest runs first: a leader's visible pieces join the longest one. A run that
  // does not reach k_min_leader_dots with them releases its dots.
  std::stable_sort(seeds.begin(), seeds.end(),
                   [](const Chain& a, const Chain& b) { return a.dots.size() > b.dots.size(); });
  std::vector<char> taken(dots.size(), 0);
  std::vector<Chain> leaders;
  for (Chain& seed : seeds) {
    if (std::any_of(seed.dots.begin(), seed.dots.end(),
                    [&](const Blob* d) { return taken[index_of(d, dots)] != 0; })) {
      continue; // already part of a longer leader
    }
    for (const Blob* d : seed.dots) {
      taken[index_of(d, dots)] = 1;
    }
    const int run = static_cast<int>(seed.dots.size());
    extend_across_words(seed, free_dots, taken, dots, k_max_hidden_mm * px_per_mm);
    const int total = static_cast<int>(seed.dots.size());
    if (total >= (run >= k_min_leader_dots ? k_min_leader_dots : k_min_pieced_dots)) {
      leaders.push_back(std::move(seed));
    } else {
      for (const Blob* d : seed.dots) {
        taken[index_of(d, dots)] = 0;
      }
    }
  }

  int removed = 0;
  for (const Chain& chain : leaders) {
    for (const Blob* dot : chain.dots) {
      for (int y = dot->box.y; y < dot->box.y + dot->box.height; ++y) {
        const int* label = labels.ptr<int>(y);
        uchar* px = binary.ptr<uchar>(y);
        for (int x = dot->box.x; x < dot->box.x + dot->box.width; ++x) {
          if (label[x] == dot->label) {
            px[x] = 255;
          }
        }
      }
      ++removed;
    }
  }
  return removed;
}

} // namespace sohoa::imaging
