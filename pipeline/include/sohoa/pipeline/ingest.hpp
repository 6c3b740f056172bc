#pragma once
// Ingest: find the dossiers and documents in INPUT (CONTRACT.md section 1) and
// decode a document's page files into RasterPages. No OpenCV cleanup here.
#include "sohoa/core/page.hpp"
#include "sohoa/core/decode_limits.hpp"
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sohoa::pipeline {

struct DocumentInput {
  std::string id;                           // documents[].id, else file stem
  std::vector<std::filesystem::path> files; // absolute paths, reading order
  std::optional<std::string> doc_type;      // override from dossier.json
};

struct DossierMetadata { // dossier.json keys (all optional)
  std::string dossier_code;
  std::string procedure_code;
  std::string agency_code;
  std::string agency_name;
  std::string officer;
};

struct DossierInput {
  std::string id;               // dossier_code, else folder name (file stem for single files)
  std::filesystem::path folder; // the dossier folder (parent folder for single files)
  DossierMetadata metadata;
  std::vector<DocumentInput> documents;
  // Problems found while listing (bad dossier.json, a listed file missing, an
  // unsupported file): the document is still listed so it fails with this reason.
  // An entry whose document id is EMPTY is about the dossier as a whole (malformed
  // dossier.json, an empty folder, a key of the wrong type): it fails no document by
  // itself; report it with the dossier. An entry naming a document fails that document.
  std::vector<std::pair<std::string, std::string>> document_errors; // (document id, message)
  // Set when the dossier cannot be digitized as its owner described it (dossier.json
  // is not valid JSON): the whole dossier fails, nothing is written for it, and the
  // next run tries again.
  struct Failure {
    std::string code;
    std::string message;
    std::string file;
  };
  std::optional<Failure> failure;
};

// Throws sohoa::Error(Stage::config, ...) when INPUT does not exist or holds nothing usable.
// A batch folder: every sub-folder is a dossier. A dossier folder: files directly.
// Several files: each its own one-document dossier. Hidden files and dossier.json
// are not documents. Duplicate document ids inside a dossier are made unique.
// Decisions (see ingest_discover.cpp):
// - A folder holding at least one non-hidden sub-folder is a batch folder. Files lying
//   directly in a batch folder next to the sub-folders become one-document dossiers of
//   their own (as if named on the command line), so no scan is silently dropped; junk
//   there (hidden files, Thumbs.db, desktop.ini, a stray dossier.json) is ignored.
// - A folder inside a dossier folder is listed as a document that fails with a reason.
// - Reading order is natural name order (p2 before p10), ties broken by byte order.
// - dossier.json documents come first, in their order; files it does not list follow
//   as one document each, in name order, so nothing in the folder is lost.
// - Dossier ids are unique over the whole result (a "-2", "-3" suffix), document ids
//   unique within their dossier; both are sanitized by sanitize_id.
std::vector<DossierInput> discover_inputs(const std::vector<std::filesystem::path>& inputs);

// A name made safe as one path component: '/', '\\', control characters and
// Windows-reserved characters become '_'; a byte that is not valid UTF-8 (a name
// written in an old 8-bit code page) becomes "%XX", its hex value, so the id is
// valid UTF-8, stable from run to run and distinct for distinct bytes. No leading
// dot, not "." or "..", at most 200 bytes (cut on a character boundary).
// Vietnamese letters are kept. Returns an empty string only when `name` is empty or
// all blanks.
std::string sanitize_id(std::string_view name);

// Natural order of file names: digit runs compare as numbers (p2 < p10), the rest
// byte-wise; equal-looking names ("p01", "p1") are ordered by bytes, so it is total.
bool natural_less(std::string_view a, std::string_view b);

using IngestLimits = DecodeLimits;

// The pages of one input file, decoded one at a time: a multi-page file is opened
// once and each page decoded only when asked for, so memory holds one page, not the file.
class PageSource {
public:
  virtual ~PageSource() = default;
  // The next page, nullopt after the last. Throws sohoa::Error as load_pages does.
  virtual std::optional<RasterPage> next() = 0;
};

// Every page left in `source`.
inline std::vector<RasterPage> drain(PageSource& source) {
  std::vector<RasterPage> pages;
  while (auto page = source.next()) {
    pages.push_back(std::move(*page));
  }
  return pages;
}

// Checks the file as load_pages does (throwing the same errors for what can be told
// before decoding: missing, empty, wrong content, too many pages of a TIFF or PDF)
// and returns its pages' source. `source_name` as for load_pages.
std::unique_ptr<PageSource> open_pages(const std::filesystem::path& file, double default_dpi,
                                       const IngestLimits& limits, const std::string& source_name);

// Decodes every page of one file: TIFF (multi-page; G4, LZW, Deflate, JPEG, none;
// 1-bit, grey, RGB, palette; resolution tags), PNG (pHYs), JPEG (JFIF/Exif density),
// image-only PDF. default_dpi is used when the file carries no resolution.
// Throws sohoa::Error(Stage::ingest, code, message, file, page) with codes:
// unsupported_format, empty_file, truncated_file, corrupt_image, too_many_pixels,
// too_many_pages, encrypted_pdf, not_image_only, unsupported_image_filter (the PDF
// codes come from sohoa::pdf::read_pdf_page_images, which may add corrupt_pdf), and
// unreadable_file (missing, a folder, cannot be opened), file_too_large.
// Error::file() and RasterPage::source are the file's name.
std::vector<RasterPage> load_pages(const std::filesystem::path& file, double default_dpi,
                                   const IngestLimits& limits = {});

// The same, naming the file `source_name` in errors and in RasterPage::source: pass the
// path relative to the dossier folder (source_name(dossier, file)).
std::vector<RasterPage> load_pages(const std::filesystem::path& file, double default_dpi,
                                   const IngestLimits& limits, const std::string& source_name);

// `file` relative to the dossier folder, generic form ("p1.jpg", "scans/p1.jpg"); the
// file name when it is not inside the folder. Valid UTF-8 for JSON and logs: bytes
// that are not are written "%XX" (escape_invalid_utf8); source_name_bytes gives the
// raw bytes, which the manifest keeps in hex when they differ.
std::string source_name(const DossierInput& dossier, const std::filesystem::path& file);
std::string source_name_bytes(const DossierInput& dossier, const std::filesystem::path& file);

// True for the extensions CONTRACT.md accepts (case-insensitive).
bool is_accepted_extension(const std::filesystem::path& file);

} // namespace sohoa::pipeline
