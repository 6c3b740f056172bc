#include "sohoa/imaging/cleanup.hpp"
#include "grey.hpp"

#include "sohoa/core/error.hpp"
#include "sohoa/core/timing_span.hpp"
#include "binarize.hpp"
#include "blank.hpp"
#include "borders.hpp"
#include "deskew.hpp"
#include "illumination.hpp"
#include "ocr_image.hpp"
#include "paper_grain.hpp"
#include "photo_page.hpp"
#include "seal.hpp"

#include <algorithm>
#include <cmath>
#include <new>
#include <optional>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>

namespace sohoa::imaging {

namespace {

cv::Mat text_ink_only(const cv::Mat& binary, double dpi);

// Skew, borders and orientation are measured on a copy at about this resolution.
constexpr double k_analysis_dpi = 150;
// Smaller turns are not worth resampling the archival image for.
constexpr double k_min_rotation_deg = 0.05;
// Upsampling a low-resolution scan stops here (about 13 A4 pages at 600 dpi).
constexpr double k_max_output_pixels = 500e6;
// Below this side length there is nothing to measure.
constexpr int k_min_analysis_side = 32;

[[noreturn]] void fail(const RasterPage& page, ErrorCode code, const std::string& message) {
  throw Error(Stage::imaging, code, message, page.source, page.source_page);
}

void validate(const RasterPage& page) {
  if (page.pixels.empty()) {
    fail(page, "empty_image", "the page image is empty");
  }
  const int type = page.pixels.type();
  if (type != CV_8UC1 && type != CV_8UC3) {
    fail(page, "unsupported_pixel_type", "page pixels must be 8-bit grey or 8-bit BGR");
  }
  if ((page.kind == ColourKind::colour) != (type == CV_8UC3)) {
    fail(page, "kind_mismatch", "colour pages must be BGR, grey and bitonal pages one channel");
  }
  if (!std::isfinite(page.dpi) || page.dpi <= 0) {
    fail(page, "invalid_dpi", "the page resolution must be a positive number");
  }
}

cv::Mat resize_by(const cv::Mat& image, double scale, int interpolation) {
  if (scale == 1.0) {
    return image;
  }
  const cv::Size size(std::max(1, static_cast<int>(std::lround(image.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(image.rows * scale))));
  cv::Mat out;
  cv::resize(image, out, size, 0, 0, interpolation);
  return out;
}

cv::Mat ink_of(const cv::Mat& binary_like) {
  cv::Mat binary;
  cv::threshold(binary_like, binary, 127, 255, cv::THRESH_BINARY);
  return binary;
}

// What the low-resolution analysis decides about the page geometry.
struct Geometry {
  double skew_deg = 0;
  cv::Rect crop; // in full-resolution, deskewed coordinates
  int quarter = 0;
  bool analysed = false; // false for images too small to measure anything on
  bool blank = false;
};

// small: the source reduced to about k_analysis_dpi.
Geometry analyse(const cv::Mat& source, const cv::Mat& small, ColourKind kind, double dpi,
                 const cv::Scalar& paper, const CleanupOptions& options, CleanupReport& report) {
  Geometry geometry;
  geometry.crop = cv::Rect(0, 0, source.cols, source.rows);
  if (small.rows < k_min_analysis_side || small.cols < k_min_analysis_side) {
    return geometry;
  }
  geometry.analysed = true;
  const double small_dpi = dpi * static_cast<double>(small.cols) / source.cols;
  report.analysis_dpi = small_dpi;
  cv::Mat grey = grey_of(small);
  const double paper_grey = kind == ColourKind::colour
                                ? 0.114 * paper[0] + 0.587 * paper[1] + 0.299 * paper[2]
                                : paper[0];
  if (kind == ColourKind::colour && options.suppress_red_seals) {
    grey = grey.clone();
    grey.setTo(cv::Scalar(paper_grey), red_seal_mask(small, small_dpi));
  }
  cv::Mat binary;
  if (kind == ColourKind::bitonal) {
    binary = ink_of(grey);
  } else {
    SauvolaParams params;
    params.window = sauvola_window_for_dpi(small_dpi);
    binary = sauvola_binarize(flatten_illumination(grey, small_dpi), params);
  }
  // Dark borders do not count: Sauvola leaves their flat inside white and is_blank
  // ignores what touches the image edge.
  const bool blank = is_blank(binary, small_dpi);
  geometry.blank = blank;

  if (options.deskew && !blank) {
    const SkewEstimate skew = estimate_skew(text_ink_only(binary, small_dpi));
    report.skew_measured = skew.found;
    if (skew.found && std::abs(skew.angle_deg) >= k_min_rotation_deg) {
      geometry.skew_deg = skew.angle_deg;
    }
  }
  cv::Mat valid;
  if (geometry.skew_deg != 0) {
    grey = rotate_image(grey, -geometry.skew_deg, cv::Scalar(paper_grey));
    binary = ink_of(rotate_image(binary, -geometry.skew_deg, cv::Scalar(255)));
    valid = ink_of(rotate_image(cv::Mat(small.size(), CV_8UC1, cv::Scalar(255)), -geometry.skew_deg,
                                cv::Scalar(0)));
  }
  cv::Rect small_crop(0, 0, small.cols, small.rows);
  if (options.crop_borders) {
    small_crop = find_content_rect(grey, valid, paper_grey);
  }
  if (options.detect_orientation && !blank) {
    report.orientation = estimate_orientation(binary(small_crop));
    if (report.orientation.confidence >= options.min_orientation_confidence) {
      geometry.quarter = report.orientation.clockwise_degrees;
      report.orientation_applied = true;
    }
  }
  // Back to full resolution, rounding outward so no content is lost.
  const double sx = static_cast<double>(source.cols) / small.cols;
  const double sy = static_cast<double>(source.rows) / small.rows;
  const int x0 = std::clamp(static_cast<int>(std::floor(small_crop.x * sx)), 0, source.cols - 1);
  const int y0 = std::clamp(static_cast<int>(std::floor(small_crop.y * sy)), 0, source.rows - 1);
  const int x1 = std::clamp(static_cast<int>(std::ceil((small_crop.x + small_crop.width) * sx)),
                            x0 + 1, source.cols);
  const int y1 = std::clamp(static_cast<int>(std::ceil((small_crop.y + small_crop.height) * sy)),
                            y0 + 1, source.rows);
  geometry.crop = cv::Rect(x0, y0, x1 - x0, y1 - y0);
  return geometry;
}

// What the skew search should look at: the text. A dark scanner bed along the
// edges is a long straight edge at 0 degrees that outweighs every text line, and
// thresholded noise flattens the profiles: both are removed.
cv::Mat text_ink_only(const cv::Mat& binary, double dpi) {
  cv::Mat ink;
  cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int max_speck = std::max(2, static_cast<int>(std::lround(dpi * dpi / 5000.0)));
  std::vector<unsigned char> drop(static_cast<std::size_t>(n), 0);
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT);
    const int y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const bool touches_edge = x == 0 || y == 0 || x + w >= binary.cols || y + h >= binary.rows;
    drop[static_cast<std::size_t>(i)] =
        touches_edge || stats.at<int>(i, cv::CC_STAT_AREA) <= max_speck ? 1 : 0;
  }
  cv::Mat out = binary.clone();
  for (int y = 0; y < out.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    unsigned char* px = out.ptr<unsigned char>(y);
    for (int x = 0; x < out.cols; ++x) {
      if (drop[static_cast<std::size_t>(label[x])] != 0) {
        px[x] = 255;
      }
    }
  }
  return out;
}

// Deskew and crop in one resampling pass.
cv::Mat apply_geometry(const cv::Mat& source, ColourKind kind, const Geometry& geometry,
                       const cv::Scalar& fill) {
  cv::Mat out;
  if (geometry.skew_deg == 0) {
    out = source(geometry.crop).clone();
  } else {
    const cv::Point2f centre(static_cast<float>(source.cols - 1) / 2.0F,
                             static_cast<float>(source.rows - 1) / 2.0F);
    cv::Mat m = cv::getRotationMatrix2D(centre, -geometry.skew_deg, 1.0);
    m.at<double>(0, 2) -= geometry.crop.x;
    m.at<double>(1, 2) -= geometry.crop.y;
    cv::warpAffine(source, out, m, geometry.crop.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   fill);
    if (kind == ColourKind::bitonal) {
      out = ink_of(out);
    }
  }
  if (geometry.quarter != 0) {
    out = rotate_quarter(out, geometry.quarter);
  }
  return out;
}

// Low-resolution scans are enlarged to the archival minimum. Returns the new dpi.
double upsample_to(cv::Mat& image, ColourKind kind, double dpi, double min_dpi,
                   const RasterPage& page) {
  if (!(dpi < min_dpi)) {
    return dpi;
  }
  const double factor = min_dpi / dpi;
  if (static_cast<double>(image.total()) * factor * factor > k_max_output_pixels) {
    fail(page, "too_many_pixels",
         "upsampling to " + std::to_string(static_cast<int>(min_dpi)) +
             " dpi would exceed the pixel limit");
  }
  image =
      resize_by(image, factor, kind == ColourKind::bitonal ? cv::INTER_LINEAR : cv::INTER_CUBIC);
  if (kind == ColourKind::bitonal) {
    image = ink_of(image);
  }
  return min_dpi;
}

CleanPage clean(const RasterPage& page, const CleanupOptions& options, CleanupReport& report) {
  validate(page);
  cv::Mat source = page.pixels;
  double dpi = page.dpi;
  if (page.kind == ColourKind::bitonal) {
    source = ink_of(source); // stray grey levels from a decoder become 0/255
  }
  std::optional<TimingSpan> span(std::in_place, "cleanup.analysis");
  cv::Mat small = resize_by(source, std::min(1.0, k_analysis_dpi / dpi), cv::INTER_AREA);
  if (options.correct_perspective) {
    if (auto photo = straighten_photographed_page(source, small, page.kind, dpi)) {
      source = std::move(photo->pixels);
      dpi = photo->dpi;
      report.perspective_corrected = true;
      report.keystone_deg = photo->keystone_deg;
      small = resize_by(source, std::min(1.0, k_analysis_dpi / dpi), cv::INTER_AREA);
    }
  }
  const cv::Scalar paper =
      page.kind == ColourKind::bitonal ? cv::Scalar::all(255) : estimate_paper_colour(small);
  const Geometry geometry = analyse(source, small, page.kind, dpi, paper, options, report);
  span.emplace("cleanup.geometry");

  CleanPage clean;
  clean.kind = page.kind;
  clean.skew_deg = geometry.skew_deg;
  clean.rotation = geometry.quarter;
  clean.archival = apply_geometry(source, page.kind, geometry, paper);
  clean.dpi = upsample_to(clean.archival, page.kind, dpi, options.min_archival_dpi, page);
  span.emplace("cleanup.ocr_image");
  clean.ocr_image =
      make_ocr_image(clean.archival, page.kind, clean.dpi, options.suppress_red_seals);
  clean.blank = geometry.analysed ? geometry.blank : is_blank(clean.ocr_image, clean.dpi);
  // After the OCR image: reading works on the scan as it came, the archive keeps
  // the paper without its grain.
  if (options.smooth_paper_grain && page.kind != ColourKind::bitonal) {
    if (options.defer_paper_grain) {
      clean.paper_grain_pending_at = clean.rotation;
    } else {
      span.emplace("cleanup.paper_grain");
      clean.archival = imaging::smooth_paper_grain(clean.archival, clean.dpi);
    }
  }
  return clean;
}

} // namespace

CleanPage clean_page(const RasterPage& page, const CleanupOptions& options) {
  CleanupReport report;
  return clean_page(page, options, report);
}

CleanPage clean_page(const RasterPage& page, const CleanupOptions& options, CleanupReport& report) {
  report = {};
  try {
    return clean(page, options, report);
  } catch (const cv::Exception& e) {
    fail(page, "opencv_error", std::string("OpenCV failed: ") + e.what());
  } catch (const std::bad_alloc&) {
    fail(page, "out_of_memory", "not enough memory to clean the page");
  }
}

void rotate_clean_page(CleanPage& page, int clockwise_degrees) {
  if (clockwise_degrees % 90 != 0) {
    throw Error(Stage::imaging, "invalid_rotation",
                "rotation must be a multiple of 90 degrees, got " +
                    std::to_string(clockwise_degrees));
  }
  const int turn = normalize_quarter(clockwise_degrees);
  if (turn == 0) {
    return;
  }
  page.archival = rotate_quarter(page.archival, turn);
  page.ocr_image = rotate_quarter(page.ocr_image, turn);
  page.rotation = (page.rotation + turn) % 360;
}

void smooth_deferred_paper_grain(CleanPage& page) {
  if (!page.paper_grain_pending_at) {
    return;
  }
  const TimingSpan span("cleanup.paper_grain");
  // The smoothing works in bands of rows: it is applied to the image as cleanup
  // left it, then turned as the page was since, so the pixels match either way.
  const int turn = normalize_quarter(page.rotation - *page.paper_grain_pending_at);
  if (turn == 0) {
    page.archival = smooth_paper_grain(page.archival, page.dpi);
  } else {
    page.archival = rotate_quarter(
        smooth_paper_grain(rotate_quarter(page.archival, 360 - turn), page.dpi), turn);
  }
  page.paper_grain_pending_at.reset();
}

} // namespace sohoa::imaging
