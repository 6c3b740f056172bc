#pragma once
// Small helpers shared by the page decoders (TIFF, PNG/JPEG, PDF).
#include "sohoa/core/error.hpp"
#include "sohoa/core/page.hpp"
#include "sohoa/core/decode_limits.hpp"
#include <optional>
#include <string>

namespace sohoa::pipeline {

// k_min_plausible_dpi and k_max_plausible_dpi: core/decode_limits.hpp.

[[noreturn]] inline void fail_ingest(ErrorCode code, const std::string& message,
                                     const std::string& file, int page = 0) {
  throw Error(Stage::ingest, code, message, file, page);
}

// True when `dpi` lies in [50, 2400] and the page it implies is at most 60 inches on
// its longest side (A0 is 46.8): 72 dpi on a 4000-pixel photo is not a scan resolution.
bool plausible_dpi(double dpi, int width, int height);

// Fills page.dpi / page.dpi_from_file from the file's value when plausible, else the
// default. The pixels must be set already.
void set_page_dpi(RasterPage& page, std::optional<double> file_dpi, double default_dpi);

// Applies a TIFF/Exif orientation (1..8: the transform that shows the image upright);
// other values leave the image as stored.
cv::Mat apply_orientation(const cv::Mat& image, int orientation);

// Throws too_many_pixels when width x height exceeds the limit; corrupt_image when a
// dimension is not positive.
void check_dimensions(long long width, long long height, long long max_pixels,
                      const std::string& file, int page = 0);

} // namespace sohoa::pipeline
