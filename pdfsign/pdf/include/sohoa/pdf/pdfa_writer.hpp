#pragma once
// The PDF/A-2b / 3b writer (PoDoFo 0.9.8): page image + invisible text layer +
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/page.hpp"
// XMP legal-validity metadata. Only pdfsign/pdf/ sees PoDoFo.
#include "sohoa/core/clock.hpp"
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pdf {

enum class PdfAPart { a2b, a3b };

// How one image XObject's bytes are coded.
enum class ImageEncoding { dct, ccitt, flate, jpx };

// One image XObject of a page: the page itself, an MRC background, an MRC detail
// patch (guilloche, photo) over part of it, or an MRC ink mask (an /ImageMask
// filled with colour).
struct EncodedImage {
  std::string bytes; // encoded data; raw samples for flate (compressed on write)
  int width = 0;
  int height = 0;
  ImageEncoding encoding = ImageEncoding::dct;
  bool grey = false;
  bool mask = false;
  cv::Vec3b colour;   // BGR fill of a mask
  cv::Rect placement; // where it is drawn, in page pixels; empty: the whole page
};

// A page image encoded for the PDF: its images bottom first, each drawn over the
// whole page or its placement, and the page's size in pixels (of the full-resolution image).
struct EncodedPageImage {
  int width = 0;
  int height = 0;
  std::vector<EncodedImage> layers;
};

struct PdfPageInput {
  cv::Mat image; // as CleanPage::archival; unused when encoded is set
  ColourKind kind = ColourKind::colour;
  double dpi = 300;               // sets the page size: width_px / dpi inches
  const PageText* text = nullptr; // invisible text layer; null or empty for none
  // The image already encoded (encode_page_image): a long document then keeps its
  // pages as compact bytes instead of pixels until its PDF is written.
  std::shared_ptr<const EncodedPageImage> encoded;
};

// Legal-validity metadata (CONTRACT.md section 4), written to XMP in the
// sohoa namespace and to the Info dictionary from this one model.
struct LegalMetadata {
  std::string title; // dc:title
  std::string dossier_code;
  std::string document_id;
  std::string doc_type;
  std::string procedure_code;
  std::string agency_code;
  std::string agency_name;
  std::string officer;
  std::string digitized_at; // ISO 8601 with offset
  std::vector<std::string> source_sha256;
  std::string software_version;
  std::string result_code; // <dossier code>-KQ<n>, empty when no dossier code
  std::string reviewed_at; // ISO 8601: a clerk's last field edit; empty: none
  std::string reviewed_by;
  std::string language = "vi";
};

struct Attachment {      // PDF/A-3 associated file
  std::string file_name; // "record.json"
  std::string mime = "application/json";
  std::string description;
  std::string bytes;
};

// How page images are stored (CONTRACT.md section 7).
enum class ImageMode {
  mrc,      // G4 ink masks in their colours over a JPEG 2000 or JPEG background
  jpeg,     // the page as one JPEG (G4 for bitonal pages)
  lossless, // the page bit for bit: G4 for bitonal, Flate otherwise
};

// "mrc", "jpeg", "lossless"; nullopt for anything else.
std::optional<ImageMode> image_mode_from_name(const std::string& name);
std::string image_mode_name(ImageMode mode);

// How much an MRC page's encoding spends on bytes: `smallest` also tries JPEG 2000
// backgrounds, each judged by SSIM (archives); `fastest` keeps the JPEG background
// without trials (the counter, where a citizen waits for the signed PDF).
enum class MrcEffort { smallest, fastest };

struct PdfWriteOptions {
  PdfAPart part = PdfAPart::a2b;
  std::optional<Attachment> attachment; // only with a3b
  ImageMode image_mode = ImageMode::jpeg;
  int jpeg_quality = 85;
  // JPEG quality of the MRC background: also the cap on its bytes, since a JPEG
  // 2000 background replaces it only when smaller and as faithful (SSIM per
  // channel outside the ink: the JPEG's, or mrc_background_ssim when higher).
  int mrc_background_quality = 50;
  double mrc_background_ssim = 0.93;
  MrcEffort mrc_effort = MrcEffort::smallest;
  // Test mode: fixed /ID and dates so output is byte-for-byte reproducible.
  bool deterministic = false;
  // CreationDate and ModDate (Info and XMP): the caller's instant of digitization,
  // else the run clock's now.
  std::optional<Timestamp> created_at;
};

// The page's image encoded as write_pdfa stores it in `options.image_mode` (bitonal
// pages always as G4). Throws sohoa::Error(Stage::pdf, "bad_page_image").
EncodedPageImage encode_page_image(const cv::Mat& image, ColourKind kind, double dpi,
                                   const PdfWriteOptions& options);

// Writes the file at out (not atomically: the caller writes to a temp path).
// Throws sohoa::Error(Stage::pdf, ...).
void write_pdfa(const std::vector<PdfPageInput>& pages, const LegalMetadata& metadata,
                const PdfWriteOptions& options, const std::filesystem::path& out);

std::string podofo_version();

} // namespace sohoa::pdf
