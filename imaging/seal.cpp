#include "imaging/seal.hpp"

#include <algorithm>

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
cv::Mat red_seal_mask(const cv::Mat& bgr) {
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

} // namespace sohoa::imaging
