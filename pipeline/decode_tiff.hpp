#pragma once
// TIFF pages through libtiff: every directory is a page.
#include "sohoa/core/page.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sohoa::pipeline {

// Decodes every page of a TIFF (or BigTIFF). Bitonal pages (1 bit per sample) come
// back as ColourKind::bitonal 0/255, grey as grey, RGB/palette/anything else libtiff
// can render as colour (BGR). 16-bit samples are scaled to 8 bits, alpha is dropped,
// the Orientation tag is applied and non-square pixels (fax 204x98) are resampled to
// square at the horizontal resolution. libtiff's messages become the sohoa::Error's
// message; nothing is printed. `name` names the file in errors and in page.source.
// The same, one page at a time: the file is opened once, each page decoded by next().
// A file of more directories than limits.max_pages_per_document is refused here,
// before any page is decoded. A page whose data libtiff reports errors or warnings
// about while decoding comes back with a damaged_page problem.
std::unique_ptr<PageSource> open_tiff(const std::filesystem::path& file, const std::string& name,
                                      double default_dpi, const IngestLimits& limits);

std::vector<RasterPage> load_tiff(const std::filesystem::path& file, const std::string& name,
                                  double default_dpi, const IngestLimits& limits);

} // namespace sohoa::pipeline
