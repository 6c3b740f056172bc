#pragma once
// Reading scanned, image-only PDFs: the page images, decoded. Used by ingest.
#include "sohoa/core/page.hpp"
#include "sohoa/core/decode_limits.hpp"
#include <filesystem>
#include <memory>
#include <vector>

namespace sohoa::pdf {

// One RasterPage per PDF page: its largest image, decoded (DCT, Flate, CCITT G4,
// raw), dpi from the image size against the page's MediaBox. source is left to
// the caller. Throws sohoa::Error(Stage::ingest, code) with codes like
// "encrypted_pdf", "not_image_only", "unsupported_image_filter", "corrupt_pdf",
// "too_many_pixels", "too_many_pages".
// The same, one page at a time: the PDF is parsed once (its streams stay encoded) and
// each page's image decoded when asked for. The constructor throws for the whole file
// (encrypted_pdf, corrupt_pdf, too_many_pages, unreadable_file), page() for one page.
// A page that also shows text (text-showing operators not in render mode 3 or 7,
// directly or in a Form it draws) comes back with a visible_text_not_kept problem.
class PdfPageImages {
public:
  explicit PdfPageImages(const std::filesystem::path& file, const DecodeLimits& limits = {});
  ~PdfPageImages();
  PdfPageImages(const PdfPageImages&) = delete;
  PdfPageImages& operator=(const PdfPageImages&) = delete;

  int page_count() const;
  RasterPage page(int page_index) const; // 1-based

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

std::vector<RasterPage> read_pdf_page_images(const std::filesystem::path& file,
                                             const DecodeLimits& limits = {});

} // namespace sohoa::pdf
