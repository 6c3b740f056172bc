#pragma once
// The PDF/A-2b / 3b writer (PoDoFo 0.9.8): page image + invisible text layer +
// XMP legal-validity metadata. Only pdfsign/ sees PoDoFo and OpenSSL.
#include "core/ocr_types.hpp"
#include "core/page.hpp"
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pdf {

enum class PdfAPart { a2b, a3b };

// A page image as the PDF stores it: JPEG (DCTDecode) or CCITT G4 bytes.
struct EncodedPageImage {
  std::string bytes;
  int width = 0;
  int height = 0;
  bool ccitt = false;
  bool grey = false;
};

struct PdfPageInput {
  cv::Mat image;                    // as CleanPage::archival; unused when encoded is set
  ColourKind kind = ColourKind::colour;
  double dpi = 300;                 // sets the page size: width_px / dpi inches
  const PageText* text = nullptr;   // invisible text layer; null or empty for none
  // The image already encoded (encode_page_image): a long document then keeps its
  // pages as compact bytes instead of pixels until its PDF is written.
  std::shared_ptr<const EncodedPageImage> encoded;
};

// The page's image encoded as write_pdfa stores it (bitonal as G4, else JPEG of
// `jpeg_quality`). Throws sohoa::Error(Stage::pdf, "bad_page_image").
EncodedPageImage encode_page_image(const cv::Mat& image, ColourKind kind, int jpeg_quality);

// Legal-validity metadata (CONTRACT.md section 4), written to XMP in the
// sohoa namespace and to the Info dictionary from this one model.
struct LegalMetadata {
  std::string title;                // dc:title
  std::string dossier_code;
  std::string document_id;
  std::string doc_type;
  std::string procedure_code;
  std::string agency_code;
  std::string agency_name;
  std::string officer;
  std::string digitized_at;         // ISO 8601 with offset
  std::vector<std::string> source_sha256;
  std::string software_version;
  std::string result_code;          // <dossier code>-KQ<n>, empty when no dossier code
  std::string reviewed_at;          // ISO 8601: a clerk's last field edit; empty: none
  std::string reviewed_by;
  std::string language = "vi";
};

struct Attachment {                 // PDF/A-3 associated file
  std::string file_name;            // "record.json"
  std::string mime = "application/json";
  std::string description;
  std::string bytes;
};

struct PdfWriteOptions {
  PdfAPart part = PdfAPart::a2b;
  std::optional<Attachment> attachment;  // only with a3b
  int jpeg_quality = 85;
  // Test mode: fixed /ID and dates so output is byte-for-byte reproducible.
  bool deterministic = false;
};

// Writes the file at out (not atomically: the caller writes to a temp path).
// Throws sohoa::Error(Stage::pdf, ...).
void write_pdfa(const std::vector<PdfPageInput>& pages, const LegalMetadata& metadata,
                const PdfWriteOptions& options, const std::filesystem::path& out);

std::string podofo_version();

} // namespace sohoa::pdf
