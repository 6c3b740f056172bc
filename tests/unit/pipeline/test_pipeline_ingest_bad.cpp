// The bad-input corpus: every broken file is a sohoa::Error with a stable code naming
// the file, never a crash, never output on stderr.
#include "sohoa/core/error.hpp"
#include "test_pipeline_ingest_util.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "support/scratch.hpp"
#include <chrono>
#include <doctest/doctest.h>
#include <tiffio.h>

using namespace sohoa;
using namespace sohoa::test;
using sohoa::pipeline::load_pages;

namespace {

// Runs load_pages and returns the error it throws (fails the test if none).
Error error_of(const std::filesystem::path& file, const pipeline::IngestLimits& limits = {}) {
  try {
    load_pages(file, 300, limits);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << file);
  return Error(Stage::ingest, "internal_error", "");
}

std::vector<std::uint8_t> sample_png() {
  cv::Mat m(60, 80, CV_8UC3);
  cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(255)); // noise: compresses badly
  return encode(m, ".png");
}

std::vector<std::uint8_t> png_of_size(std::uint32_t w, std::uint32_t h) {
  std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  for (std::uint32_t v : {w, h}) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      ihdr.push_back(static_cast<std::uint8_t>(v >> shift));
    }
  }
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0}); // 8-bit grey
  for (const auto& chunk : {png_chunk("IHDR", ihdr), png_chunk("IDAT", {0x78, 0x9C, 0x03, 0x00}),
                            png_chunk("IEND", {})}) {
    png.insert(png.end(), chunk.begin(), chunk.end());
  }
  return png;
}

// A little-endian 8-bit grey TIFF by hand: one strip at `strip_offset` of
// `strip_bytes`, the file padded with 0x80 (or cut) to `file_size` bytes.
std::vector<std::uint8_t> minimal_tiff(std::uint32_t w, std::uint32_t h, std::uint32_t strip_offset,
                                       std::uint32_t strip_bytes, std::size_t file_size) {
  std::vector<std::uint8_t> t{'I', 'I', 42, 0, 8, 0, 0, 0};
  auto u16 = [&t](std::uint32_t v) {
    t.push_back(static_cast<std::uint8_t>(v));
    t.push_back(static_cast<std::uint8_t>(v >> 8));
  };
  auto u32 = [&](std::uint32_t v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  };
  const std::uint32_t entries[][3] = {
      {TIFFTAG_IMAGEWIDTH, 4, w},
      {TIFFTAG_IMAGELENGTH, 4, h},
      {TIFFTAG_BITSPERSAMPLE, 3, 8},
      {TIFFTAG_COMPRESSION, 3, 1},
      {TIFFTAG_PHOTOMETRIC, 3, 1},
      {TIFFTAG_STRIPOFFSETS, 4, strip_offset},
      {TIFFTAG_SAMPLESPERPIXEL, 3, 1},
      {TIFFTAG_ROWSPERSTRIP, 4, h},
      {TIFFTAG_STRIPBYTECOUNTS, 4, strip_bytes},
  };
  u16(static_cast<std::uint32_t>(std::size(entries)));
  for (const auto& e : entries) {
    u16(e[0]);
    u16(e[1]);
    u32(1);
    if (e[1] == 3) {
      u16(e[2]);
      u16(0);
    } else {
      u32(e[2]);
    }
  }
  u32(0);
  t.resize(file_size, 0x80);
  return t;
}

} // namespace

TEST_CASE("zero-byte file -> empty_file") {
  ScratchDir dir("bad");
  write_bytes(dir / "empty.png", {});
  const Error e = error_of(dir / "empty.png");
  CHECK(e.code() == "empty_file");
  CHECK(e.file() == "empty.png");
  CHECK(e.stage() == Stage::ingest);
}

TEST_CASE("truncated PNG -> truncated_file") {
  ScratchDir dir("bad");
  std::vector<std::uint8_t> png = sample_png();
  png.resize(png.size() / 2);
  write_bytes(dir / "half.png", png);
  const Error e = error_of(dir / "half.png");
  CHECK(e.code() == "truncated_file");
  CHECK(e.file() == "half.png");
  // Cut inside the signature: still the PNG's own problem, not "looks like something else".
  write_bytes(dir / "tiny.png", {0x89, 'P', 'N'});
  CHECK(error_of(dir / "tiny.png").code() == "truncated_file");
}

TEST_CASE("truncated JPEG -> truncated_file (libjpeg would pad it with grey)") {
  ScratchDir dir("bad");
  cv::Mat m(64, 64, CV_8UC3);
  cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(255));
  std::vector<std::uint8_t> jpg = encode(m, ".jpg");
  jpg.resize(jpg.size() * 2 / 3);
  write_bytes(dir / "cut.jpg", jpg);
  const Error e = error_of(dir / "cut.jpg");
  CHECK(e.code() == "truncated_file");
  CHECK(e.file() == "cut.jpg");
}

TEST_CASE("truncated TIFF -> truncated_file") {
  ScratchDir dir("bad");
  TiffPage p;
  p.pixels = cv::Mat(64, 64, CV_8UC1);
  cv::randu(p.pixels, cv::Scalar::all(0), cv::Scalar::all(255));
  write_tiff(dir / "full.tif", {p});
  std::vector<std::uint8_t> bytes = read_bytes(dir / "full.tif");

  // libtiff writes the directory after the data: cutting the file loses it.
  std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(bytes.size() / 2));
  write_bytes(dir / "cut.tif", cut);
  const Error e = error_of(dir / "cut.tif");
  CHECK(e.code() == "truncated_file");
  CHECK(e.file() == "cut.tif");

  // Directory intact, image data cut: a hand-made TIFF whose one strip of 256 bytes
  // starts at 200 but the file ends at 300.
  write_bytes(dir / "short.tif", minimal_tiff(16, 16, 200, 256, 300));
  const Error e2 = error_of(dir / "short.tif");
  CHECK(e2.code() == "truncated_file");
  CHECK(e2.file() == "short.tif");
  // The same file complete decodes.
  write_bytes(dir / "whole.tif", minimal_tiff(16, 16, 200, 256, 456));
  CHECK(load_pages(dir / "whole.tif", 300).at(0).pixels.size() == cv::Size(16, 16));

  // Two pages, the second page's directory cut off.
  write_tiff(dir / "two.tif", {p, p});
  std::vector<std::uint8_t> two = read_bytes(dir / "two.tif");
  const std::uint32_t ifd1 =
      two[4] | (two[5] << 8) | (two[6] << 16) | (static_cast<std::uint32_t>(two[7]) << 24);
  const std::size_t entries1 = two[ifd1] | (two[ifd1 + 1] << 8);
  const std::size_t at = ifd1 + 2 + entries1 * 12;
  const std::uint32_t ifd2 = two[at] | (two[at + 1] << 8) | (two[at + 2] << 16) |
                             (static_cast<std::uint32_t>(two[at + 3]) << 24);
  REQUIRE(ifd2 > ifd1);
  two.resize(ifd2 + 20); // inside the second directory
  write_bytes(dir / "two-cut.tif", two);
  const Error e3 = error_of(dir / "two-cut.tif");
  CHECK(e3.code() == "truncated_file");
}

TEST_CASE("text file named .tif -> corrupt_image saying what it looks like") {
  ScratchDir dir("bad");
  write_text(dir / "notes.tif", "Biên bản họp ngày 12/3\nnot an image\n");
  const Error e = error_of(dir / "notes.tif");
  CHECK(e.code() == "corrupt_image");
  CHECK(e.file() == "notes.tif");
  CHECK(std::string(e.what()).find("text file") != std::string::npos);
  CHECK(std::string(e.what()).find("TIFF") != std::string::npos);
}

TEST_CASE("PNG named .jpg -> corrupt_image naming PNG") {
  ScratchDir dir("bad");
  write_bytes(dir / "photo.jpg", sample_png());
  const Error e = error_of(dir / "photo.jpg");
  CHECK(e.code() == "corrupt_image");
  CHECK(std::string(e.what()).find("PNG") != std::string::npos);
}

TEST_CASE("corrupt TIFF: valid header, garbage IFD -> corrupt_image") {
  ScratchDir dir("bad");
  // Header pointing at offset 8, where 64 bytes of junk follow.
  std::vector<std::uint8_t> bytes{'I', 'I', 42, 0, 8, 0, 0, 0};
  for (int i = 0; i < 64; ++i) {
    bytes.push_back(static_cast<std::uint8_t>(0xA5 ^ (i * 37)));
  }
  write_bytes(dir / "junk.tif", bytes);
  const Error e = error_of(dir / "junk.tif");
  CHECK(e.code() == "corrupt_image");
  CHECK(e.file() == "junk.tif");

  // An odd, in-file offset into nothing valid.
  std::vector<std::uint8_t> odd{'M', 'M', 0, 42, 0, 0, 0, 9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  write_bytes(dir / "odd.tif", odd);
  CHECK(error_of(dir / "odd.tif").code() == "corrupt_image");
}

TEST_CASE("PNG bomb: IHDR of 100000x100000 is refused before decoding, quickly") {
  ScratchDir dir("bad");
  write_bytes(dir / "bomb.png", png_of_size(100000, 100000));
  const auto start = std::chrono::steady_clock::now();
  const Error e = error_of(dir / "bomb.png");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(e.code() == "too_many_pixels");
  CHECK(e.file() == "bomb.png");
  CHECK(elapsed < std::chrono::seconds(1));
}

TEST_CASE("JPEG bomb: SOF of 65000x65000 -> too_many_pixels") {
  ScratchDir dir("bad");
  std::vector<std::uint8_t> jpg = encode(cv::Mat(8, 8, CV_8UC1, cv::Scalar(128)), ".jpg");
  bool patched = false;
  for (std::size_t i = 2; i + 8 < jpg.size(); ++i) {
    if (jpg[i] == 0xFF && jpg[i + 1] == 0xC0) { // baseline SOF: FF C0 len(2) P H(2) W(2)
      jpg[i + 5] = 0xFD;
      jpg[i + 6] = 0xE8;
      jpg[i + 7] = 0xFD;
      jpg[i + 8] = 0xE8;
      patched = true;
      break;
    }
  }
  REQUIRE(patched);
  write_bytes(dir / "bomb.jpg", jpg);
  CHECK(error_of(dir / "bomb.jpg").code() == "too_many_pixels");
}

TEST_CASE("TIFF bomb: tags claim 100000x100000 -> too_many_pixels") {
  ScratchDir dir("bad");
  write_bytes(dir / "bomb.tif", minimal_tiff(100000, 100000, 200, 1000, 1200));
  const auto start = std::chrono::steady_clock::now();
  const Error e = error_of(dir / "bomb.tif");
  CHECK(e.code() == "too_many_pixels");
  CHECK(e.file() == "bomb.tif");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("pixel limit applies to ordinary files too") {
  ScratchDir dir("bad");
  write_bytes(dir / "p.png", sample_png()); // 80x60 = 4800 pixels
  pipeline::IngestLimits limits;
  limits.max_pixels_per_page = 4000;
  CHECK(error_of(dir / "p.png", limits).code() == "too_many_pixels");
  limits.max_pixels_per_page = 4800;
  CHECK(load_pages(dir / "p.png", 300, limits).size() == 1);
}

TEST_CASE("unsupported extension, missing file, folder -> errors naming the file") {
  ScratchDir dir("bad");
  write_text(dir / "letter.docx", "PK\x03\x04 not really");
  const Error e = error_of(dir / "letter.docx");
  CHECK(e.code() == "unsupported_format");
  CHECK(e.file() == "letter.docx");
  CHECK(std::string(e.what()).find(".docx") != std::string::npos);

  write_text(dir / "README", "hello");
  CHECK(error_of(dir / "README").code() == "unsupported_format");

  const Error missing = error_of(dir / "gone.png");
  CHECK(missing.code() == "unreadable_file");
  CHECK(missing.file() == "gone.png");

  std::filesystem::create_directory(dir / "folder.tif");
  CHECK(error_of(dir / "folder.tif").code() == "unreadable_file");
}

TEST_CASE("corrupt PNG data and too-large files") {
  ScratchDir dir("bad");
  std::vector<std::uint8_t> png = sample_png();
  // Scramble the compressed data inside IDAT but keep the chunk structure.
  for (std::size_t i = 60; i < png.size() - 20; i += 7) {
    png[i] ^= 0x5A;
  }
  write_bytes(dir / "scrambled.png", png);
  const Error e = error_of(dir / "scrambled.png");
  CHECK(e.code() == "corrupt_image");

  pipeline::IngestLimits limits;
  limits.max_file_bytes = 100;
  CHECK(error_of(dir / "scrambled.png", limits).code() == "file_too_large");
}

TEST_CASE("a non-positive default dpi is a configuration error") {
  ScratchDir dir("bad");
  write_bytes(dir / "p.png", sample_png());
  CHECK_THROWS_AS(load_pages(dir / "p.png", 0), Error);
}
