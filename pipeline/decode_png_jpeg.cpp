#include "decode_png_jpeg.hpp"
#include "decode_common.hpp"
#include "decode_density.hpp"
#include "decode_jpeg_pixels.hpp"
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace sohoa::pipeline {

namespace {

cv::Mat decode_bytes(std::span<const std::uint8_t> bytes, const std::string& name,
                     const char* format) {
  // cv::Mat over the caller's bytes: imdecode only reads them.
  const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1,
                       const_cast<std::uint8_t*>(bytes.data()));
  cv::Mat image;
  try {
    image = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    fail_ingest("corrupt_image",
                std::string("the ") + format + " image cannot be decoded: " + e.what(), name);
  }
  if (image.empty()) {
    fail_ingest("corrupt_image", std::string("the ") + format + " image cannot be decoded", name);
  }
  return image;
}

// Any depth/channel layout OpenCV returns -> CV_8UC1 or CV_8UC3 (BGR).
cv::Mat to_8bit_bgr_or_grey(const cv::Mat& image) {
  cv::Mat eight = image;
  if (image.depth() == CV_16U) {
    image.convertTo(eight, CV_8U, 1.0 / 257.0);
  } else if (image.depth() != CV_8U) {
    cv::Mat scaled;
    cv::normalize(image, scaled, 0, 255, cv::NORM_MINMAX, CV_8U);
    eight = scaled;
  }
  if (eight.channels() == 4) {
    // Composite on white: out = a*c + (1-a)*255.
    cv::Mat out(eight.size(), CV_8UC3);
    for (int y = 0; y < eight.rows; ++y) {
      const auto* src = eight.ptr<cv::Vec4b>(y);
      auto* dst = out.ptr<cv::Vec3b>(y);
      for (int x = 0; x < eight.cols; ++x) {
        const int a = src[x][3];
        for (int c = 0; c < 3; ++c) {
          dst[x][c] = static_cast<std::uint8_t>((src[x][c] * a + 255 * (255 - a) + 127) / 255);
        }
      }
    }
    return out;
  }
  if (eight.channels() == 2) { // grey + alpha (OpenCV usually expands it to BGRA)
    cv::Mat out(eight.size(), CV_8UC1);
    for (int y = 0; y < eight.rows; ++y) {
      const auto* src = eight.ptr<cv::Vec2b>(y);
      auto* dst = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < eight.cols; ++x) {
        const int a = src[x][1];
        dst[x] = static_cast<std::uint8_t>((src[x][0] * a + 255 * (255 - a) + 127) / 255);
      }
    }
    return out;
  }
  return eight;
}

bool only_black_and_white(const cv::Mat& grey) {
  for (int y = 0; y < grey.rows; ++y) {
    const auto* row = grey.ptr<std::uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) {
      if (row[x] != 0 && row[x] != 255) {
        return false;
      }
    }
  }
  return true;
}

bool channels_equal(const cv::Mat& bgr) {
  for (int y = 0; y < bgr.rows; ++y) {
    const auto* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      if (row[x][0] != row[x][1] || row[x][1] != row[x][2]) {
        return false;
      }
    }
  }
  return true;
}

std::optional<double> x_dpi(const std::optional<Density>& density) {
  if (!density) {
    return std::nullopt;
  }
  return density->x_dpi;
}

} // namespace

RasterPage decode_png(std::span<const std::uint8_t> bytes, const std::string& name,
                      double default_dpi, const IngestLimits& limits) {
  const PngHeader header = parse_png_header(bytes, name);
  check_dimensions(header.width, header.height, limits.max_pixels_per_page, name);
  RasterPage page;
  page.source = name;
  page.pixels = to_8bit_bgr_or_grey(decode_bytes(bytes, name, "PNG"));
  const bool grey_source = header.colour_type == 0 || header.colour_type == 4;
  if (grey_source && page.pixels.channels() == 3) {
    cv::Mat grey; // OpenCV expanded grey+alpha to BGRA; the channels are equal
    cv::cvtColor(page.pixels, grey, cv::COLOR_BGR2GRAY);
    page.pixels = grey;
  }
  page.kind = page.pixels.channels() == 1 ? ColourKind::grey : ColourKind::colour;
  // A 1-bit source (grey, or a two-entry palette) that is pure black and white is a
  // bitonal scan. Other colour sources stay colour even when they look grey.
  if (header.bit_depth == 1) {
    if (page.pixels.channels() == 3 && channels_equal(page.pixels)) {
      cv::Mat grey;
      cv::cvtColor(page.pixels, grey, cv::COLOR_BGR2GRAY);
      if (only_black_and_white(grey)) {
        page.pixels = grey;
      }
    }
    if (page.pixels.channels() == 1 && only_black_and_white(page.pixels)) {
      page.kind = ColourKind::bitonal;
    }
  }
  set_page_dpi(page, x_dpi(header.density), default_dpi);
  return page;
}

RasterPage decode_jpeg(std::span<const std::uint8_t> bytes, const std::string& name,
                       double default_dpi, const IngestLimits& limits) {
  const JpegHeader header = parse_jpeg_header(bytes, name);
  check_dimensions(header.width, header.height, limits.max_pixels_per_page, name);
  RasterPage page;
  page.source = name;
  JpegPixels decoded = decode_jpeg_pixels(bytes, name);
  if (decoded.image.cols != header.width || decoded.image.rows != header.height) {
    fail_ingest("corrupt_image", "the decoded JPEG size differs from its header", name);
  }
  if (!decoded.warnings.empty()) {
    // libjpeg goes on after damage and paints the rest grey: the page is not whole.
    page.problems.push_back({"damaged_page", name +
                                                 ": the JPEG data is damaged or cut short, the "
                                                 "page may be incomplete (libjpeg: " +
                                                 decoded.warnings + ")"});
  }
  page.pixels = apply_orientation(decoded.image, header.orientation);
  page.kind = page.pixels.channels() == 1 ? ColourKind::grey : ColourKind::colour;
  set_page_dpi(page, x_dpi(header.density), default_dpi);
  return page;
}

} // namespace sohoa::pipeline
