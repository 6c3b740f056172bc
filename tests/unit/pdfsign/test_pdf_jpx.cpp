// The JPEG 2000 codec of MRC backgrounds: round trips through OpenJPEG's own
// decoder, sizes that follow the compression ratio, quality layers that add
// fidelity, bad data refused, and an MRC page of fine colour patterns that
// poppler renders back close to the page.
#include "pdf_fixtures.hpp"
#include "pdf_test_pages.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pdf/image_ssim.hpp"
#include "sohoa/pdf/jpx_codec.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "support/scratch.hpp"

#include <doctest/doctest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace sohoa;
using sohoa::test::run_capture;
using sohoa::test::ScratchDir;

namespace {

// A smooth colour gradient with a photo-like blob and some texture (paper
// noise of noise_sigma): what a background holds once the text is lifted.
cv::Mat background_like(int width, int height, unsigned seed, double noise_sigma = 3) {
  cv::Mat img(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      img.at<cv::Vec3b>(y, x) = {static_cast<unsigned char>(200 + 40 * x / width),
                                 static_cast<unsigned char>(230 - 30 * y / height),
                                 static_cast<unsigned char>(235)};
    }
  }
  cv::ellipse(img, {width / 3, height / 3}, {width / 8, height / 6}, 0, 0, 360, {90, 120, 160},
              cv::FILLED, cv::LINE_AA);
  for (int k = 0; k < 40; ++k) {
    cv::circle(img, {width / 2, height / 2}, 5 + 7 * k, {150, 170, 190}, 1, cv::LINE_AA);
  }
  if (noise_sigma <= 0) {
    return img;
  }
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, noise_sigma);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < 3; ++c) {
        auto& v = img.at<cv::Vec3b>(y, x)[c];
        v = cv::saturate_cast<unsigned char>(v + noise(rng));
      }
    }
  }
  return img;
}

// An ID-card-like page at 300 dpi: fine guilloche waves in colour over a tinted
// card, dark text on it, paper noise around.
cv::Mat id_card_page() {
  cv::Mat page(1200, 1800, CV_8UC3, cv::Scalar(238, 240, 242));
  const cv::Rect card(150, 150, 1500, 900);
  page(card).setTo(cv::Scalar(225, 235, 215));
  for (int k = 0; k < 60; ++k) {
    std::vector<cv::Point> wave;
    for (int x = card.x; x < card.x + card.width; x += 3) {
      const double y = card.y + 15.0 * k + 10 * std::sin(x / 23.0 + k * 0.7);
      wave.emplace_back(x, static_cast<int>(std::lround(y)));
    }
    cv::polylines(page, wave, false, cv::Scalar(180, 200, 160), 2, cv::LINE_AA);
  }
  cv::putText(page, "CAN CUOC CONG DAN", {300, 350}, cv::FONT_HERSHEY_SIMPLEX, 2.0, {20, 20, 20}, 4,
              cv::LINE_AA);
  cv::putText(page, "So 001234567890", {300, 600}, cv::FONT_HERSHEY_SIMPLEX, 1.6, {30, 30, 30}, 3,
              cv::LINE_AA);
  std::mt19937 rng(11);
  std::normal_distribution<double> noise(0, 1.0);
  for (int y = 0; y < page.rows; ++y) {
    for (int x = 0; x < page.cols; ++x) {
      auto& p = page.at<cv::Vec3b>(y, x);
      const double n = noise(rng);
      for (int c = 0; c < 3; ++c) {
        p[c] = cv::saturate_cast<unsigned char>(p[c] + n);
      }
    }
  }
  return page;
}

// SSIM outside the text, as the archive bench measures it: windows that touch
// the reference's dark ink do not count.
double ssim_outside_text(const cv::Mat& reference, const cv::Mat& test) {
  cv::Mat grey;
  cv::cvtColor(reference, grey, cv::COLOR_BGR2GRAY);
  cv::Mat text;
  cv::compare(grey, 160, text, cv::CMP_LT);
  cv::dilate(text, text, cv::getStructuringElement(cv::MORPH_RECT, {11, 11}));
  cv::Mat outside;
  cv::bitwise_not(text, outside);
  return pdf::mean_ssim(reference, test, outside);
}

} // namespace

TEST_CASE("an SSIM map computed by bands of rows equals the whole image's map") {
  cv::Mat reference(203, 150, CV_8UC1);
  cv::Mat test(203, 150, CV_8UC1);
  cv::randu(reference, 0, 256);
  cv::GaussianBlur(reference, test, {0, 0}, 2.0);
  const cv::Mat whole = pdf::ssim_map(reference, test);
  REQUIRE(whole.type() == CV_32FC1);
  REQUIRE(whole.size() == reference.size());
  for (const cv::Range rows : {cv::Range(0, 64), cv::Range(64, 128), cv::Range(128, 203),
                               cv::Range(100, 101), cv::Range(198, 203)}) {
    CAPTURE(rows.start);
    const cv::Mat band = pdf::ssim_map_rows(reference, test, rows);
    REQUIRE(band.size() == cv::Size(reference.cols, rows.size()));
    CHECK(cv::norm(band, whole.rowRange(rows), cv::NORM_INF) < 1e-5);
  }
  CHECK_THROWS_AS(pdf::ssim_map_rows(reference, test, cv::Range(150, 210)), Error);
  CHECK_THROWS_AS(pdf::ssim_map_rows(reference, test, cv::Range(5, 5)), Error);
}

TEST_CASE("JPEG 2000 round trips colour and grey images through OpenJPEG's decoder") {
  const cv::Mat colour = background_like(640, 480, 1);
  const std::string jp2 = pdf::encode_jpx(colour, 20);
  // A JP2 file: the signature box first (what /JPXDecode readers look for).
  REQUIRE(jp2.size() > 12);
  CHECK(jp2.substr(4, 8) == std::string("jP  \r\n\x87\n", 8));
  const cv::Mat back = pdf::decode_jpx(jp2);
  REQUIRE(back.size() == colour.size());
  REQUIRE(back.type() == CV_8UC3);
  CHECK(pdf::mean_ssim(colour, back) > 0.85);
  // Colour order kept: the blob stays bluish-grey, the gradient warm.
  const cv::Vec3b blob = back.at<cv::Vec3b>(160, 213);
  CHECK(std::abs(blob[0] - 90) < 15);
  CHECK(std::abs(blob[2] - 160) < 15);
  // About raw / ratio bytes: rate control keeps under the target.
  const double raw = static_cast<double>(colour.total() * colour.elemSize());
  CHECK(static_cast<double>(jp2.size()) < raw / 20 * 1.05);
  CHECK(static_cast<double>(jp2.size()) > raw / 20 * 0.5);

  cv::Mat grey;
  cv::cvtColor(colour, grey, cv::COLOR_BGR2GRAY);
  const cv::Mat grey_back = pdf::decode_jpx(pdf::encode_jpx(grey, 10));
  REQUIRE(grey_back.type() == CV_8UC1);
  CHECK(pdf::mean_ssim(grey, grey_back) > 0.9);
}

TEST_CASE("a higher JPEG 2000 ratio is smaller and less faithful; layers add fidelity") {
  // Without noise: SSIM against pure noise does not grow with fidelity.
  const cv::Mat img = background_like(800, 600, 2, 0);
  const std::string fine = pdf::encode_jpx(img, 15);
  const std::string coarse = pdf::encode_jpx(img, 300);
  CHECK(coarse.size() * 5 < fine.size());
  const double fine_ssim = pdf::mean_ssim(img, pdf::decode_jpx(fine));
  const double coarse_ssim = pdf::mean_ssim(img, pdf::decode_jpx(coarse));
  CHECK(fine_ssim > coarse_ssim + 0.05);

  const std::string layered = pdf::encode_jpx_layers(img, {300, 60, 15});
  double previous = 0;
  for (int k = 1; k <= 3; ++k) {
    CAPTURE(k);
    const double s = pdf::mean_ssim(img, pdf::decode_jpx(layered, k));
    CHECK(s > previous);
    previous = s;
  }
  // All layers decoded stand for the single-layer encoding at the last ratio.
  CHECK(previous == doctest::Approx(fine_ssim).epsilon(0.03));
  CHECK_THROWS_AS(pdf::encode_jpx_layers(img, {15, 300}), Error);
  CHECK_THROWS_AS(pdf::encode_jpx(img, 1), Error);
}

TEST_CASE("bad JPEG 2000 data is refused, never decoded into a crash") {
  const std::string jp2 = pdf::encode_jpx(background_like(320, 240, 3), 30);
  CHECK_THROWS_AS(pdf::decode_jpx(std::string()), Error);
  CHECK_THROWS_AS(pdf::decode_jpx("not a JPEG 2000 file at all"), Error);
  CHECK_THROWS_AS(pdf::decode_jpx(jp2.substr(0, jp2.size() / 3)), Error);
  // A header announcing more pixels than allowed is refused before decoding.
  CHECK_THROWS_AS(pdf::decode_jpx(jp2, 0, 1000), Error);
  CHECK(pdf::decode_jpx(jp2, 0, 320 * 240).cols == 320);
}

TEST_CASE("an mrc PDF of an ID-card page renders back through poppler with SSIM >= 0.9") {
  ScratchDir dir("pdf-jpx");
  const cv::Mat page = id_card_page();
  const auto path = dir / "card.pdf";
  pdf::PdfWriteOptions options;
  options.image_mode = pdf::ImageMode::mrc;
  pdf::LegalMetadata meta;
  meta.title = "CCCD";
  meta.document_id = "cccd";
  pdf::write_pdfa({{page, ColourKind::colour, 300, nullptr}}, meta, options, path);

  const auto checks = pdf::check_pdfa(path, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
  int status = 0;
  const std::string qpdf =
      run_capture("qpdf --check " + test::shell_quoted(path) + " 2>&1", &status);
  INFO(qpdf);
  CHECK(status == 0);
  const std::string images = run_capture("pdfimages -list " + test::shell_quoted(path));
  INFO(images);
  CHECK(images.find("jpx") != std::string::npos);
  CHECK(images.find("ccitt") != std::string::npos);

  run_capture("pdftoppm -r 300 -singlefile -png " + test::shell_quoted(path) + " " +
                  test::shell_quoted(dir / "render"),
              &status);
  REQUIRE(status == 0);
  cv::Mat rendered = cv::imread((dir / "render.png").string(), cv::IMREAD_COLOR);
  REQUIRE(!rendered.empty());
  REQUIRE(std::abs(rendered.cols - page.cols) <= 2);
  cv::resize(rendered, rendered, page.size(), 0, 0, cv::INTER_AREA);
  const double ssim = ssim_outside_text(page, rendered);
  CAPTURE(ssim);
  CHECK(ssim >= 0.9);
  // The guilloche card gets its own image at the page's resolution, placed over
  // the background: the page draws more than background and mask.
  CHECK(images.find("   300   300") != std::string::npos);
  CHECK(std::count(images.begin(), images.end(), '\n') >= 5);
  // Read back as drawn, the patch where the page places it.
  const auto back = pdf::read_pdf_page_images(path);
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].pixels.size() == page.size());
  REQUIRE(back[0].pixels.type() == CV_8UC3);
  CHECK(ssim_outside_text(page, back[0].pixels) >= 0.9);
  // Smaller than the page as one JPEG at the default quality.
  pdf::PdfWriteOptions jpeg = options;
  jpeg.image_mode = pdf::ImageMode::jpeg;
  pdf::write_pdfa({{page, ColourKind::colour, 300, nullptr}}, meta, jpeg, dir / "card-jpeg.pdf");
  CHECK(std::filesystem::file_size(path) < std::filesystem::file_size(dir / "card-jpeg.pdf"));
}

TEST_CASE("the fastest mrc effort keeps the JPEG background, the masks and the patches") {
  ScratchDir dir("pdf-jpx-fast");
  const cv::Mat page = id_card_page();
  pdf::PdfWriteOptions thorough;
  thorough.image_mode = pdf::ImageMode::mrc;
  pdf::PdfWriteOptions fast = thorough;
  fast.mrc_effort = pdf::MrcEffort::fastest;
  const auto smallest = pdf::encode_page_image(page, ColourKind::colour, 300, thorough);
  const auto fastest = pdf::encode_page_image(page, ColourKind::colour, 300, fast);
  REQUIRE(!smallest.layers.empty());
  REQUIRE(smallest.layers.size() == fastest.layers.size());
  CHECK(smallest.layers[0].encoding == pdf::ImageEncoding::jpx);
  CHECK(fastest.layers[0].encoding == pdf::ImageEncoding::dct);
  // Only the background differs: the same patches and masks, byte for byte.
  for (std::size_t i = 1; i < fastest.layers.size(); ++i) {
    CHECK(fastest.layers[i].bytes == smallest.layers[i].bytes);
    CHECK(fastest.layers[i].placement == smallest.layers[i].placement);
  }

  const auto path = dir / "card.pdf";
  pdf::LegalMetadata meta;
  meta.title = "CCCD";
  meta.document_id = "cccd";
  pdf::write_pdfa({{page, ColourKind::colour, 300, nullptr}}, meta, fast, path);
  const auto checks = pdf::check_pdfa(path, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
  const auto back = pdf::read_pdf_page_images(path);
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].pixels.size() == page.size());
  CHECK(ssim_outside_text(page, back[0].pixels) >= 0.9);
}
