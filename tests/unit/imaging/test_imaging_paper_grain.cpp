#include "imaging/paper_grain.hpp"
#include "sohoa/imaging/cleanup.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace sohoa::imaging;

namespace {

constexpr double k_dpi = 300;
const cv::Rect k_text(100, 100, 200, 12);       // a black bar of text
const cv::Rect k_seal(400, 60, 120, 120);       // a flat red seal
const cv::Rect k_guilloche(100, 250, 200, 100); // a fine printed pattern

// Paper of 240 with grain of sigma 5 grey levels per channel, pixel to pixel, under a bar
// of ink, a red seal and a guilloche of 12 grey levels with a period of 8 pixels.
cv::Mat grainy_page() {
  cv::Mat page(400, 600, CV_8UC3, cv::Scalar(238, 240, 242));
  cv::Mat grain(page.size(), CV_16SC3);
  cv::RNG rng(7);
  rng.fill(grain, cv::RNG::NORMAL, 0, 5);
  cv::Mat noisy;
  page.convertTo(noisy, CV_16SC3);
  noisy += grain;
  noisy.convertTo(page, CV_8UC3);
  page(k_text).setTo(cv::Scalar(20, 20, 20));
  page(k_seal).setTo(cv::Scalar(45, 40, 205));
  for (int y = k_guilloche.y; y < k_guilloche.br().y; ++y) {
    for (int x = k_guilloche.x; x < k_guilloche.br().x; ++x) {
      const auto v = static_cast<unsigned char>(228 + 12 * std::sin((x + y) * 0.55));
      page.at<cv::Vec3b>(y, x) = cv::Vec3b(v, v, v);
    }
  }
  return page;
}

double grey_sd(const cv::Mat& image, const cv::Rect& area) {
  cv::Mat grey;
  cv::cvtColor(image(area), grey, cv::COLOR_BGR2GRAY);
  cv::Scalar mean;
  cv::Scalar sd;
  cv::meanStdDev(grey, mean, sd);
  return sd[0];
}

bool same(const cv::Mat& a, const cv::Mat& b, const cv::Rect& area) {
  return cv::norm(a(area), b(area), cv::NORM_INF) == 0;
}

} // namespace

TEST_CASE("paper grain is smoothed out, ink, seals and printed patterns are kept") {
  const cv::Mat page = grainy_page();
  const cv::Mat smoothed = smooth_paper_grain(page, k_dpi);
  REQUIRE(smoothed.size() == page.size());
  REQUIRE(smoothed.type() == page.type());

  const cv::Rect paper(350, 250, 200, 100);
  CHECK(grey_sd(page, paper) > 3.0);
  CHECK(grey_sd(smoothed, paper) < 1.5);
  // The paper keeps its colour.
  CHECK(std::abs(cv::mean(smoothed(paper))[0] - cv::mean(page(paper))[0]) < 1.0);

  // The ink and a margin around it as scanned: edges are not blurred.
  const cv::Rect around_text(k_text.x - 3, k_text.y - 3, k_text.width + 6, k_text.height + 6);
  CHECK(same(page, smoothed, around_text));
  CHECK(same(page, smoothed, k_seal));
  CHECK(same(page, smoothed, k_guilloche));
}

TEST_CASE("the paper mask leaves out what is not paper") {
  const cv::Mat page = grainy_page();
  const cv::Mat mask = paper_mask(page, k_dpi);
  CHECK(cv::countNonZero(mask(k_text)) == 0);
  CHECK(cv::countNonZero(mask(k_seal)) == 0);
  CHECK(cv::countNonZero(mask(k_guilloche)) == 0);
  const cv::Rect paper(350, 250, 200, 100);
  CHECK(cv::countNonZero(mask(paper)) > 0.95 * paper.area());

  // Grey pages too, and the decision does not depend on the band split: a page
  // taller than one band gives the mask of its parts.
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  cv::Mat tall;
  cv::vconcat(std::vector<cv::Mat>{grey, grey}, tall);
  const cv::Mat tall_mask = paper_mask(tall, k_dpi);
  const cv::Mat grey_mask = paper_mask(grey, k_dpi);
  const cv::Rect inner(0, 40, grey.cols, grey.rows - 80);
  CHECK(cv::norm(tall_mask(inner), grey_mask(inner), cv::NORM_INF) == 0);
  CHECK(cv::norm(tall_mask(inner + cv::Point(0, grey.rows)), grey_mask(inner), cv::NORM_INF) == 0);
}

TEST_CASE("grain smoothing deferred by cleanup gives the same pixels, also after a turn") {
  // An A6 colour page: grainy paper, lines of text, the seal and the guilloche.
  cv::Mat pixels(1240, 1748, CV_8UC3);
  for (int y = 0; y < pixels.rows; y += 400) {
    for (int x = 0; x < pixels.cols; x += 600) {
      const cv::Rect tile = cv::Rect(x, y, 600, 400) & cv::Rect({0, 0}, pixels.size());
      grainy_page()(cv::Rect({0, 0}, tile.size())).copyTo(pixels(tile));
    }
  }
  sohoa::RasterPage raster;
  raster.pixels = pixels;
  raster.kind = sohoa::ColourKind::colour;
  raster.dpi = k_dpi;
  const sohoa::CleanPage at_once = clean_page(raster);
  CHECK_FALSE(at_once.paper_grain_pending_at);

  CleanupOptions options;
  options.defer_paper_grain = true;
  sohoa::CleanPage deferred = clean_page(raster, options);
  REQUIRE(deferred.paper_grain_pending_at);
  CHECK(cv::norm(deferred.ocr_image, at_once.ocr_image, cv::NORM_INF) == 0);
  REQUIRE(deferred.archival.size() == at_once.archival.size());
  CHECK(cv::norm(deferred.archival, at_once.archival, cv::NORM_INF) > 0); // still grainy

  sohoa::CleanPage turned = deferred;
  smooth_deferred_paper_grain(deferred);
  CHECK_FALSE(deferred.paper_grain_pending_at);
  CHECK(cv::norm(deferred.archival, at_once.archival, cv::NORM_INF) == 0);
  smooth_deferred_paper_grain(deferred); // once only
  CHECK(cv::norm(deferred.archival, at_once.archival, cv::NORM_INF) == 0);

  // Reading turned the page before its image was smoothed: the smoothing is the
  // upright image's, turned.
  sohoa::CleanPage turned_at_once = at_once;
  rotate_clean_page(turned, 90);
  rotate_clean_page(turned_at_once, 90);
  smooth_deferred_paper_grain(turned);
  REQUIRE(turned.archival.size() == turned_at_once.archival.size());
  CHECK(cv::norm(turned.archival, turned_at_once.archival, cv::NORM_INF) == 0);
}
