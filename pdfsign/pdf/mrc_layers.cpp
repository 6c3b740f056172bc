#include "sohoa/pdf/mrc_layers.hpp"

#include "sohoa/core/error.hpp"
#include "image_encode.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace sohoa::pdf {
namespace {

// Ink is darker than this fraction of the local paper level.
constexpr double k_ink_fraction = 0.6;
// A pixel whose channels spread more than this is coloured, not neutral.
constexpr int k_colour_spread = 60;
// Photographs: regions at least this big (inches) that are mostly not paper.
constexpr double k_photo_min_inches = 0.3;
constexpr double k_photo_min_density = 0.5;
// A colour class with fewer pixels is left in the background.
constexpr int k_min_mask_pixels = 64;

int odd_at_least_3(double v) {
  const int n = std::max(3, static_cast<int>(std::lround(v)));
  return n | 1;
}

// The paper's brightness around each pixel: a max filter wider than any stroke
// on a quarter-size image, smoothed, at page size.
cv::Mat paper_level(const cv::Mat& grey, double dpi) {
  constexpr double scale = 0.25;
  cv::Mat small;
  cv::resize(grey, small, {}, scale, scale, cv::INTER_AREA);
  const int k = odd_at_least_3(dpi * scale * 0.1); // a tenth of an inch
  cv::dilate(small, small, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  cv::blur(small, small, {k, k});
  cv::Mat level;
  cv::resize(small, level, grey.size(), 0, 0, cv::INTER_LINEAR);
  return level;
}

// Rectangles of photographs and other continuous-tone regions: big blobs that
// are mostly not paper. Text, even bold, leaves most of its box white.
cv::Mat photo_regions(const cv::Mat& grey, const cv::Mat& paper, double dpi) {
  cv::Mat paper_thr;
  paper.convertTo(paper_thr, CV_8U, 0.9);
  cv::Mat not_paper;
  cv::compare(grey, paper_thr, not_paper, cv::CMP_LT);
  constexpr double scale = 0.125;
  cv::Mat density;
  cv::resize(not_paper, density, {}, scale, scale, cv::INTER_AREA);
  not_paper.release();
  paper_thr.release();
  cv::Mat blobs;
  cv::compare(density, 64, blobs, cv::CMP_GT);
  cv::morphologyEx(blobs, blobs, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(blobs, labels, stats, centroids, 8, CV_32S);
  cv::Mat regions(grey.size(), CV_8UC1, cv::Scalar(0));
  const int min_side = static_cast<int>(dpi * scale * k_photo_min_inches);
  for (int i = 1; i < count; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (box.width < min_side || box.height < min_side) {
      continue;
    }
    const double fill = cv::mean(density(box))[0] / 255.0;
    if (fill < k_photo_min_density) {
      continue;
    }
    const int pad = 2;
    cv::Rect full(static_cast<int>((box.x - pad) / scale), static_cast<int>((box.y - pad) / scale),
                  static_cast<int>((box.width + 2 * pad) / scale),
                  static_cast<int>((box.height + 2 * pad) / scale));
    full &= cv::Rect(0, 0, grey.cols, grey.rows);
    regions(full).setTo(255);
  }
  return regions;
}

enum InkClass : unsigned char { k_no_ink = 0, k_dark = 1, k_blue = 2 };

// Which ink each pixel is: dark neutral, blue, or none (paper, red seals,
// other colours, photographs).
cv::Mat classify_ink(const cv::Mat& page, const cv::Mat& grey, const cv::Mat& paper,
                     const cv::Mat& photos) {
  cv::Mat ink_thr;
  paper.convertTo(ink_thr, CV_8U, k_ink_fraction);
  cv::Mat dark;
  cv::compare(grey, ink_thr, dark, cv::CMP_LT);
  dark.setTo(0, photos);
  cv::Mat classes(page.size(), CV_8UC1, cv::Scalar(k_no_ink));
  for (int y = 0; y < page.rows; ++y) {
    const unsigned char* d = dark.ptr<unsigned char>(y);
    unsigned char* c = classes.ptr<unsigned char>(y);
    if (page.channels() == 1) {
      for (int x = 0; x < page.cols; ++x) {
        c[x] = d[x] != 0 ? k_dark : k_no_ink;
      }
      continue;
    }
    const cv::Vec3b* p = page.ptr<cv::Vec3b>(y);
    for (int x = 0; x < page.cols; ++x) {
      if (d[x] == 0) {
        continue;
      }
      const int b = p[x][0];
      const int g = p[x][1];
      const int r = p[x][2];
      const int spread = std::max({b, g, r}) - std::min({b, g, r});
      if (spread <= k_colour_spread) {
        c[x] = k_dark;
      } else if (b >= g && b >= r) {
        c[x] = k_blue;
      }
    }
  }
  return classes;
}

// The colour a mask is filled with: the mean of its darker half, since stroke
// edges blend with the paper and would wash the colour out.
cv::Vec3b ink_colour(const cv::Mat& page, const cv::Mat& grey, const cv::Mat& mask) {
  std::array<long long, 256> histogram{};
  long long total = 0;
  for (int y = 0; y < page.rows; ++y) {
    const unsigned char* m = mask.ptr<unsigned char>(y);
    const unsigned char* g = grey.ptr<unsigned char>(y);
    for (int x = 0; x < page.cols; ++x) {
      if (m[x] == 0) {
        ++histogram[g[x]];
        ++total;
      }
    }
  }
  int median = 0;
  for (long long seen = 0; median < 255 && seen + histogram[median] < (total + 1) / 2; ++median) {
    seen += histogram[median];
  }
  std::array<double, 3> sum{};
  long long n = 0;
  for (int y = 0; y < page.rows; ++y) {
    const unsigned char* m = mask.ptr<unsigned char>(y);
    const unsigned char* g = grey.ptr<unsigned char>(y);
    for (int x = 0; x < page.cols; ++x) {
      if (m[x] != 0 || g[x] > median) {
        continue;
      }
      if (page.channels() == 1) {
        sum[0] += g[x];
      } else {
        const cv::Vec3b& p = page.at<cv::Vec3b>(y, x);
        sum[0] += p[0];
        sum[1] += p[1];
        sum[2] += p[2];
      }
      ++n;
    }
  }
  if (n == 0) {
    return {0, 0, 0};
  }
  if (page.channels() == 1) {
    const auto v = static_cast<unsigned char>(std::lround(sum[0] / static_cast<double>(n)));
    return {v, v, v};
  }
  return {static_cast<unsigned char>(std::lround(sum[0] / static_cast<double>(n))),
          static_cast<unsigned char>(std::lround(sum[1] / static_cast<double>(n))),
          static_cast<unsigned char>(std::lround(sum[2] / static_cast<double>(n)))};
}

// The page without its ink at the background's size: ink pixels (and their
// blended edges) get no weight, the holes they leave are filled from around.
cv::Mat lifted_background(const cv::Mat& page, const cv::Mat& ink, cv::Size size,
                          double smoothing) {
  cv::Mat lifted;
  cv::dilate(ink, lifted, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  // The weights are 1 off the lifted ink and 0 on it; only their reduced sum is
  // kept, so at most one page-sized float buffer exists at a time.
  cv::Mat count;
  {
    cv::Mat weight;
    lifted.convertTo(weight, CV_32F, -1.0 / 255.0, 1.0);
    cv::resize(weight, count, size, 0, 0, cv::INTER_AREA);
  }
  // One channel at a time: float copies of a whole colour page (and of its weights
  // three times over) were the largest allocations of a run. A weight of 0 or 1
  // is the channel with the lifted ink zeroed.
  std::vector<cv::Mat> sums(static_cast<std::size_t>(page.channels()));
  for (int k = 0; k < page.channels(); ++k) {
    cv::Mat channel;
    cv::extractChannel(page, channel, k);
    channel.setTo(0, lifted);
    cv::Mat weighted;
    channel.convertTo(weighted, CV_32F);
    channel.release();
    cv::resize(weighted, sums[static_cast<std::size_t>(k)], size, 0, 0, cv::INTER_AREA);
  }
  lifted.release();
  // The sums stay one plane per channel and the hole filling blurs one channel at a
  // time: three-channel float copies of the sums and of their blur, held with the
  // output, were the largest allocations of a run (about 11 floats per background
  // pixel at once, now 9).
  const int channels = page.channels();
  cv::Mat out(size, CV_MAKETYPE(CV_32F, channels), cv::Scalar::all(-1));
  // Fills channel k of every still-empty pixel whose weight exceeds min_weight; a
  // pixel's channels are filled together, since they share its weight.
  const auto fill = [&](int k, const cv::Mat& s, const cv::Mat& c, float min_weight) {
    bool holes = false;
    for (int y = 0; y < size.height; ++y) {
      float* o = out.ptr<float>(y);
      const float* sv = s.ptr<float>(y);
      const float* cv_ = c.ptr<float>(y);
      for (int x = 0; x < size.width; ++x) {
        if (o[x * channels + k] >= 0) {
          continue;
        }
        if (cv_[x] > min_weight) {
          o[x * channels + k] = sv[x] / cv_[x];
        } else {
          holes = true;
        }
      }
    }
    return holes;
  };
  bool holes = false;
  for (int k = 0; k < channels; ++k) {
    holes = fill(k, sums[static_cast<std::size_t>(k)], count, 0.05F);
  }
  for (int r = 5; holes && r < std::max(size.width, size.height) * 2; r = r * 2 + 1) {
    cv::Mat c;
    cv::blur(count, c, {r, r});
    cv::Mat s;
    for (int k = 0; k < channels; ++k) {
      cv::blur(sums[static_cast<std::size_t>(k)], s, {r, r});
      holes = fill(k, s, c, 1e-4F);
    }
  }
  sums.clear();
  count.release();
  cv::Mat samples = out.reshape(1);
  samples.setTo(255, samples < 0);
  // Paper grain and scanner noise cost most of a JPEG's bytes and carry nothing.
  if (smoothing > 0) {
    cv::GaussianBlur(out, out, {0, 0}, smoothing);
  }
  cv::Mat result;
  out.convertTo(result, CV_8U);
  return result;
}

} // namespace

MrcLayers split_mrc(const cv::Mat& page, double dpi, const MrcOptions& options) {
  if (page.empty() || page.depth() != CV_8U || (page.channels() != 1 && page.channels() != 3)) {
    throw Error(Stage::pdf, "bad_page_image", "page image must be 8-bit grey or BGR");
  }
  if (!(dpi > 0)) {
    throw Error(Stage::pdf, "bad_page_image", "page dpi must be positive");
  }
  // Each page-sized buffer is dropped once the next step no longer needs it: the
  // split of a colour page was the largest transient of a run.
  cv::Mat grey = luminance(page);
  cv::Mat classes;
  {
    const cv::Mat paper = paper_level(grey, dpi);
    const cv::Mat photos = photo_regions(grey, paper, dpi);
    classes = classify_ink(page, grey, paper, photos);
  }

  MrcLayers layers;
  cv::Mat ink(page.size(), CV_8UC1, cv::Scalar(0));
  for (const InkClass c : {k_dark, k_blue}) {
    cv::Mat is_class;
    cv::compare(classes, static_cast<double>(c), is_class, cv::CMP_EQ);
    if (cv::countNonZero(is_class) < k_min_mask_pixels) {
      continue;
    }
    InkMask m;
    cv::bitwise_not(is_class, m.mask);
    m.colour = ink_colour(page, grey, m.mask);
    ink |= is_class;
    layers.masks.push_back(std::move(m));
  }
  classes.release();
  grey.release();
  const double scale = std::min(1.0, std::max(options.background_dpi, 1.0) / dpi);
  // Rounded up, so the background never falls below the resolution asked for.
  const cv::Size size(std::max(1, static_cast<int>(std::ceil(page.cols * scale))),
                      std::max(1, static_cast<int>(std::ceil(page.rows * scale))));
  layers.background_dpi = dpi * size.width / page.cols;
  layers.background = lifted_background(page, ink, size, options.background_smoothing);
  return layers;
}

cv::Mat compose_mrc(const MrcLayers& layers, cv::Size page_size) {
  cv::Mat out;
  cv::resize(layers.background, out, page_size, 0, 0, cv::INTER_LINEAR);
  for (const auto& m : layers.masks) {
    cv::Mat ink;
    cv::compare(m.mask, 0, ink, cv::CMP_EQ);
    if (out.channels() == 1) {
      out.setTo(cv::Scalar(m.colour[0]), ink);
    } else {
      out.setTo(cv::Scalar(m.colour[0], m.colour[1], m.colour[2]), ink);
    }
  }
  return out;
}

} // namespace sohoa::pdf
