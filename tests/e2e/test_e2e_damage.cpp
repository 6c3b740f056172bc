// `sohoa run` on inputs damaged by the test itself from generated scans: a JPEG cut
// short with an end marker, a TIFF strip overwritten with garbage, a PNG cut short,
// and scanned PDFs whose page also shows text. Each must be flagged (needs_review,
// naming the page and the reason) or failed, never come out `ok` in silence.
#include "e2e_support.hpp"
#include <podofo/podofo.h>
#include <tiffio.h>
#include <algorithm>
#include <fstream>
#include <random>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path first_file(const fs::path& dir, const std::vector<std::string>& extensions) {
  std::vector<fs::path> found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string extension = e.path().extension().string();
    if (e.is_regular_file() &&
        std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
      found.push_back(e.path());
    }
  }
  REQUIRE_MESSAGE(!found.empty(), "no " << extensions.front() << " file generated in " << dir);
  std::sort(found.begin(), found.end());
  return found.front();
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The JPEG cut at 55 % of its length, with an end-of-image marker put back: a
// header check sees a whole file, libjpeg paints the missing part grey.
void copy_jpeg_cut_short(const fs::path& from, const fs::path& to) {
  std::string bytes = read_bytes(from);
  bytes.resize(bytes.size() * 55 / 100);
  bytes += "\xFF\xD9";
  write_bytes(to, bytes);
}

// The PNG cut inside its image data, an IEND chunk appended.
void copy_png_cut_short(const fs::path& from, const fs::path& to) {
  std::string bytes = read_bytes(from);
  bytes.resize(bytes.size() * 60 / 100);
  bytes += std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  write_bytes(to, bytes);
}

// The second half of the data of the last page's first strip replaced by random
// bytes (sizes and offsets stay right). Returns the number of that page.
int copy_tiff_with_garbage_strip(const fs::path& from, const fs::path& to) {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  int pages = 0;
  {
    TIFF* tif = TIFFOpen(from.c_str(), "r");
    REQUIRE(tif != nullptr);
    pages = TIFFNumberOfDirectories(tif);
    REQUIRE(TIFFSetDirectory(tif, static_cast<tdir_t>(pages - 1)) == 1);
    std::uint64_t* offsets = nullptr;
    std::uint64_t* counts = nullptr;
    REQUIRE(TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offsets) == 1);
    REQUIRE(TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &counts) == 1);
    offset = offsets[0];
    length = counts[0];
    TIFFClose(tif);
  }
  std::string bytes = read_bytes(from);
  REQUIRE(offset + length <= bytes.size());
  std::mt19937 random(8);
  for (std::uint64_t i = offset + length / 2; i < offset + length; ++i) {
    bytes[i] = static_cast<char>(random() & 0xFF);
  }
  write_bytes(to, bytes);
  return pages;
}

// The scanned PDF with a line of text drawn on its first page in `mode`.
void copy_pdf_with_text(const fs::path& from, const fs::path& to,
                        PoDoFo::EPdfTextRenderingMode mode) {
  PoDoFo::PdfError::EnableDebug(false); // PoDoFo prints the trailer it writes otherwise
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument doc;
  doc.Load(from.c_str());
  PoDoFo::PdfPainter painter;
  painter.SetPage(doc.GetPage(0));
  painter.SetFont(doc.CreateFont("Helvetica"));
  painter.SetTextRenderingMode(mode);
  painter.DrawText(72, 72, PoDoFo::PdfString("Ghi chu: da nhan ban goc"));
  painter.FinishPage();
  fs::create_directories(to.parent_path());
  doc.Write(to.c_str());
}

const json* find_document(const json& report, const std::string& dossier) {
  for (const auto& doc : report["documents"]) {
    if (doc["dossier_id"] == dossier) {
      return &doc;
    }
  }
  return nullptr;
}

// The issues of a document's record with this code.
std::vector<std::string> issue_messages(const fs::path& record_file, const std::string& code) {
  std::vector<std::string> out;
  const json record = read_json(record_file);
  for (const auto& issue : record["issues"]) {
    if (issue["code"] == code) {
      out.push_back(issue["message"].get<std::string>());
    }
  }
  return out;
}

} // namespace

TEST_CASE("damaged pages and scanned PDFs showing text are flagged, never ok in silence") {
  ScratchDir dir("e2e-damage");
  const auto set = generate(dir / "gen", 21, 4, "clean", "jpeg,png,tiff-g4,pdf");
  const fs::path in = dir / "in";
  const fs::path jpeg = first_file(set.input, {".jpg", ".jpeg"});
  const fs::path png = first_file(set.input, {".png"});
  const fs::path tiff = first_file(set.input, {".tif", ".tiff"});
  const fs::path pdf = first_file(set.input, {".pdf"});
  // One dossier per case, one document each: the document id is the file's stem.
  fs::create_directories(in / "jpeg-whole");
  fs::copy_file(jpeg, in / "jpeg-whole" / "scan.jpg");
  copy_jpeg_cut_short(jpeg, in / "jpeg-cut" / "scan.jpg");
  copy_png_cut_short(png, in / "png-cut" / "scan.png");
  const int garbage_page = copy_tiff_with_garbage_strip(tiff, in / "tiff-garbage" / "scan.tif");
  copy_pdf_with_text(pdf, in / "pdf-visible" / "scan.pdf", PoDoFo::ePdfTextRenderingMode_Fill);
  copy_pdf_with_text(pdf, in / "pdf-invisible" / "scan.pdf",
                     PoDoFo::ePdfTextRenderingMode_Invisible);

  const fs::path out = dir / "out";
  const auto r = run_sohoa({"run", in.string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  CHECK(r.exit_code == 1); // the cut PNG fails its document
  CHECK(r.signal == 0);
  const auto report = read_json(out / "batch-report.json");

  {
    INFO("a whole JPEG is not flagged (the control)");
    const json* doc = find_document(report, "jpeg-whole");
    REQUIRE(doc != nullptr);
    CHECK((*doc)["status"] != "failed");
    CHECK(issue_messages(out / "jpeg-whole" / "scan.json", "damaged_page").empty());
  }
  {
    INFO("a JPEG cut short with its end marker is needs_review, the page named");
    const json* doc = find_document(report, "jpeg-cut");
    REQUIRE(doc != nullptr);
    CHECK((*doc)["status"] == "needs_review");
    const auto messages = issue_messages(out / "jpeg-cut" / "scan.json", "damaged_page");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("page 1") != std::string::npos);
    CHECK(messages[0].find("scan.jpg") != std::string::npos);
    CHECK(messages[0].find("libjpeg") != std::string::npos);
    CHECK(read_json(out / "jpeg-cut" / "manifest.json")["documents"][0]["status"] ==
          "needs_review");
  }
  {
    INFO("a TIFF page with a garbage strip is needs_review, that page named");
    const json* doc = find_document(report, "tiff-garbage");
    REQUIRE(doc != nullptr);
    CHECK((*doc)["status"] == "needs_review");
    const auto messages = issue_messages(out / "tiff-garbage" / "scan.json", "damaged_page");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("scan.tif, page " + std::to_string(garbage_page)) != std::string::npos);
  }
  {
    INFO("a PNG cut short fails with the file named");
    const json* doc = find_document(report, "png-cut");
    REQUIRE(doc != nullptr);
    CHECK((*doc)["status"] == "failed");
    REQUIRE((*doc)["errors"].size() > 0);
    CHECK((*doc)["errors"][0]["file"] == "scan.png");
  }
  {
    INFO("a scanned PDF whose page shows text is needs_review, the text's loss said");
    const json* doc = find_document(report, "pdf-visible");
    REQUIRE(doc != nullptr);
    CHECK((*doc)["status"] == "needs_review");
    const auto messages =
        issue_messages(out / "pdf-visible" / "scan.json", "visible_text_not_kept");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("page 1: scan.pdf, page 1") != std::string::npos);
  }
  {
    INFO("invisible text (an OCR layer) over a scan is not flagged");
    const json* doc = find_document(report, "pdf-invisible");
    REQUIRE(doc != nullptr);
    CHECK((*doc)["status"] != "failed");
    CHECK(issue_messages(out / "pdf-invisible" / "scan.json", "visible_text_not_kept").empty());
  }
  {
    INFO("reprocess keeps what decoding found: the issues and needs_review stay");
    const auto again = run_sohoa({"reprocess", out.string()});
    INFO(again.err);
    CHECK(again.signal == 0);
    CHECK(issue_messages(out / "jpeg-cut" / "scan.json", "damaged_page").size() == 1);
    CHECK(issue_messages(out / "pdf-visible" / "scan.json", "visible_text_not_kept").size() == 1);
    CHECK(read_json(out / "jpeg-cut" / "manifest.json")["documents"][0]["status"] ==
          "needs_review");
    CHECK(read_json(out / "tiff-garbage" / "manifest.json")["documents"][0]["status"] ==
          "needs_review");
  }
}
