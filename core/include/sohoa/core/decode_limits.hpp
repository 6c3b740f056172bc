#pragma once
// What every page decoder (TIFF, PNG/JPEG, scanned PDF) accepts from outside
// input: one limits type and one range of plausible scan resolutions.
namespace sohoa {

struct DecodeLimits {
  long long max_pixels_per_page = 200'000'000; // about A0 at 600 dpi; bombs beyond
  int max_pages_per_document = 2000;
  long long max_file_bytes = 2'000'000'000;
};

// Resolutions a scanner could have produced. Outside them the value is a placeholder.
inline constexpr double k_min_plausible_dpi = 50;
inline constexpr double k_max_plausible_dpi = 2400;

} // namespace sohoa
