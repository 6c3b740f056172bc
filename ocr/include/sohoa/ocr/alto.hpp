#pragma once
// ALTO XML (v4) for OCR words with coordinates: the archival format the outputs
// keep beside each PDF, and what `sohoa reprocess` reads back instead of re-OCR.
#include "sohoa/core/ocr_types.hpp"
#include <string>
#include <vector>

namespace sohoa::ocr {

struct AltoInfo {
  std::string source_image;     // description/sourceImageInformation
  std::string software_version; // processingSoftware
  std::vector<double> page_dpi; // one per page (for MeasurementUnit pixel, informative)
};

std::string to_alto(const std::vector<PageText>& pages, const AltoInfo& info);
// Throws sohoa::Error(Stage::ocr, "bad_alto") on malformed input.
std::vector<PageText> from_alto(const std::string& xml);

} // namespace sohoa::ocr
