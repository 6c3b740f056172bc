#include "mrc_encode.hpp"

#include "image_encode.hpp"
#include "sohoa/pdf/image_ssim.hpp"
#include "sohoa/pdf/jpx_codec.hpp"
#include "sohoa/pdf/mrc_layers.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace sohoa::pdf {
namespace {

// JPEG 2000 compression ratios tried, cheapest first: one encoding holds them
// all as quality layers. A blank paper background passes at the first.
const std::vector<double> k_jpx_ratios{2400, 1200, 600, 300, 150, 75, 36, 18};
// JPEG qualities tried while they stay smaller than the best JPEG 2000 candidate.
constexpr int k_jpeg_qualities[] = {35, 50, 70, 85};
// SSIM is estimated on bands of rows (a quarter of the page): within noise of
// the whole page at a quarter of the cost, paid for each candidate.
constexpr int k_band_rows = 96;
constexpr int k_band_step = 384;

// Scores a decoded background by what a reader shows outside the ink: the
// background brought to page size, against the page, where no SSIM window
// touches a mask (there the mask's flat colour is drawn, not the background).
// Per colour channel: JPEG's halved chroma shows there, not in the luminance.
class BackgroundJudge {
public:
  BackgroundJudge(const cv::Mat& page, const MrcLayers& layers) : m_reference(page) {
    cv::Mat ink(page.size(), CV_8UC1, cv::Scalar(0));
    for (const InkMask& m : layers.masks) {
      ink.setTo(255, m.mask == 0);
    }
    cv::dilate(ink, ink, cv::getStructuringElement(cv::MORPH_RECT, {11, 11}));
    cv::bitwise_not(ink, m_region);
  }

  double score(const cv::Mat& background) const {
    cv::Mat shown;
    cv::resize(background, shown, m_reference.size(), 0, 0, cv::INTER_LINEAR);
    double sum = 0;
    double weight = 0;
    for (int y = 0; y < m_reference.rows; y += k_band_step) {
      const cv::Range rows(y, std::min(m_reference.rows, y + k_band_rows));
      const cv::Mat region = m_region.rowRange(rows);
      const int n = cv::countNonZero(region);
      if (n == 0) {
        continue;
      }
      sum += n * mean_ssim(m_reference.rowRange(rows), shown.rowRange(rows), region);
      weight += n;
    }
    return weight > 0 ? sum / weight : 1.0;
  }

private:
  cv::Mat m_reference;
  cv::Mat m_region;
};

struct Candidate {
  EncodedImage image;
  double ssim = 0;
};

// The smallest passing candidate, and the most faithful one for when none passes.
struct Choice {
  double target = 0;
  std::optional<Candidate> smallest_passing;
  std::optional<Candidate> most_faithful;

  void consider(const Candidate& c) {
    if (c.ssim >= target &&
        (!smallest_passing || c.image.bytes.size() < smallest_passing->image.bytes.size())) {
      smallest_passing = c;
    }
    if (!most_faithful || c.ssim > most_faithful->ssim) {
      most_faithful = c;
    }
  }
  std::size_t passing_bytes() const {
    return smallest_passing ? smallest_passing->image.bytes.size() : SIZE_MAX;
  }
};

EncodedImage background_image(std::string bytes, const cv::Mat& bg, ImageEncoding encoding) {
  return {std::move(bytes), bg.cols, bg.rows, encoding, bg.channels() == 1, false, {}};
}

void try_jpx(const cv::Mat& bg, const BackgroundJudge& judge, Choice& choice) {
  const std::string layered = encode_jpx_layers(bg, k_jpx_ratios);
  for (std::size_t k = 0; k < k_jpx_ratios.size(); ++k) {
    const double ssim = judge.score(decode_jpx(layered, static_cast<int>(k + 1)));
    if (ssim >= choice.target || k + 1 == k_jpx_ratios.size()) {
      // The layers' truncation stood for this single-layer encoding.
      choice.consider(
          {background_image(encode_jpx(bg, k_jpx_ratios[k]), bg, ImageEncoding::jpx), ssim});
      return;
    }
  }
}

void try_jpeg(const cv::Mat& bg, const BackgroundJudge& judge, Choice& choice) {
  for (const int quality : k_jpeg_qualities) {
    std::string bytes = encode_jpeg(bg, quality);
    if (bytes.size() >= choice.passing_bytes()) {
      return; // larger than what already passes, and the rest larger still
    }
    const std::vector<uchar> buf(bytes.begin(), bytes.end());
    const cv::Mat decoded =
        cv::imdecode(buf, bg.channels() == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    const double ssim = judge.score(decoded);
    choice.consider({background_image(std::move(bytes), bg, ImageEncoding::dct), ssim});
    if (ssim >= choice.target) {
      return;
    }
  }
}

} // namespace

std::vector<EncodedImage> encode_mrc_page(const cv::Mat& page, double dpi, double target_ssim,
                                          double min_background_dpi) {
  // Smoothed at the lowest resolution first; fine patterns (guilloche, paper
  // grain) that this blurs away then get the page's resolution, unsmoothed.
  std::vector<MrcOptions> attempts{{min_background_dpi, 0.7}};
  if (dpi > min_background_dpi * 1.2) {
    attempts.push_back({dpi, 0.7});
  }
  attempts.push_back({std::max(dpi, min_background_dpi), 0});
  Choice choice;
  choice.target = target_ssim;
  std::vector<InkMask> masks;
  for (const MrcOptions& attempt : attempts) {
    MrcLayers layers = split_mrc(page, dpi, attempt);
    const BackgroundJudge judge(page, layers);
    try_jpx(layers.background, judge, choice);
    try_jpeg(layers.background, judge, choice);
    if (masks.empty()) {
      masks = std::move(layers.masks); // the same at every background resolution
    }
    if (choice.smallest_passing) {
      break;
    }
  }
  std::vector<EncodedImage> out;
  out.push_back(choice.smallest_passing ? std::move(choice.smallest_passing->image)
                                        : std::move(choice.most_faithful->image));
  for (const InkMask& m : masks) {
    out.push_back({encode_ccitt_g4(m.mask), m.mask.cols, m.mask.rows, ImageEncoding::ccitt, true,
                   true, m.colour});
  }
  return out;
}

} // namespace sohoa::pdf
