#include "ocr/short_components.hpp"
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>
#include <algorithm>
#include <tuple>
#include <vector>

using namespace sohoa;

namespace {

struct Found {
  cv::Rect box;
  int area = 0;
  cv::Mat pixels;
};

// The reference: one labelling of the whole mask.
std::vector<Found> whole_mask_components(const cv::Mat& mask, int max_height) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<Found> out;
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (box.height <= max_height) {
      out.push_back({box, stats.at<int>(i, cv::CC_STAT_AREA), labels(box) == i});
    }
  }
  return out;
}

std::vector<Found> banded_components(const cv::Mat& mask, int max_height) {
  std::vector<Found> out;
  ocr::for_each_short_component(mask, max_height, [&](const ocr::ShortComponent& c) {
    out.push_back({c.box, c.area, c.pixels()});
  });
  return out;
}

// Glyph-like blobs, tall rules, diagonal strokes (8-connected only) and specks,
// many of them across the band edges.
cv::Mat busy_mask(unsigned seed) {
  cv::RNG rng(seed);
  cv::Mat mask(1500, 900, CV_8UC1, cv::Scalar(0));
  for (int i = 0; i < 400; ++i) {
    const cv::Point at(rng.uniform(0, mask.cols), rng.uniform(0, mask.rows));
    const cv::Size size(rng.uniform(1, 30), rng.uniform(1, 60));
    cv::rectangle(mask, cv::Rect(at, size), cv::Scalar(255), rng.uniform(0, 2) ? cv::FILLED : 1);
  }
  for (int i = 0; i < 30; ++i) {
    const cv::Point from(rng.uniform(0, mask.cols), rng.uniform(0, mask.rows));
    const int length = rng.uniform(5, 400);
    for (int k = 0; k < length; ++k) {
      const cv::Point p = from + cv::Point(k, k);
      if (p.x < mask.cols && p.y < mask.rows) {
        mask.at<unsigned char>(p) = 255;
      }
    }
  }
  for (int i = 0; i < 3000; ++i) {
    mask.at<unsigned char>(rng.uniform(0, mask.rows), rng.uniform(0, mask.cols)) = 255;
  }
  return mask;
}

// Labels come in the labelling's scan order, which depends on where a band starts.
void sort_by_position(std::vector<Found>& found) {
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.box.y, a.box.x, a.box.width, a.box.height, a.area) <
           std::tie(b.box.y, b.box.x, b.box.width, b.box.height, b.area);
  });
}

} // namespace

TEST_CASE("components found band by band are those of the whole mask") {
  for (const unsigned seed : {1U, 2U, 3U}) {
    const cv::Mat mask = busy_mask(seed);
    for (const int max_height : {1, 12, 40, 64, 300, 2000}) {
      CAPTURE(seed);
      CAPTURE(max_height);
      auto expected = whole_mask_components(mask, max_height);
      auto found = banded_components(mask, max_height);
      sort_by_position(expected);
      sort_by_position(found);
      REQUIRE(found.size() == expected.size());
      for (std::size_t i = 0; i < found.size(); ++i) {
        CAPTURE(i);
        REQUIRE(found[i].box == expected[i].box);
        CHECK(found[i].area == expected[i].area);
        CHECK(cv::countNonZero(found[i].pixels != expected[i].pixels) == 0);
      }
    }
  }
}

TEST_CASE("a mask shorter than one band and an empty mask") {
  cv::Mat small(10, 10, CV_8UC1, cv::Scalar(0));
  small(cv::Rect(2, 2, 3, 3)).setTo(255);
  CHECK(banded_components(small, 5).size() == 1);
  CHECK(banded_components(small, 2).empty());
  CHECK(banded_components(cv::Mat(), 5).empty());
}
