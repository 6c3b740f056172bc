#pragma once
// Reading scanned, image-only PDFs: the page images, decoded. Used by ingest.
#include "core/page.hpp"
#include <filesystem>
#include <vector>

namespace sohoa::pdf {

struct PdfReadLimits {
  long long max_pixels_per_page = 200'000'000;
  int max_pages = 2000;
};

// One RasterPage per PDF page: its largest image, decoded (DCT, Flate, CCITT G4,
// raw), dpi from the image size against the page's MediaBox. source is left to
// the caller. Throws sohoa::Error(Stage::ingest, code) with codes like
// "encrypted_pdf", "not_image_only", "unsupported_image_filter", "corrupt_pdf",
// "too_many_pixels", "too_many_pages".
std::vector<RasterPage> read_pdf_page_images(const std::filesystem::path& file,
                                             const PdfReadLimits& limits = {});

} // namespace sohoa::pdf
