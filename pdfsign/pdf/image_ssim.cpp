#include "sohoa/pdf/image_ssim.hpp"

#include "sohoa/core/error.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace sohoa::pdf {
namespace {

cv::Mat channel_ssim_map(const cv::Mat& a8, const cv::Mat& b8) {
  cv::Mat a;
  cv::Mat b;
  a8.convertTo(a, CV_32F);
  b8.convertTo(b, CV_32F);
  const double c1 = 6.5025;  // (0.01 * 255)^2
  const double c2 = 58.5225; // (0.03 * 255)^2
  const auto smooth = [](const cv::Mat& m) {
    cv::Mat out;
    cv::GaussianBlur(m, out, {11, 11}, 1.5);
    return out;
  };
  const cv::Mat mu_a = smooth(a);
  const cv::Mat mu_b = smooth(b);
  const cv::Mat mu_aa = mu_a.mul(mu_a);
  const cv::Mat mu_bb = mu_b.mul(mu_b);
  const cv::Mat mu_ab = mu_a.mul(mu_b);
  const cv::Mat var_a = smooth(a.mul(a)) - mu_aa;
  const cv::Mat var_b = smooth(b.mul(b)) - mu_bb;
  const cv::Mat cov = smooth(a.mul(b)) - mu_ab;
  const cv::Mat num = (2 * mu_ab + c1).mul(2 * cov + c2);
  const cv::Mat den = (mu_aa + mu_bb + c1).mul(var_a + var_b + c2);
  cv::Mat out;
  cv::divide(num, den, out);
  return out;
}

} // namespace

cv::Mat ssim_map(const cv::Mat& reference, const cv::Mat& test) {
  return ssim_map_rows(reference, test, cv::Range(0, reference.rows));
}

cv::Mat ssim_map_rows(const cv::Mat& reference, const cv::Mat& test, cv::Range rows) {
  if (reference.empty() || reference.size() != test.size() || reference.type() != CV_8UC1 ||
      test.type() != CV_8UC1) {
    throw Error(Stage::pdf, "bad_page_image", "SSIM map needs two 8-bit grey images of one size");
  }
  if (rows.start < 0 || rows.end > reference.rows || rows.start >= rows.end) {
    throw Error(Stage::pdf, "bad_page_image", "SSIM map rows outside the image");
  }
  // The 11x11 window reaches 5 rows away: a band with that margin (the image's
  // own border where it ends) gives its rows the values of the whole image's
  // map, with a dozen float buffers of a band alive instead of a page's.
  constexpr int k_window_reach = 5;
  const cv::Range band(std::max(0, rows.start - k_window_reach),
                       std::min(reference.rows, rows.end + k_window_reach));
  const cv::Mat map = channel_ssim_map(reference.rowRange(band), test.rowRange(band));
  return map.rowRange(rows.start - band.start, rows.end - band.start).clone();
}

double mean_ssim(const cv::Mat& reference, const cv::Mat& test, const cv::Mat& region) {
  if (reference.empty() || reference.size() != test.size() || reference.type() != test.type() ||
      reference.depth() != CV_8U ||
      (!region.empty() && (region.size() != reference.size() || region.type() != CV_8UC1))) {
    throw Error(Stage::pdf, "bad_page_image", "SSIM needs two 8-bit images of one size and type");
  }
  if (!region.empty() && cv::countNonZero(region) == 0) {
    return 1.0;
  }
  std::vector<cv::Mat> ref_channels;
  std::vector<cv::Mat> test_channels;
  cv::split(reference, ref_channels);
  cv::split(test, test_channels);
  double sum = 0;
  for (std::size_t c = 0; c < ref_channels.size(); ++c) {
    const cv::Mat map = channel_ssim_map(ref_channels[c], test_channels[c]);
    sum += region.empty() ? cv::mean(map)[0] : cv::mean(map, region)[0];
  }
  return sum / static_cast<double>(ref_channels.size());
}

} // namespace sohoa::pdf
