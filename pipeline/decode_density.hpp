#pragma once
// Header parsers for PNG and JPEG: size, layout, resolution and orientation, read
// before any pixel is decoded (so decompression bombs are refused up front). They see
// untrusted bytes: every read is bounds-checked, and they are fuzzed (fuzz/).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace sohoa::pipeline {

struct Density {
  double x_dpi = 0;
  double y_dpi = 0;
};

struct PngHeader {
  long long width = 0;
  long long height = 0;
  int bit_depth = 0;
  int colour_type = 0;            // 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
  std::optional<Density> density; // from pHYs with unit "metre"
};

struct JpegHeader {
  long long width = 0;
  long long height = 0;
  int components = 0; // 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
  int precision = 8;
  std::optional<Density> density; // JFIF APP0 (dpi/dpcm), else Exif XResolution
  int orientation = 1;            // Exif Orientation (1..8), 1 when absent
};

// Walks the whole chunk list, checking each chunk's CRC: throws sohoa::Error
// (Stage::ingest) "corrupt_image" for a bad signature / IHDR or a CRC mismatch, "truncated_file"
// when a chunk runs past the end or IEND is missing. `file` names the file in errors.
PngHeader parse_png_header(std::span<const std::uint8_t> bytes, const std::string& file);

// Walks the markers up to the first SOS, then looks for EOI: "corrupt_image" for a
// bad structure or no frame header, "truncated_file" when a segment runs past the end
// or the image data has no EOI.
JpegHeader parse_jpeg_header(std::span<const std::uint8_t> bytes, const std::string& file);

// The density in a JFIF APP0 payload (after the "APP0" length), or nullopt when it
// is an aspect ratio only or malformed.
std::optional<Density> parse_jfif_density(std::span<const std::uint8_t> app0);

struct ExifInfo {
  std::optional<Density> density;
  int orientation = 1;
};

// XResolution/YResolution/ResolutionUnit and Orientation from IFD0 of an Exif APP1
// payload (starting with "Exif\0\0"). Malformed parts are ignored, never trusted.
ExifInfo parse_exif(std::span<const std::uint8_t> app1);

// The pHYs payload (9 bytes) as dpi, or nullopt when the unit is not the metre.
std::optional<Density> parse_png_phys(std::span<const std::uint8_t> phys);

} // namespace sohoa::pipeline
