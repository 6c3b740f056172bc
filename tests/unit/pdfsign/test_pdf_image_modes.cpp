// Page image modes of the PDF/A writer: lossless round-trips bit for bit, MRC
// keeps the text pixels in its masks and a red seal in colour, and every mode
// stays PDF/A-2b and qpdf-clean.
#include "pdf_fixtures.hpp"
#include "pdf_test_pages.hpp"
#include "sohoa/pdf/mrc_layers.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "support/scratch.hpp"

#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include <cctype>
#include <cmath>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

using namespace sohoa;
using sohoa::test::run_capture;
using sohoa::test::ScratchDir;

namespace {

pdf::LegalMetadata metadata() {
  pdf::LegalMetadata m;
  m.title = "Trang thử";
  m.document_id = "trang";
  m.digitized_at = "2026-11-22T10:00:00+07:00";
  m.software_version = "0.1.0";
  return m;
}

pdf::PdfWriteOptions with_mode(pdf::ImageMode mode) {
  pdf::PdfWriteOptions options;
  options.image_mode = mode;
  return options;
}

// The scan-like test page with a line of blue handwriting-like ink.
cv::Mat page_with_blue_ink() {
  cv::Mat page = test::scan_like_page(true, 5);
  cv::putText(page, "Nguyen Van An", {300, 3300}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 3.0,
              cv::Scalar(170, 60, 30), 5, cv::LINE_AA);
  return page;
}

// Mean BGR of the page on the seal's ring (test::scan_like_page draws it).
cv::Scalar seal_ring_colour(const cv::Mat& page) {
  cv::Scalar sum;
  int n = 0;
  for (int a = 0; a < 360; a += 3) {
    const double t = a * std::numbers::pi / 180;
    const int x = 1900 + static_cast<int>(std::lround(180 * std::cos(t)));
    const int y = 3000 + static_cast<int>(std::lround(180 * std::sin(t)));
    const cv::Vec3b p = page.at<cv::Vec3b>(y, x);
    sum += cv::Scalar(p[0], p[1], p[2]);
    ++n;
  }
  return sum / n;
}

} // namespace

TEST_CASE("lossless mode stores colour, grey and bitonal pages bit for bit") {
  ScratchDir dir("pdf-lossless");
  const cv::Mat colour = test::scan_like_page(true, 2);
  const cv::Mat grey = test::scan_like_page(false, 3);
  const cv::Mat bitonal = test::bitonal_page(4);
  const auto out = dir / "lossless.pdf";
  pdf::write_pdfa({{colour, ColourKind::colour, 300, nullptr},
                   {grey, ColourKind::grey, 300, nullptr},
                   {bitonal, ColourKind::bitonal, 300, nullptr}},
                  metadata(), with_mode(pdf::ImageMode::lossless), out);
  const auto pages = pdf::read_pdf_page_images(out);
  REQUIRE(pages.size() == 3);
  const std::vector<cv::Mat> want{colour, grey, bitonal};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    CAPTURE(i);
    REQUIRE(pages[i].pixels.size() == want[i].size());
    REQUIRE(pages[i].pixels.type() == want[i].type());
    cv::Mat diff;
    cv::absdiff(pages[i].pixels, want[i], diff);
    CHECK(cv::countNonZero(diff.reshape(1)) == 0);
  }
  CHECK(pages[0].kind == ColourKind::colour);
  CHECK(pages[1].kind == ColourKind::grey);
  CHECK(pages[2].kind == ColourKind::bitonal);
  const auto checks = pdf::check_pdfa(out, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
}

TEST_CASE("the mrc masks hold the text pixels in their ink colours, not the seal") {
  const cv::Mat page = page_with_blue_ink();
  const pdf::MrcLayers layers = pdf::split_mrc(page, 300);
  REQUIRE(layers.masks.size() == 2);
  CHECK(layers.background_dpi >= 200);
  CHECK(layers.background.cols >= page.cols * 2 / 3);
  CHECK(layers.background.type() == CV_8UC3);

  cv::Mat ink(page.size(), CV_8UC1, cv::Scalar(0));
  for (const auto& m : layers.masks) {
    cv::Mat in_mask;
    cv::compare(m.mask, 0, in_mask, cv::CMP_EQ);
    CHECK(cv::countNonZero(in_mask & ink) == 0); // masks are disjoint
    ink |= in_mask;
  }
  // Text pixels: dark and neutral (the words are drawn in (30, 30, 30)).
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  cv::Mat text;
  cv::inRange(page, cv::Scalar(0, 0, 0), cv::Scalar(90, 90, 90), text);
  const int text_pixels = cv::countNonZero(text);
  REQUIRE(text_pixels > 10000);
  CHECK(cv::countNonZero(text & ink) >= text_pixels * 99 / 100);
  // And little else: no paper, no seal.
  cv::Mat paper;
  cv::compare(grey, 200, paper, cv::CMP_GT);
  CHECK(cv::countNonZero(paper & ink) <= cv::countNonZero(ink) / 100);
  cv::Mat seal;
  cv::inRange(page, cv::Scalar(0, 0, 150), cv::Scalar(110, 110, 255), seal);
  const int seal_pixels = cv::countNonZero(seal);
  REQUIRE(seal_pixels > 5000);
  // Only where a line of text crosses the seal.
  CHECK(cv::countNonZero(seal & ink) <= seal_pixels / 1000);

  const cv::Vec3b dark = layers.masks[0].colour;
  const cv::Vec3b blue = layers.masks[1].colour;
  CAPTURE(dark);
  CAPTURE(blue);
  for (int c = 0; c < 3; ++c) {
    CHECK(std::abs(dark[c] - 30) <= 25);
  }
  CHECK(blue[0] > blue[2] + 60);

  // Composed back, the text is where it was and the seal keeps its red.
  const cv::Mat composed = pdf::compose_mrc(layers, page.size());
  cv::Mat composed_grey;
  cv::cvtColor(composed, composed_grey, cv::COLOR_BGR2GRAY);
  cv::Mat dark_again;
  cv::compare(composed_grey, 100, dark_again, cv::CMP_LT);
  CHECK(cv::countNonZero(text & dark_again) >= text_pixels * 99 / 100);
  const cv::Scalar ring = seal_ring_colour(composed);
  CAPTURE(ring);
  CHECK(ring[2] > 150);
  CHECK(ring[1] < 120);
  CHECK(ring[0] < 120);
}

TEST_CASE("an mrc PDF is PDF/A-2b, draws stencil masks, reads back in colour, and is small") {
  ScratchDir dir("pdf-mrc");
  const cv::Mat page = page_with_blue_ink();
  const cv::Mat grey_page = test::scan_like_page(false, 7);
  const auto mrc = dir / "mrc.pdf";
  const auto jpeg = dir / "jpeg.pdf";
  const std::vector<pdf::PdfPageInput> pages{{page, ColourKind::colour, 300, nullptr},
                                             {grey_page, ColourKind::grey, 300, nullptr}};
  pdf::write_pdfa(pages, metadata(), with_mode(pdf::ImageMode::mrc), mrc);
  pdf::write_pdfa(pages, metadata(), with_mode(pdf::ImageMode::jpeg), jpeg);

  const auto checks = pdf::check_pdfa(mrc, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
  int status = 0;
  const std::string qpdf =
      run_capture("qpdf --check " + test::shell_quoted(mrc) + " 2>&1", &status);
  INFO(qpdf);
  CHECK(status == 0);
  const std::string images = run_capture("pdfimages -list " + test::shell_quoted(mrc));
  INFO(images);
  CHECK(images.find("stencil") != std::string::npos);
  CHECK(images.find("ccitt") != std::string::npos);
  // The background in whichever codec was smaller at the SSIM asked for.
  CHECK((images.find("jpeg") != std::string::npos || images.find("jpx") != std::string::npos));
  CHECK(std::filesystem::file_size(mrc) * 2 < std::filesystem::file_size(jpeg));

  const auto back = pdf::read_pdf_page_images(mrc);
  REQUIRE(back.size() == 2);
  REQUIRE(back[0].pixels.size() == page.size());
  CHECK(back[0].kind == ColourKind::colour);
  CHECK(back[0].dpi == doctest::Approx(300));
  CHECK(back[1].kind == ColourKind::grey);
  const cv::Scalar ring = seal_ring_colour(back[0].pixels);
  CAPTURE(ring);
  CHECK(ring[2] > 150);
  CHECK(ring[1] < 120);
  // The page read back is the page: close everywhere, text exactly dark.
  cv::Mat diff;
  cv::absdiff(back[0].pixels, page, diff);
  CHECK(cv::mean(diff)[0] < 8);
}

namespace {

// A grey page of paper (245) with scan grain (sigma 5 grey levels, pixel to
// pixel, as the noisy scans keep after cleaning) and two lines of text.
cv::Mat grainy_page() {
  cv::Mat page(1754, 1240, CV_8UC1, cv::Scalar(245));
  cv::Mat grain(page.size(), CV_16SC1);
  cv::theRNG().state = 11;
  cv::randn(grain, 0, 5);
  cv::Mat noisy;
  page.convertTo(noisy, CV_16SC1);
  noisy += grain;
  noisy.convertTo(page, CV_8UC1);
  cv::putText(page, "CONG HOA XA HOI", {120, 200}, cv::FONT_HERSHEY_SIMPLEX, 2.0, 30, 4);
  cv::putText(page, "Ho va ten: Nguyen Van An", {120, 320}, cv::FONT_HERSHEY_SIMPLEX, 1.6, 30, 3);
  return page;
}

// Width x height of the JPEG images of an mrc PDF at the page's 300 dpi: its
// detail patches (the background is at 200 dpi, the masks are G4).
std::vector<cv::Size> detail_patches(const std::filesystem::path& pdf) {
  std::istringstream list(run_capture("pdfimages -list " + test::shell_quoted(pdf)));
  std::vector<cv::Size> out;
  std::string line;
  while (std::getline(list, line)) {
    std::istringstream row(line);
    std::string page, num, type, width, height, colour, comp, bpc, enc, interp, object, gen, xppi;
    row >> page >> num >> type >> width >> height >> colour >> comp >> bpc >> enc >> interp >>
        object >> gen >> xppi;
    if ((enc == "jpeg" || enc == "jpx") && !xppi.empty() && std::isdigit(xppi[0]) &&
        std::stoi(xppi) >= 290) {
      out.emplace_back(std::stoi(width), std::stoi(height));
    }
  }
  return out;
}

} // namespace

TEST_CASE("mrc detail patches skip scan grain and keep a fine printed pattern") {
  ScratchDir dir("pdf-mrc-grain");
  const cv::Mat flat = grainy_page();
  // The same page with a guilloche-like pattern: wavy lines 6 px apart, 40 grey
  // levels deep, which a 200 dpi background blurs away.
  cv::Mat pattern = flat.clone();
  const cv::Rect area(300, 800, 600, 400);
  for (int y = area.y; y < area.br().y; ++y) {
    for (int x = area.x; x < area.br().x; ++x) {
      const double phase =
          2 * std::numbers::pi * (x + 8 * std::sin(2 * std::numbers::pi * y / 50)) / 6;
      const int v = pattern.at<unsigned char>(y, x) - 25 + static_cast<int>(25 * std::sin(phase));
      pattern.at<unsigned char>(y, x) = cv::saturate_cast<unsigned char>(v);
    }
  }
  const auto flat_pdf = dir / "flat.pdf";
  const auto pattern_pdf = dir / "pattern.pdf";
  pdf::write_pdfa({{flat, ColourKind::grey, 300, nullptr}}, metadata(),
                  with_mode(pdf::ImageMode::mrc), flat_pdf);
  pdf::write_pdfa({{pattern, ColourKind::grey, 300, nullptr}}, metadata(),
                  with_mode(pdf::ImageMode::mrc), pattern_pdf);

  const std::vector<cv::Size> on_flat = detail_patches(flat_pdf);
  CAPTURE(on_flat.size());
  CHECK(on_flat.empty());
  const std::vector<cv::Size> on_pattern = detail_patches(pattern_pdf);
  REQUIRE(on_pattern.size() == 1);
  // The pattern's tiles (64 px, not aligned with it) and the tile around them
  // that joins neighbours: the pattern, not the page.
  CHECK(on_pattern[0].width >= area.width);
  CHECK(on_pattern[0].height >= area.height);
  CHECK(on_pattern[0].width <= area.width + 4 * 64);
  CHECK(on_pattern[0].height <= area.height + 4 * 64);
}
