#include "imaging/borders.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "synthetic_page.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

// The page laid on a larger, dark scan area (open lid), optionally skewed on it.
cv::Mat on_dark_scanner(const cv::Mat& page, cv::Point offset, cv::Size scan, double angle_deg) {
  cv::Mat canvas(scan, CV_8UC3, cv::Scalar(22, 24, 26));
  cv::Mat placed(scan, CV_8UC3, cv::Scalar(0, 0, 0));
  cv::Mat mask(scan, CV_8UC1, cv::Scalar(0));
  page.copyTo(placed(cv::Rect(offset, page.size())));
  mask(cv::Rect(offset, page.size())).setTo(255);
  if (angle_deg != 0) {
    const cv::Point2f centre(static_cast<float>(scan.width - 1) / 2.0F,
                             static_cast<float>(scan.height - 1) / 2.0F);
    const cv::Mat m = cv::getRotationMatrix2D(centre, angle_deg, 1.0);
    cv::warpAffine(placed, placed, m, scan, cv::INTER_LINEAR);
    cv::warpAffine(mask, mask, m, scan, cv::INTER_LINEAR);
  }
  placed.copyTo(canvas, mask > 128);
  add_noise(canvas, 5, 21);
  return canvas;
}

// Mean grey of a band along each side: dark if border is left over.
double darkest_edge_band(const cv::Mat& image) {
  const cv::Mat grey = image.channels() == 3 ? grey_of(image) : image;
  const int band = 8;
  const double top = cv::mean(grey.rowRange(0, band))[0];
  const double bottom = cv::mean(grey.rowRange(grey.rows - band, grey.rows))[0];
  const double left = cv::mean(grey.colRange(0, band))[0];
  const double right = cv::mean(grey.colRange(grey.cols - band, grey.cols))[0];
  return std::min({top, bottom, left, right});
}

} // namespace

TEST_CASE("dark scanner borders are cropped") {
  const cv::Mat page = text_page();
  const cv::Mat scan = on_dark_scanner(page, {70, 130}, {2650, 3720}, 0);
  const CleanPage clean = clean_page(raster(scan, ColourKind::colour));
  MESSAGE("page 2480x3508 on 2650x3720: archival " << clean.archival.cols << "x"
                                                   << clean.archival.rows);
  CHECK(std::abs(clean.archival.cols - page.cols) < 40);
  CHECK(std::abs(clean.archival.rows - page.rows) < 40);
  CHECK(darkest_edge_band(clean.archival) > 180);
  CHECK(clean.ocr_image.size() == clean.archival.size());
  CHECK_FALSE(clean.blank);
}

TEST_CASE("a skewed page on a dark scanner is straightened and cropped") {
  const cv::Mat page = text_page();
  const cv::Mat scan = on_dark_scanner(page, {110, 110}, {2700, 3730}, 3.0);
  const CleanPage clean = clean_page(raster(scan, ColourKind::colour));
  MESSAGE("skewed page on dark scanner: skew "
          << clean.skew_deg << ", archival " << clean.archival.cols << "x" << clean.archival.rows);
  CHECK(std::abs(clean.skew_deg - 3.0) < 0.2);
  CHECK(std::abs(clean.archival.cols - page.cols) < 60);
  CHECK(std::abs(clean.archival.rows - page.rows) < 60);
  CHECK(darkest_edge_band(clean.archival) > 180);
}

TEST_CASE("black borders of a bitonal scan are cropped and it stays bitonal") {
  const cv::Mat scan = on_dark_scanner(text_page(), {50, 80}, {2600, 3650}, 0);
  cv::Mat bitonal;
  cv::threshold(grey_of(scan), bitonal, 128, 255, cv::THRESH_BINARY);
  const CleanPage clean = clean_page(raster(bitonal, ColourKind::bitonal));
  CHECK(clean.kind == ColourKind::bitonal);
  CHECK(cv::countNonZero((clean.archival != 0) & (clean.archival != 255)) == 0);
  CHECK(std::abs(clean.archival.cols - k_a4_width) < 40);
  CHECK(std::abs(clean.archival.rows - k_a4_height) < 40);
  CHECK(darkest_edge_band(clean.archival) > 180);
}

TEST_CASE("a page without borders is not cropped") {
  const cv::Mat grey = grey_of(text_page());
  cv::Mat small;
  cv::resize(grey, small, {}, 0.5, 0.5, cv::INTER_AREA);
  const cv::Rect rect = find_content_rect(small, cv::Mat(), 240);
  CHECK(rect == cv::Rect(0, 0, small.cols, small.rows));
}

TEST_CASE("border crop ignores rotation fill and leaves all-dark images alone") {
  cv::Mat grey(400, 300, CV_8UC1, cv::Scalar(240));
  grey.colRange(0, 30).setTo(20);
  cv::Mat valid(grey.size(), CV_8UC1, cv::Scalar(255));
  // A corner filled in by a rotation: neither paper nor border.
  valid(cv::Rect(0, 0, 150, 60)).setTo(0);
  grey(cv::Rect(0, 0, 150, 60)).setTo(255);
  const cv::Rect rect = find_content_rect(grey, valid, 240);
  CHECK(rect.x >= 30);
  CHECK(rect.x <= 33);
  CHECK(rect.y == 0);
  CHECK(rect.height == 400);
  const cv::Mat black(400, 300, CV_8UC1, cv::Scalar(0));
  CHECK(find_content_rect(black, cv::Mat(), 0) == cv::Rect(0, 0, 300, 400));
}
