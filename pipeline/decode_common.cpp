#include "decode_common.hpp"
#include <algorithm>
#include <opencv2/core.hpp>

namespace sohoa::pipeline {

namespace {
constexpr double k_max_page_inches = 60;
}

bool plausible_dpi(double dpi, int width, int height) {
  if (!(dpi >= k_min_plausible_dpi && dpi <= k_max_plausible_dpi)) {
    return false; // also rejects NaN
  }
  const double longest = static_cast<double>(std::max(width, height));
  return longest / dpi <= k_max_page_inches;
}

void set_page_dpi(RasterPage& page, std::optional<double> file_dpi, double default_dpi) {
  if (file_dpi && plausible_dpi(*file_dpi, page.pixels.cols, page.pixels.rows)) {
    page.dpi = *file_dpi;
    page.dpi_from_file = true;
  } else {
    page.dpi = default_dpi;
    page.dpi_from_file = false;
  }
}

cv::Mat apply_orientation(const cv::Mat& image, int orientation) {
  cv::Mat out;
  switch (orientation) {
  case 2:
    cv::flip(image, out, 1);
    return out; // mirrored
  case 3:
    cv::rotate(image, out, cv::ROTATE_180);
    return out;
  case 4:
    cv::flip(image, out, 0);
    return out; // upside-down mirror
  case 5:
    cv::transpose(image, out);
    return out; // mirrored, 90 CW
  case 6:
    cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
    return out;
  case 7:
    cv::transpose(image, out);
    cv::flip(out, out, -1);
    return out;
  case 8:
    cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
    return out;
  default:
    return image;
  }
}

void check_dimensions(long long width, long long height, long long max_pixels,
                      const std::string& file, int page) {
  if (width <= 0 || height <= 0) {
    fail_ingest("corrupt_image",
                "the image header gives a size of " + std::to_string(width) + "x" +
                    std::to_string(height) + " pixels",
                file, page);
  }
  // Both are below 2^32 here, so the product fits in 64 bits.
  if (width * height > max_pixels) {
    fail_ingest("too_many_pixels",
                "the image is " + std::to_string(width) + "x" + std::to_string(height) +
                    " pixels, more than the limit of " + std::to_string(max_pixels) + " per page",
                file, page);
  }
}

} // namespace sohoa::pipeline
