#include "sohoa/imaging/cleanup.hpp"
#include "imaging/seal.hpp"
#include "synthetic_page.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

const cv::Scalar k_red_seal(45, 40, 205); // BGR
const cv::Scalar k_blue_ink(170, 70, 25); // ballpoint blue, BGR
const cv::Point k_seal_centre(1500, 1150);

struct SealPage {
  cv::Mat pixels;
  cv::Mat seal_only; // red pixels not over other ink
  cv::Mat blue;      // blue handwriting
  cv::Mat black;     // black text, including where the seal covers it
};

SealPage seal_page() {
  SealPage page;
  page.pixels = text_page(14);
  page.black = grey_of(page.pixels) < 128;
  cv::Mat blue_layer(page.pixels.size(), CV_8UC1, cv::Scalar(0));
  cv::putText(blue_layer, "Nguyen Van Binh 079201001234", {260, 1700},
              cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.8, cv::Scalar(255), 3, cv::LINE_AA);
  page.pixels.setTo(k_blue_ink, blue_layer > 128);
  page.blue = blue_layer > 128;
  // The seal: two rings and lettering, over the black text.
  cv::Mat seal(page.pixels.size(), CV_8UC1, cv::Scalar(0));
  cv::circle(seal, k_seal_centre, 260, cv::Scalar(255), 14, cv::LINE_AA);
  cv::circle(seal, k_seal_centre, 200, cv::Scalar(255), 6, cv::LINE_AA);
  cv::putText(seal, "UBND", {k_seal_centre.x - 110, k_seal_centre.y + 25}, cv::FONT_HERSHEY_DUPLEX,
              2.2, cv::Scalar(255), 6, cv::LINE_AA);
  // Seal ink is translucent: where it covers black text the text stays dark.
  cv::Mat red(page.pixels.size(), CV_8UC3, k_red_seal);
  cv::Mat over = (seal > 128) & ~page.black;
  red.copyTo(page.pixels, over);
  page.seal_only = over;
  add_noise(page.pixels, 3, 11);
  return page;
}

CleanupOptions fixed_geometry() {
  CleanupOptions options;
  options.deskew = false;
  options.detect_orientation = false;
  options.crop_borders = false;
  return options;
}

} // namespace

TEST_CASE("red seal is paper in the OCR image, blue and black ink stay ink") {
  const SealPage page = seal_page();
  const CleanPage clean = clean_page(raster(page.pixels, ColourKind::colour), fixed_geometry());
  REQUIRE(clean.archival.size() == page.pixels.size());
  const double seal_ink = ink_share(clean.ocr_image, page.seal_only);
  const double blue_ink = ink_share(clean.ocr_image, page.blue);
  const double black_ink = ink_share(clean.ocr_image, page.black);
  MESSAGE("ink share: seal " << seal_ink << ", blue " << blue_ink << ", black " << black_ink);
  CHECK(seal_ink < 0.02);
  CHECK(blue_ink > 0.85);
  CHECK(black_ink > 0.85);
  // Black text under the seal is still there for OCR.
  cv::Mat under_seal(page.pixels.size(), CV_8UC1, cv::Scalar(0));
  cv::circle(under_seal, k_seal_centre, 270, cv::Scalar(255), cv::FILLED);
  CHECK(ink_share(clean.ocr_image, page.black & under_seal) > 0.85);
}

TEST_CASE("the archival image keeps the red seal red") {
  const SealPage page = seal_page();
  const CleanPage clean = clean_page(raster(page.pixels, ColourKind::colour), fixed_geometry());
  CHECK(clean.kind == ColourKind::colour);
  REQUIRE(clean.archival.type() == CV_8UC3);
  const cv::Scalar seal_colour = cv::mean(clean.archival, page.seal_only);
  CHECK(seal_colour[2] > 170);
  CHECK(seal_colour[1] < 90);
  CHECK(seal_colour[0] < 90);
  CHECK(cv::countNonZero(red_seal_mask(clean.archival, 300) & page.seal_only) >
        0.9 * cv::countNonZero(page.seal_only));
}

TEST_CASE("red suppression can be switched off") {
  const SealPage page = seal_page();
  CleanupOptions options = fixed_geometry();
  options.suppress_red_seals = false;
  const CleanPage clean = clean_page(raster(page.pixels, ColourKind::colour), options);
  CHECK(ink_share(clean.ocr_image, page.seal_only) > 0.5);
}

TEST_CASE("the red ink mask takes red and pink, never blue, violet, black or paper") {
  const auto is_seal = [](const cv::Scalar& bgr) {
    const cv::Mat pixel(1, 1, CV_8UC3, bgr);
    return red_ink_mask(pixel).at<uchar>(0, 0) != 0;
  };
  CHECK(is_seal(cv::Scalar(45, 40, 205)));         // red
  CHECK(is_seal(cv::Scalar(120, 90, 230)));        // pinkish red, faded
  CHECK(is_seal(cv::Scalar(140, 60, 220)));        // magenta-pink
  CHECK_FALSE(is_seal(cv::Scalar(170, 70, 25)));   // blue ballpoint
  CHECK_FALSE(is_seal(cv::Scalar(200, 40, 90)));   // violet ink
  CHECK_FALSE(is_seal(cv::Scalar(30, 30, 30)));    // black
  CHECK_FALSE(is_seal(cv::Scalar(236, 242, 246))); // paper
  CHECK_FALSE(is_seal(cv::Scalar(20, 20, 60)));    // very dark: could be black ink
}

TEST_CASE("red text is read: only seal-sized red shapes leave the OCR image") {
  SealPage page = seal_page();
  // A red line of print, as the number and title of a citizen id card.
  cv::Mat red_text(page.pixels.size(), CV_8UC1, cv::Scalar(0));
  cv::putText(red_text, "CAN CUOC CONG DAN 079201001234", {260, 1900}, cv::FONT_HERSHEY_DUPLEX, 2.0,
              cv::Scalar(255), 5, cv::LINE_AA);
  page.pixels.setTo(k_red_seal, red_text > 128);
  const CleanPage clean = clean_page(raster(page.pixels, ColourKind::colour), fixed_geometry());
  const double text_ink = ink_share(clean.ocr_image, red_text > 128);
  const double seal_ink = ink_share(clean.ocr_image, page.seal_only);
  MESSAGE("ink share: red text " << text_ink << ", seal " << seal_ink);
  CHECK(text_ink > 0.85);
  CHECK(seal_ink < 0.02);
  const cv::Mat seal_mask = red_seal_mask(page.pixels, 300);
  CHECK(cv::countNonZero(seal_mask & (red_text > 128)) == 0);
}

TEST_CASE("a faded seal with a broken ring is still one seal") {
  cv::Mat pixels(1200, 1200, CV_8UC3, cv::Scalar(246, 242, 236));
  // Dashes around a 36 mm circle at 300 dpi: arcs with gaps of about 1 mm.
  for (int a = 0; a < 360; a += 12) {
    cv::ellipse(pixels, {600, 600}, {212, 212}, 0, a, a + 9, k_red_seal, 10, cv::LINE_AA);
  }
  const cv::Mat ink = red_ink_mask(pixels);
  const cv::Mat seal = red_seal_mask(pixels, 300);
  CHECK(cv::countNonZero(ink) > 0);
  CHECK(cv::countNonZero(seal) == cv::countNonZero(ink));
}
