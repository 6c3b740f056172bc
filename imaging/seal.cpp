#include "seal.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {
// HSV limits, in degrees of hue and 0..255 saturation and value. Red wraps around 0:
// red seal ink runs from about 24 degrees (orange-red) down through 0 to about 316
// (pink/magenta). Blue ballpoint sits at 200..260 and violet at 260..300: outside.
constexpr int k_hue_up_deg = 24;
constexpr int k_hue_down_deg = 44; // below 360
constexpr int k_min_saturation = 70;
constexpr int k_min_value = 80;
} // namespace

// The HSV test done on BGR directly, one pass, no HSV image: a full page conversion
// costs more than the rest of the seal step. With red the largest channel,
// hue = 60 * (G - B) / (max - min) degrees, negative values wrapping below 360.
cv::Mat red_ink_mask(const cv::Mat& bgr) {
  CV_Assert(bgr.type() == CV_8UC3);
  cv::Mat mask(bgr.size(), CV_8UC1, cv::Scalar(0));
  for (int y = 0; y < bgr.rows; ++y) {
    const cv::Vec3b* src = bgr.ptr<cv::Vec3b>(y);
    uchar* dst = mask.ptr<uchar>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      const int b = src[x][0];
      const int g = src[x][1];
      const int r = src[x][2];
      if (r < k_min_value || r < g || r < b) {
        continue; // too dark, or red is not the dominant channel
      }
      const int chroma = r - std::min(g, b);
      if (chroma * 255 < k_min_saturation * r || chroma == 0) {
        continue;
      }
      const int hue_times_chroma = 60 * (g - b); // hue * chroma, signed
      if (hue_times_chroma >= 0 ? hue_times_chroma <= k_hue_up_deg * chroma
                                : -hue_times_chroma <= k_hue_down_deg * chroma) {
        dst[x] = 255;
      }
    }
  }
  return mask;
}

cv::Mat red_seal_mask(const cv::Mat& bgr, double dpi) {
  const cv::Mat ink = red_ink_mask(bgr);
  cv::Mat seals(ink.size(), CV_8UC1, cv::Scalar(0));
  if (cv::countNonZero(ink) == 0) {
    return seals;
  }
  const double px_per_mm = std::max(dpi, 50.0) / 25.4;
  // Closing joins a ring's broken or faded arcs and a seal's letters into one
  // shape; it is too small to join a line of red text to anything above it.
  const int reach = std::max(1, static_cast<int>(std::lround(1.2 * px_per_mm)));
  cv::Mat joined;
  cv::dilate(ink, joined,
             cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * reach + 1, 2 * reach + 1}));
  // The outer contours' boxes are the shapes' boxes: a shape inside another's hole
  // lies in that one's box, copied whole. No full-page label image (4 bytes a
  // pixel, the seal step's largest buffer).
  std::vector<std::vector<cv::Point>> outlines;
  cv::findContours(joined, outlines, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const double min_side = k_min_seal_mm * px_per_mm + 2 * reach;
  for (const auto& outline : outlines) {
    const cv::Rect box = cv::boundingRect(outline);
    if (box.width < min_side || box.height < min_side) {
      continue;
    }
    // All red ink in the seal's box: lettering not touching the ring included.
    ink(box).copyTo(seals(box), ink(box));
  }
  return seals;
}

} // namespace sohoa::imaging
