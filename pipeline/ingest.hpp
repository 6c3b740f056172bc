#pragma once
// Ingest: find the dossiers and documents in INPUT (CONTRACT.md section 1) and
// decode a document's page files into RasterPages. No OpenCV cleanup here.
#include "core/page.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct DocumentInput {
  std::string id;                                // documents[].id, else file stem
  std::vector<std::filesystem::path> files;      // absolute paths, reading order
  std::optional<std::string> doc_type;           // override from dossier.json
};

struct DossierMetadata {                         // dossier.json keys (all optional)
  std::string dossier_code;
  std::string procedure_code;
  std::string agency_code;
  std::string agency_name;
  std::string officer;
};

struct DossierInput {
  std::string id;                                // dossier_code, else folder name (file stem for single files)
  std::filesystem::path folder;                  // the dossier folder (parent folder for single files)
  DossierMetadata metadata;
  std::vector<DocumentInput> documents;
  // Problems found while listing (bad dossier.json, a listed file missing, an
  // unsupported file): the document is still listed so it fails with this reason.
  std::vector<std::pair<std::string, std::string>> document_errors;  // (document id, message)
};

// Throws sohoa::Error(Stage::config, ...) when INPUT does not exist or holds nothing usable.
// A batch folder: every sub-folder is a dossier. A dossier folder: files directly.
// Several files: each its own one-document dossier. Hidden files and dossier.json
// are not documents. Duplicate document ids inside a dossier are made unique.
std::vector<DossierInput> discover_inputs(const std::vector<std::filesystem::path>& inputs);

struct IngestLimits {
  long long max_pixels_per_page = 200'000'000;   // about A0 at 600 dpi; bombs beyond
  int max_pages_per_document = 2000;
  long long max_file_bytes = 2'000'000'000;
};

// Decodes every page of one file: TIFF (multi-page; G4, LZW, Deflate, JPEG, none;
// 1-bit, grey, RGB, palette; resolution tags), PNG (pHYs), JPEG (JFIF/Exif density),
// image-only PDF. default_dpi is used when the file carries no resolution.
// Throws sohoa::Error(Stage::ingest, code, message, file, page) with codes:
// unsupported_format, empty_file, truncated_file, corrupt_image, too_many_pixels,
// too_many_pages, encrypted_pdf, not_image_only, unsupported_image_filter.
std::vector<RasterPage> load_pages(const std::filesystem::path& file, double default_dpi,
                                   const IngestLimits& limits = {});

// True for the extensions CONTRACT.md accepts (case-insensitive).
bool is_accepted_extension(const std::filesystem::path& file);

} // namespace sohoa::pipeline
