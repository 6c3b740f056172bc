#include "mrc_encode.hpp"

#include "image_encode.hpp"
#include "sohoa/pdf/image_ssim.hpp"
#include "sohoa/pdf/jpx_codec.hpp"
#include "sohoa/pdf/mrc_layers.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

namespace sohoa::pdf {
namespace {

// JPEG 2000 trials, as fractions of the JPEG background's bytes, cheapest
// first: a blank paper background passes at the first, one encode.
constexpr double k_jpx_size_fractions[] = {0.3, 0.55, 0.85};
// SSIM is estimated on bands of rows (a quarter of the page): within noise of
// the whole page at a quarter of the cost, paid for each candidate.
constexpr int k_band_rows = 96;
constexpr int k_band_step = 384;
// Detail (guilloche, photographs, fine print the background's resolution
// blurs): tiles of this side (page pixels) whose SSIM outside the ink, with the
// background painted back, falls below k_detail_ssim.
constexpr int k_tile = 64;
constexpr double k_detail_ssim = 0.9;
// A tile with less of it outside the ink is text, which the masks carry.
constexpr double k_tile_min_outside = 0.3;
// Isolated tiles are specks of noise, not a card or a photo.
constexpr int k_detail_min_tiles = 3;
constexpr int k_detail_quality = 75;
// Scan grain (a few grey levels, pixel to pixel) is structure to SSIM that no
// smooth background keeps, and a 300 dpi image of it costs more than the rest
// of the page while lifting its SSIM by a few hundredths. A tile is detail only
// where what the background loses survives a blur of k_grain_sigma (page
// pixels) with a spread of k_detail_min_lost grey levels: grain of sigma 5
// leaves 0.8 of spread there, fine guilloche 3 to 6.
constexpr double k_grain_sigma = 1.0;
constexpr double k_detail_min_lost = 2.0;

// Pixels whose SSIM window touches a mask: there a reader shows the mask's
// flat colour, not the background.
cv::Mat ink_windows(cv::Size size, const MrcLayers& layers) {
  cv::Mat ink(size, CV_8UC1, cv::Scalar(0));
  for (const InkMask& m : layers.masks) {
    ink.setTo(255, m.mask == 0);
  }
  cv::dilate(ink, ink, cv::getStructuringElement(cv::MORPH_RECT, {11, 11}));
  return ink;
}

// The rows `rows` of page minus background, blurred by k_grain_sigma: what the
// background loses of the page beyond the grain.
cv::Mat lost_structure(const cv::Mat& grey, const cv::Mat& shown, cv::Range rows) {
  const int margin = static_cast<int>(std::ceil(3 * k_grain_sigma)) + 1;
  const cv::Range padded(std::max(0, rows.start - margin), std::min(grey.rows, rows.end + margin));
  cv::Mat residual;
  cv::subtract(grey.rowRange(padded), shown.rowRange(padded), residual, cv::noArray(), CV_32F);
  cv::GaussianBlur(residual, residual, {0, 0}, k_grain_sigma);
  return residual.rowRange(rows.start - padded.start, rows.end - padded.start);
}

// Rectangles (page pixels) where the background at its resolution loses what
// the page shows outside the ink: they get their own image at the page's.
std::vector<cv::Rect> detail_regions(const cv::Mat& page, const MrcLayers& layers,
                                     const cv::Mat& ink) {
  cv::Mat shown;
  cv::resize(luminance(layers.background), shown, page.size(), 0, 0, cv::INTER_LINEAR);
  const cv::Mat grey = luminance(page);
  const int cols = (page.cols + k_tile - 1) / k_tile;
  const int rows = (page.rows + k_tile - 1) / k_tile;
  cv::Mat marked(rows, cols, CV_8UC1, cv::Scalar(0));
  cv::Mat outside;
  cv::bitwise_not(ink, outside);
  int count = 0;
  // One row of tiles at a time: a full page's SSIM map and its intermediates
  // were the largest buffers of the encoder.
  for (int ty = 0; ty < rows; ++ty) {
    const cv::Range band(ty * k_tile, std::min(page.rows, (ty + 1) * k_tile));
    const cv::Mat map = ssim_map_rows(grey, shown, band);
    const cv::Mat lost = lost_structure(grey, shown, band);
    for (int tx = 0; tx < cols; ++tx) {
      const cv::Rect tile =
          cv::Rect(tx * k_tile, band.start, k_tile, band.size()) & cv::Rect({0, 0}, page.size());
      const cv::Mat region = outside(tile);
      if (cv::countNonZero(region) < k_tile_min_outside * tile.area()) {
        continue;
      }
      const cv::Rect in_band(tile.x, 0, tile.width, tile.height);
      if (cv::mean(map(in_band), region)[0] >= k_detail_ssim) {
        continue;
      }
      cv::Scalar lost_mean;
      cv::Scalar lost_sd;
      cv::meanStdDev(lost(in_band), lost_mean, lost_sd, region);
      if (lost_sd[0] >= k_detail_min_lost) {
        marked.at<unsigned char>(ty, tx) = 255;
        ++count;
      }
    }
  }
  // No share of the page is too much: a card filling the scan is all guilloche.
  // Grain does not come here: little of what it loses survives the blur.
  if (count < k_detail_min_tiles) {
    return {};
  }
  // Neighbouring tiles join: a card's guilloche is one region, not a hundred.
  cv::Mat joined;
  cv::dilate(marked, joined, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> out;
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const cv::Mat own = (labels(box) == i) & marked(box);
    if (cv::countNonZero(own) < k_detail_min_tiles) {
      continue;
    }
    out.push_back(
        cv::Rect(box.x * k_tile, box.y * k_tile, box.width * k_tile, box.height * k_tile) &
        cv::Rect({0, 0}, page.size()));
  }
  return out;
}

// Under a patch the background is never shown: one flat colour costs nothing.
// Kept a background pixel inside, so scaling blends no flat edge into view.
void flatten_under(cv::Mat& background, cv::Size page_size, const cv::Rect& patch) {
  const double sx = static_cast<double>(background.cols) / page_size.width;
  const double sy = static_cast<double>(background.rows) / page_size.height;
  const cv::Rect inner = cv::Rect(static_cast<int>(std::ceil(patch.x * sx)) + 2,
                                  static_cast<int>(std::ceil(patch.y * sy)) + 2,
                                  static_cast<int>(std::floor(patch.width * sx)) - 4,
                                  static_cast<int>(std::floor(patch.height * sy)) - 4) &
                         cv::Rect({0, 0}, background.size());
  if (inner.width > 0 && inner.height > 0) {
    background(inner).setTo(cv::mean(background(inner)));
  }
}

// Scores a decoded background by what a reader shows of it: brought to page
// size, against the page, where no SSIM window touches a mask or a patch. Per
// colour channel: JPEG's halved chroma shows there, not in the luminance.
class BackgroundJudge {
public:
  BackgroundJudge(const cv::Mat& page, const cv::Mat& ink, const std::vector<cv::Rect>& patches)
      : m_reference(page) {
    cv::bitwise_not(ink, m_region);
    for (const cv::Rect& r : patches) {
      m_region(r).setTo(0);
    }
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

EncodedImage background_image(std::string bytes, const cv::Mat& bg, ImageEncoding encoding) {
  return {std::move(bytes), bg.cols, bg.rows, encoding, bg.channels() == 1, false, {}, {}};
}

cv::Mat decode_jpeg(const std::string& bytes, bool grey) {
  const std::vector<uchar> buf(bytes.begin(), bytes.end());
  return cv::imdecode(buf, grey ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
}

// The background as JPEG at the quality of a plain MRC page, unless a JPEG 2000
// of fewer bytes looks as good (the JPEG's SSIM, or the target when the JPEG
// is better than that): never larger than the JPEG, at most a few encodes.
EncodedImage encode_background(const cv::Mat& bg, const BackgroundJudge& judge,
                               const MrcEncodeOptions& options) {
  std::string jpeg = encode_jpeg(bg, options.background_jpeg_quality);
  if (!options.try_jpx) {
    return background_image(std::move(jpeg), bg, ImageEncoding::dct);
  }
  const double jpeg_ssim = judge.score(decode_jpeg(jpeg, bg.channels() == 1));
  const double bar = std::min(options.target_ssim, jpeg_ssim);
  const double raw = static_cast<double>(bg.total() * bg.elemSize());
  for (const double fraction : k_jpx_size_fractions) {
    const double ratio = raw / (fraction * static_cast<double>(jpeg.size()));
    if (!(ratio > 1)) {
      break; // a JPEG this dense leaves JPEG 2000 nothing to gain
    }
    std::string jpx = encode_jpx(bg, ratio);
    if (jpx.size() >= jpeg.size()) {
      break;
    }
    if (judge.score(decode_jpx(jpx)) >= bar) {
      return background_image(std::move(jpx), bg, ImageEncoding::jpx);
    }
  }
  return background_image(std::move(jpeg), bg, ImageEncoding::dct);
}

} // namespace

std::vector<EncodedImage> encode_mrc_page(const cv::Mat& page, double dpi,
                                          const MrcEncodeOptions& options) {
  MrcLayers layers = split_mrc(page, dpi, {options.min_background_dpi, 0.7});
  const cv::Mat ink = ink_windows(page.size(), layers);
  const std::vector<cv::Rect> patches = detail_regions(page, layers, ink);
  std::vector<EncodedImage> details;
  for (const cv::Rect& r : patches) {
    const cv::Mat crop = page(r);
    details.push_back({encode_jpeg(crop, k_detail_quality),
                       r.width,
                       r.height,
                       ImageEncoding::dct,
                       crop.channels() == 1,
                       false,
                       {},
                       r});
    flatten_under(layers.background, page.size(), r);
  }
  const BackgroundJudge judge(page, ink, patches);
  std::vector<EncodedImage> out;
  out.push_back(encode_background(layers.background, judge, options));
  for (EncodedImage& d : details) {
    out.push_back(std::move(d));
  }
  for (const InkMask& m : layers.masks) {
    out.push_back({encode_ccitt_g4(m.mask),
                   m.mask.cols,
                   m.mask.rows,
                   ImageEncoding::ccitt,
                   true,
                   true,
                   m.colour,
                   {}});
  }
  return out;
}

} // namespace sohoa::pdf
