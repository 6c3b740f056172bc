// load_pages on TIFF, PNG and JPEG inputs written by the test itself.
#include "sohoa/core/error.hpp"
#include "test_pipeline_ingest_util.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "support/scratch.hpp"
#include <cstdio>
#include <doctest/doctest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <tiffio.h>

using namespace sohoa;
using namespace sohoa::test;
using sohoa::pipeline::load_pages;

namespace {

// A page with a recognizable pattern: black frame and a black square top-left.
cv::Mat bitonal_pattern(int w, int h) {
  cv::Mat m(h, w, CV_8UC1, cv::Scalar(255));
  cv::rectangle(m, cv::Rect(2, 2, 10, 6), cv::Scalar(0), cv::FILLED);
  return m;
}

cv::Mat grey_ramp(int w, int h) {
  cv::Mat m(h, w, CV_8UC1);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      m.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>((x * 7 + y * 3) % 256);
    }
  }
  return m;
}

cv::Mat colour_blocks(int w, int h) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::rectangle(m, cv::Rect(0, 0, w / 2, h / 2), cv::Scalar(0, 0, 255), cv::FILLED); // red
  cv::rectangle(m, cv::Rect(w / 2, h / 2, w - w / 2, h - h / 2), cv::Scalar(255, 0, 0),
                cv::FILLED); // blue
  return m;
}

bool only_0_255(const cv::Mat& m) {
  for (int y = 0; y < m.rows; ++y) {
    for (int x = 0; x < m.cols; ++x) {
      const auto v = m.at<std::uint8_t>(y, x);
      if (v != 0 && v != 255) {
        return false;
      }
    }
  }
  return true;
}

} // namespace

TEST_CASE("TIFF: G4 bitonal multi-page, min-is-white, 300 dpi") {
  ScratchDir dir("ingest");
  std::vector<TiffPage> pages;
  for (int i = 0; i < 3; ++i) {
    TiffPage p;
    p.pixels = bitonal_pattern(40 + i * 8, 30);
    p.bits = 1;
    p.photometric = PHOTOMETRIC_MINISWHITE;
    p.compression = COMPRESSION_CCITTFAX4;
    p.x_res = 300.0f;
    pages.push_back(p);
  }
  write_tiff(dir / "scan.tif", pages);
  const auto out = load_pages(dir / "scan.tif", 200);
  REQUIRE(out.size() == 3);
  for (int i = 0; i < 3; ++i) {
    const RasterPage& page = out[static_cast<std::size_t>(i)];
    CHECK(page.kind == ColourKind::bitonal);
    CHECK(page.pixels.type() == CV_8UC1);
    CHECK(page.pixels.cols == 40 + i * 8);
    CHECK(page.pixels.rows == 30);
    CHECK(only_0_255(page.pixels));
    CHECK(page.pixels.at<std::uint8_t>(3, 3) == 0);     // the black square
    CHECK(page.pixels.at<std::uint8_t>(20, 30) == 255); // paper
    CHECK(page.dpi == doctest::Approx(300));
    CHECK(page.dpi_from_file);
    CHECK(page.source == "scan.tif");
    CHECK(page.source_page == i + 1);
  }
}

TEST_CASE("TIFF: 1-bit min-is-black, PackBits, no resolution -> default dpi") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = bitonal_pattern(33, 17); // width not a multiple of 8
  p.bits = 1;
  p.photometric = PHOTOMETRIC_MINISBLACK;
  p.compression = COMPRESSION_PACKBITS;
  write_tiff(dir / "a.tiff", {p});
  const auto out = load_pages(dir / "a.tiff", 250);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == ColourKind::bitonal);
  CHECK(cv::countNonZero(out[0].pixels != p.pixels) == 0);
  CHECK(out[0].dpi == 250);
  CHECK_FALSE(out[0].dpi_from_file);
}

TEST_CASE("TIFF: LZW 8-bit grey with resolution in centimetres") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = grey_ramp(64, 48);
  p.compression = COMPRESSION_LZW;
  p.x_res = 118.11f;
  p.unit = RESUNIT_CENTIMETER;
  write_tiff(dir / "g.tif", {p});
  const auto out = load_pages(dir / "g.tif", 200);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == ColourKind::grey);
  CHECK(out[0].pixels.type() == CV_8UC1);
  CHECK(cv::countNonZero(out[0].pixels != p.pixels) == 0);
  CHECK(out[0].dpi == doctest::Approx(300).epsilon(0.001));
  CHECK(out[0].dpi_from_file);
}

TEST_CASE("TIFF: 8-bit min-is-white grey is inverted to min-is-black") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = grey_ramp(20, 10);
  p.photometric = PHOTOMETRIC_MINISWHITE;
  write_tiff(dir / "w.tif", {p});
  const auto out = load_pages(dir / "w.tif", 200);
  cv::Mat expected = 255 - p.pixels;
  CHECK(cv::countNonZero(out.at(0).pixels != expected) == 0);
}

TEST_CASE("TIFF: Deflate RGB keeps exact colours, in BGR") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = colour_blocks(50, 40);
  p.photometric = PHOTOMETRIC_RGB;
  p.compression = COMPRESSION_ADOBE_DEFLATE;
  p.x_res = 400.0f;
  write_tiff(dir / "c.tif", {p});
  const auto out = load_pages(dir / "c.tif", 200);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == ColourKind::colour);
  CHECK(out[0].pixels.type() == CV_8UC3);
  CHECK(out[0].pixels.at<cv::Vec3b>(5, 5) == cv::Vec3b(0, 0, 255));
  CHECK(out[0].pixels.at<cv::Vec3b>(35, 45) == cv::Vec3b(255, 0, 0));
  CHECK(out[0].dpi == 400);
}

TEST_CASE("TIFF: JPEG-compressed YCbCr RGB") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = colour_blocks(64, 48);
  p.photometric = PHOTOMETRIC_YCBCR;
  p.compression = COMPRESSION_JPEG;
  p.x_res = 300.0f;
  write_tiff(dir / "j.tif", {p});
  const auto out = load_pages(dir / "j.tif", 200);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == ColourKind::colour);
  CHECK(out[0].pixels.size() == cv::Size(64, 48));
  const cv::Vec3b red = out[0].pixels.at<cv::Vec3b>(8, 8);
  CHECK(red[2] > 200);
  CHECK(red[0] < 60);
  const cv::Vec3b blue = out[0].pixels.at<cv::Vec3b>(40, 56);
  CHECK(blue[0] > 200);
  CHECK(blue[2] < 60);
}

TEST_CASE("TIFF: palette maps through the colour map; a grey-looking palette stays colour") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = cv::Mat(10, 12, CV_8UC1, cv::Scalar(0));
  p.pixels(cv::Rect(6, 0, 6, 10)).setTo(1);
  p.bits = 8;
  p.photometric = PHOTOMETRIC_PALETTE;
  p.palette.assign(256, cv::Vec3b(0, 0, 0));
  p.palette[0] = cv::Vec3b(10, 20, 200);
  p.palette[1] = cv::Vec3b(250, 240, 230);
  write_tiff(dir / "pal.tif", {p});
  const auto out = load_pages(dir / "pal.tif", 200);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == ColourKind::colour);
  CHECK(out[0].pixels.at<cv::Vec3b>(5, 2) == cv::Vec3b(10, 20, 200));
  CHECK(out[0].pixels.at<cv::Vec3b>(5, 9) == cv::Vec3b(250, 240, 230));
}

TEST_CASE("TIFF: 16-bit grey and RGB are scaled to 8 bits") {
  ScratchDir dir("ingest");
  TiffPage grey;
  grey.pixels = cv::Mat(8, 8, CV_16UC1, cv::Scalar(0x8000));
  grey.pixels.at<std::uint16_t>(0, 0) = 0xFFFF;
  grey.bits = 16;
  TiffPage rgb;
  rgb.pixels = cv::Mat(8, 8, CV_16UC3, cv::Scalar(0x1000, 0x4000, 0xFF00)); // BGR
  rgb.bits = 16;
  rgb.photometric = PHOTOMETRIC_RGB;
  rgb.compression = COMPRESSION_LZW;
  write_tiff(dir / "deep.tif", {grey, rgb});
  const auto out = load_pages(dir / "deep.tif", 200);
  REQUIRE(out.size() == 2);
  CHECK(out[0].kind == ColourKind::grey);
  CHECK(out[0].pixels.at<std::uint8_t>(3, 3) == 0x80);
  CHECK(out[0].pixels.at<std::uint8_t>(0, 0) == 0xFF);
  CHECK(out[1].kind == ColourKind::colour);
  CHECK(out[1].pixels.at<cv::Vec3b>(2, 2) == cv::Vec3b(0x10, 0x40, 0xFF));
}

TEST_CASE("TIFF: RGBA drops alpha; tiled grey with partial edge tiles") {
  ScratchDir dir("ingest");
  TiffPage rgba;
  rgba.pixels = cv::Mat(9, 9, CV_8UC4, cv::Scalar(30, 60, 90, 0)); // fully transparent
  rgba.photometric = PHOTOMETRIC_RGB;
  TiffPage tiled;
  tiled.pixels = grey_ramp(50, 37);
  tiled.tiled = true;
  tiled.compression = COMPRESSION_LZW;
  write_tiff(dir / "t.tif", {rgba, tiled});
  const auto out = load_pages(dir / "t.tif", 200);
  REQUIRE(out.size() == 2);
  CHECK(out[0].pixels.type() == CV_8UC3);
  CHECK(out[0].pixels.at<cv::Vec3b>(4, 4) == cv::Vec3b(30, 60, 90));
  CHECK(out[1].kind == ColourKind::grey);
  CHECK(out[1].pixels.size() == cv::Size(50, 37));
  CHECK(cv::countNonZero(out[1].pixels != tiled.pixels) == 0);
}

TEST_CASE("TIFF: tiled bitonal, 4-bit grey and planar RGB (libtiff's general renderer)") {
  ScratchDir dir("ingest");
  TiffPage bits;
  bits.pixels = bitonal_pattern(40, 20);
  bits.bits = 1;
  bits.photometric = PHOTOMETRIC_MINISWHITE;
  bits.tiled = true;
  TiffPage nibble;
  nibble.pixels = cv::Mat(6, 6, CV_8UC1, cv::Scalar(0xA0));
  nibble.bits = 4;
  TiffPage planar;
  planar.pixels = colour_blocks(16, 16);
  planar.photometric = PHOTOMETRIC_RGB;
  planar.planar_separate = true;
  write_tiff(dir / "x.tif", {bits, nibble, planar});
  const auto out = load_pages(dir / "x.tif", 200);
  REQUIRE(out.size() == 3);
  CHECK(out[0].kind == ColourKind::bitonal);
  CHECK(cv::countNonZero(out[0].pixels != bits.pixels) == 0);
  CHECK(out[1].kind == ColourKind::grey);
  CHECK(out[1].pixels.at<std::uint8_t>(2, 2) == 0xAA); // 0xA scaled to 8 bits
  CHECK(out[2].kind == ColourKind::colour);
  CHECK(out[2].pixels.at<cv::Vec3b>(2, 2) == cv::Vec3b(0, 0, 255));
}

TEST_CASE("TIFF: orientation tag and non-square fax pixels") {
  ScratchDir dir("ingest");
  TiffPage turned;
  turned.pixels = grey_ramp(30, 10);
  turned.orientation = ORIENTATION_RIGHTTOP; // shown rotated 90 degrees clockwise
  TiffPage fax;
  fax.pixels = bitonal_pattern(40, 20);
  fax.bits = 1;
  fax.photometric = PHOTOMETRIC_MINISWHITE;
  fax.compression = COMPRESSION_CCITTFAX3;
  fax.x_res = 204.0f;
  fax.y_res = 98.0f;
  write_tiff(dir / "o.tif", {turned, fax});
  const auto out = load_pages(dir / "o.tif", 200);
  REQUIRE(out.size() == 2);
  CHECK(out[0].pixels.size() == cv::Size(10, 30));
  CHECK(out[0].pixels.at<std::uint8_t>(0, 9) == turned.pixels.at<std::uint8_t>(0, 0));
  CHECK(out[1].pixels.cols == 40);
  CHECK(out[1].pixels.rows == 42); // 20 * 204 / 98, rounded
  CHECK(out[1].kind == ColourKind::bitonal);
  CHECK(only_0_255(out[1].pixels));
  CHECK(out[1].dpi == 204);
}

TEST_CASE("TIFF: implausible resolution falls back to the default") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = grey_ramp(20, 20);
  p.x_res = 10.0f;
  TiffPage q = p;
  q.x_res = 72.0f;
  q.unit = RESUNIT_NONE; // an aspect ratio, not a resolution
  write_tiff(dir / "r.tif", {p, q});
  const auto out = load_pages(dir / "r.tif", 300);
  REQUIRE(out.size() == 2);
  for (const auto& page : out) {
    CHECK(page.dpi == 300);
    CHECK_FALSE(page.dpi_from_file);
  }
}

TEST_CASE("TIFF: more pages than the limit -> too_many_pages") {
  ScratchDir dir("ingest");
  TiffPage p;
  p.pixels = grey_ramp(8, 8);
  write_tiff(dir / "many.tif", {p, p, p});
  pipeline::IngestLimits limits;
  limits.max_pages_per_document = 2;
  try {
    load_pages(dir / "many.tif", 200, limits);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == "too_many_pages");
    CHECK(e.file() == "many.tif");
    CHECK(e.stage() == Stage::ingest);
  }
}

TEST_CASE("PNG: grey, colour, pHYs density, default dpi") {
  ScratchDir dir("ingest");
  const cv::Mat grey = grey_ramp(40, 30);
  write_bytes(dir / "g.png", with_phys(encode(grey, ".png"), 11811, 11811, 1));
  const auto g = load_pages(dir / "g.png", 200);
  REQUIRE(g.size() == 1);
  CHECK(g[0].kind == ColourKind::grey);
  CHECK(cv::countNonZero(g[0].pixels != grey) == 0);
  CHECK(g[0].dpi == doctest::Approx(300).epsilon(0.001));
  CHECK(g[0].dpi_from_file);
  CHECK(g[0].source == "g.png");
  CHECK(g[0].source_page == 1);

  const cv::Mat colour = colour_blocks(40, 30);
  write_bytes(dir / "c.png", with_phys(encode(colour, ".png"), 11811, 11811, 0)); // unit 0
  const auto c = load_pages(dir / "c.png", 222);
  CHECK(c.at(0).kind == ColourKind::colour);
  CHECK(c.at(0).pixels.at<cv::Vec3b>(2, 2) == cv::Vec3b(0, 0, 255));
  CHECK(c.at(0).dpi == 222);
  CHECK_FALSE(c.at(0).dpi_from_file);
}

TEST_CASE("PNG: 1-bit is bitonal, 16-bit scaled, alpha composited on white") {
  ScratchDir dir("ingest");
  const cv::Mat bits = bitonal_pattern(30, 20);
  write_bytes(dir / "b.png", encode(bits, ".png", {cv::IMWRITE_PNG_BILEVEL, 1}));
  const auto b = load_pages(dir / "b.png", 200);
  CHECK(b.at(0).kind == ColourKind::bitonal);
  CHECK(cv::countNonZero(b.at(0).pixels != bits) == 0);

  // 8-bit grey holding only 0 and 255 is NOT bitonal: the source was grey.
  write_bytes(dir / "g8.png", encode(bits, ".png"));
  CHECK(load_pages(dir / "g8.png", 200).at(0).kind == ColourKind::grey);

  cv::Mat deep(10, 10, CV_16UC1, cv::Scalar(0x4000));
  write_bytes(dir / "d.png", encode(deep, ".png"));
  const auto d = load_pages(dir / "d.png", 200);
  CHECK(d.at(0).pixels.type() == CV_8UC1);
  CHECK(d.at(0).pixels.at<std::uint8_t>(5, 5) == 0x40);

  cv::Mat rgba(10, 10, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  rgba(cv::Rect(0, 0, 5, 10)).setTo(cv::Scalar(0, 0, 255, 255));
  write_bytes(dir / "a.png", encode(rgba, ".png"));
  const auto a = load_pages(dir / "a.png", 200);
  CHECK(a.at(0).kind == ColourKind::colour);
  CHECK(a.at(0).pixels.at<cv::Vec3b>(5, 2) == cv::Vec3b(0, 0, 255));
  CHECK(a.at(0).pixels.at<cv::Vec3b>(5, 8) == cv::Vec3b(255, 255, 255)); // transparent -> white
}

TEST_CASE("JPEG: grey and colour, JFIF density in dpi and dpcm, Exif density and orientation") {
  ScratchDir dir("ingest");
  const cv::Mat grey = grey_ramp(48, 32);
  write_bytes(dir / "g.jpg", with_jfif_density(encode(grey, ".jpg"), 1, 300, 300));
  const auto g = load_pages(dir / "g.jpg", 200);
  CHECK(g.at(0).kind == ColourKind::grey);
  CHECK(g.at(0).pixels.size() == cv::Size(48, 32));
  CHECK(g.at(0).dpi == 300);
  CHECK(g.at(0).dpi_from_file);

  const cv::Mat colour = colour_blocks(48, 32);
  write_bytes(dir / "c.jpeg", with_jfif_density(encode(colour, ".jpg"), 2, 118, 118));
  const auto c = load_pages(dir / "c.jpeg", 200);
  CHECK(c.at(0).kind == ColourKind::colour);
  CHECK(c.at(0).dpi == doctest::Approx(299.72));

  // JFIF with an aspect ratio only: the Exif resolution and orientation count.
  const auto exif = exif_payload(false, 400, 1, 2, 6);
  write_bytes(dir / "e.jpg", with_app1(with_jfif_density(encode(colour, ".jpg"), 0, 1, 1), exif));
  const auto e = load_pages(dir / "e.jpg", 200);
  CHECK(e.at(0).dpi == 400);
  CHECK(e.at(0).pixels.size() == cv::Size(32, 48)); // turned 90 degrees
  const cv::Vec3b top_right = e.at(0).pixels.at<cv::Vec3b>(2, 29);
  CHECK(top_right[2] > 200); // the red block (top-left in storage) is now top-right

  // No density anywhere: the default.
  write_bytes(dir / "n.jpg", with_jfif_density(encode(colour, ".jpg"), 0, 1, 1));
  const auto n = load_pages(dir / "n.jpg", 240);
  CHECK(n.at(0).dpi == 240);
  CHECK_FALSE(n.at(0).dpi_from_file);
}

TEST_CASE("JPEG: 72 dpi on a photo-sized page is not a scan resolution") {
  ScratchDir dir("ingest");
  const cv::Mat big(4400, 100, CV_8UC1, cv::Scalar(200)); // 61 inches at 72 dpi
  write_bytes(dir / "photo.jpg", with_jfif_density(encode(big, ".jpg"), 1, 72, 72));
  const auto p = load_pages(dir / "photo.jpg", 300);
  CHECK(p.at(0).dpi == 300);
  CHECK_FALSE(p.at(0).dpi_from_file);
}

TEST_CASE("load_pages with a dossier-relative source name") {
  ScratchDir dir("ingest");
  write_bytes(dir / "p.png", encode(grey_ramp(8, 8), ".png"));
  const auto pages = load_pages(dir / "p.png", 200, {}, "scans/p.png");
  CHECK(pages.at(0).source == "scans/p.png");
}

namespace {

// A one-page image-only PDF written by hand: a raw 8-bit grey image of w x h pixels on
// a MediaBox of `points` x `points`.
std::string image_pdf(int w, int h, double points, std::uint8_t value) {
  const std::string pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h),
                           static_cast<char>(value));
  const std::string pts = std::to_string(points);
  const std::string content = "q " + pts + " 0 0 " + pts + " 0 0 cm /Im1 Do Q";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + pts + " " + pts +
          "] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
          std::to_string(h) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " +
          std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
  };
  std::string pdf = "%PDF-1.7\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

} // namespace

TEST_CASE("PDF: image-only page through the PDF reader; source and dpi set by ingest") {
  ScratchDir dir("ingest");
  write_text(dir / "scan.pdf", image_pdf(100, 100, 24, 90)); // 100 px on 1/3 inch: 300 dpi
  const auto pages = load_pages(dir / "scan.pdf", 200, {}, "hs/scan.pdf");
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].source == "hs/scan.pdf");
  CHECK(pages[0].source_page == 1);
  CHECK(pages[0].pixels.size() == cv::Size(100, 100));
  CHECK(pages[0].dpi == doctest::Approx(300));
  CHECK(pages[0].dpi_from_file);

  write_text(dir / "coarse.pdf", image_pdf(10, 10, 720, 90)); // 1 dpi: implausible
  const auto coarse = load_pages(dir / "coarse.pdf", 200);
  CHECK(coarse.at(0).dpi == 200);
  CHECK_FALSE(coarse.at(0).dpi_from_file);

  write_text(dir / "broken.pdf", "%PDF-1.7\nthis is not a PDF body");
  try {
    load_pages(dir / "broken.pdf", 200, {}, "hs/broken.pdf");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.file() == "hs/broken.pdf"); // the reader's error, renamed for the dossier
    CHECK(e.stage() == Stage::ingest);
  }
}
