#pragma once
// PNG and JPEG pages through OpenCV, after our own header checks (decode_density).
#include "sohoa/core/page.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include <cstdint>
#include <span>
#include <string>

namespace sohoa::pipeline {

// One page from PNG bytes: size checked against the limit before decoding; 16-bit is
// scaled to 8, alpha composited on white, grey stays grey, a 1-bit source holding
// only black and white becomes bitonal; density from pHYs.
RasterPage decode_png(std::span<const std::uint8_t> bytes, const std::string& name,
                      double default_dpi, const IngestLimits& limits);

// One page from JPEG bytes: size checked before decoding, truncation detected (libjpeg
// would fill the missing part with grey), Exif orientation applied, density from JFIF
// or Exif. One component is grey, otherwise colour.
RasterPage decode_jpeg(std::span<const std::uint8_t> bytes, const std::string& name,
                       double default_dpi, const IngestLimits& limits);

} // namespace sohoa::pipeline
