// `sohoa run` on multi-page G4 TIFFs written by the test: pages are decoded one at a
// time as workers take them and kept encoded, so the peak memory of the run does not
// grow with the page count of one file. A correctness test: it checks the outcome and
// a generous peak-RSS bound (getrusage of the children), not a speed.
// Only this file's runs count in RUSAGE_CHILDREN: it starts no other child.
#include "e2e_support.hpp"
#include <sys/resource.h>
#include <tiffio.h>
#include <memory>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Far below what the whole file decoded (gigabytes), above one worker's page plus
// Tesseract's models (about 150 MB each).
constexpr long k_peak_rss_bound_kb = 450 * 1024;

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

void set_bitonal_tags(TIFF* tif, std::uint32_t width, std::uint32_t height, float dpi) {
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, height);
  TIFFSetField(tif, TIFFTAG_XRESOLUTION, dpi);
  TIFFSetField(tif, TIFFTAG_YRESOLUTION, dpi);
  TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
}

// A G4 TIFF of `pages` white pages of width x height. The page is encoded once and
// its strip written raw for every page, so even thousands of huge pages take seconds.
void write_white_g4(const fs::path& file, int pages, std::uint32_t width, std::uint32_t height,
                    float dpi) {
  const fs::path one = file.string() + ".one.tif";
  {
    TiffPtr tif(TIFFOpen(one.c_str(), "w"));
    REQUIRE(tif);
    set_bitonal_tags(tif.get(), width, height, dpi);
    const tmsize_t bytes = static_cast<tmsize_t>((width + 7) / 8) * height;
    std::vector<std::uint8_t> white(static_cast<std::size_t>(bytes), 0); // 0 = white
    REQUIRE(TIFFWriteEncodedStrip(tif.get(), 0, white.data(), bytes) == bytes);
  }
  std::vector<std::uint8_t> strip;
  {
    TiffPtr tif(TIFFOpen(one.c_str(), "r"));
    REQUIRE(tif);
    std::uint64_t* counts = nullptr;
    REQUIRE(TIFFGetField(tif.get(), TIFFTAG_STRIPBYTECOUNTS, &counts) == 1);
    strip.resize(static_cast<std::size_t>(counts[0]));
    REQUIRE(TIFFReadRawStrip(tif.get(), 0, strip.data(), static_cast<tmsize_t>(strip.size())) ==
            static_cast<tmsize_t>(strip.size()));
  }
  fs::remove(one);
  TiffPtr tif(TIFFOpen(file.c_str(), "w"));
  REQUIRE(tif);
  for (int page = 0; page < pages; ++page) {
    set_bitonal_tags(tif.get(), width, height, dpi);
    REQUIRE(TIFFWriteRawStrip(tif.get(), 0, strip.data(), static_cast<tmsize_t>(strip.size())) ==
            static_cast<tmsize_t>(strip.size()));
    REQUIRE(TIFFWriteDirectory(tif.get()) == 1);
  }
}

long children_peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss;
}

} // namespace

TEST_CASE("a 2001-page G4 TIFF of 14000x14000 pages is refused up front, memory flat") {
  ScratchDir dir("e2e-stream-huge");
  const fs::path in = dir / "in" / "huge";
  fs::create_directories(in);
  write_white_g4(in / "archive.tif", 2001, 14000, 14000, 1200);
  CHECK(fs::file_size(in / "archive.tif") < 20'000'000);

  const fs::path out = dir / "out";
  const auto r = run_sohoa({"run", (dir / "in").string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const auto report = read_json(out / "batch-report.json");
  REQUIRE(report["documents"].size() == 1);
  const auto& doc = report["documents"][0];
  CHECK(doc["status"] == "failed");
  REQUIRE(doc["errors"].size() == 1);
  CHECK(doc["errors"][0]["code"] == "too_many_pages");
  CHECK(doc["errors"][0]["file"] == "archive.tif");
  CHECK(doc["errors"][0]["message"].get<std::string>().find("2000") != std::string::npos);
  CHECK(r.err.find("archive.tif") != std::string::npos);
  CHECK(children_peak_rss_kb() < k_peak_rss_bound_kb);
}

TEST_CASE("an 80-page A4 G4 TIFF is processed page by page within a bounded memory") {
  ScratchDir dir("e2e-stream-long");
  const fs::path in = dir / "in" / "long";
  fs::create_directories(in);
  constexpr int k_pages = 80;
  // 80 pages decoded at once would be 80 x 8.7 MB of pixels, plus as much again
  // for the cleaned images kept until the PDF is written.
  write_white_g4(in / "register.tif", k_pages, 2480, 3508, 300);

  const fs::path out = dir / "out";
  const auto r = run_sohoa({"run", (dir / "in").string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto report = read_json(out / "batch-report.json");
  REQUIRE(report["documents"].size() == 1);
  CHECK(report["documents"][0]["status"] != "failed");
  const auto record = read_json(out / "long" / "register.json");
  REQUIRE(record["pages"].size() == k_pages);
  CHECK(record["pages"][k_pages - 1]["source_page"] == k_pages);
  CHECK(record["pages"][k_pages - 1]["width"] == 2480);
  CHECK(fs::file_size(out / "long" / "register.pdf") > 0);
  const long peak = children_peak_rss_kb();
  MESSAGE("peak RSS of the run: " << peak / 1024 << " MB for " << k_pages << " pages");
  CHECK(peak < k_peak_rss_bound_kb);
}
