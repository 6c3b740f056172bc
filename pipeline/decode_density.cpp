#include "decode_density.hpp"
#include "decode_common.hpp"
#include <algorithm>
#include <array>
#include <cstring>
#include <zlib.h>

namespace sohoa::pipeline {

namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr double k_inch_per_metre = 0.0254;
constexpr double k_cm_per_inch = 2.54;
constexpr std::uint64_t k_png_max_chunk = 0x7FFFFFFFu; // PNG spec: lengths below 2^31

std::uint32_t be32(Bytes b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

std::uint16_t be16(Bytes b, std::size_t at) {
  return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

// CRC-32 as PNG uses it (ISO 3309), from zlib.
std::uint32_t png_crc32(Bytes data) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

bool has_prefix(Bytes b, const char* prefix, std::size_t n) {
  return b.size() >= n && std::memcmp(b.data(), prefix, n) == 0;
}

// Reads TIFF-structured integers in the byte order its header announces.
class TiffReader {
public:
  TiffReader(Bytes data, bool little) : m_data(data), m_little(little) {}
  bool fits(std::size_t at, std::size_t n) const {
    return at <= m_data.size() && n <= m_data.size() - at;
  }
  std::uint16_t u16(std::size_t at) const {
    return m_little ? static_cast<std::uint16_t>(m_data[at] | (m_data[at + 1] << 8))
                    : be16(m_data, at);
  }
  std::uint32_t u32(std::size_t at) const {
    if (!m_little) {
      return be32(m_data, at);
    }
    return std::uint32_t{m_data[at]} | (std::uint32_t{m_data[at + 1]} << 8) |
           (std::uint32_t{m_data[at + 2]} << 16) | (std::uint32_t{m_data[at + 3]} << 24);
  }

private:
  Bytes m_data;
  bool m_little;
};

constexpr std::uint16_t k_tag_orientation = 0x0112;
constexpr std::uint16_t k_tag_x_resolution = 0x011A;
constexpr std::uint16_t k_tag_y_resolution = 0x011B;
constexpr std::uint16_t k_tag_resolution_unit = 0x0128;
constexpr std::uint16_t k_type_short = 3;
constexpr std::uint16_t k_type_rational = 5;
constexpr std::size_t k_max_ifd_entries = 1000;

// A RATIONAL entry's value (it lives at an offset: 8 bytes never fit the entry).
std::optional<double> exif_rational(const TiffReader& r, std::size_t entry) {
  if (r.u16(entry + 2) != k_type_rational || r.u32(entry + 4) < 1) {
    return std::nullopt;
  }
  const std::size_t at = r.u32(entry + 8);
  if (!r.fits(at, 8)) {
    return std::nullopt;
  }
  const std::uint32_t num = r.u32(at);
  const std::uint32_t den = r.u32(at + 4);
  if (den == 0) {
    return std::nullopt;
  }
  return static_cast<double>(num) / static_cast<double>(den);
}

bool is_sof(std::uint8_t marker) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

} // namespace

std::optional<Density> parse_png_phys(Bytes phys) {
  if (phys.size() != 9 || phys[8] != 1) {
    return std::nullopt; // unit 0 is an aspect ratio only
  }
  const double x = be32(phys, 0) * k_inch_per_metre;
  const double y = be32(phys, 4) * k_inch_per_metre;
  if (x <= 0 || y <= 0) {
    return std::nullopt;
  }
  return Density{x, y};
}

PngHeader parse_png_header(Bytes bytes, const std::string& file) {
  static constexpr std::array<std::uint8_t, 8> k_signature{0x89, 'P',  'N',  'G',
                                                           '\r', '\n', 0x1A, '\n'};
  const std::size_t compared = std::min(bytes.size(), k_signature.size());
  if (compared == 0 || std::memcmp(bytes.data(), k_signature.data(), compared) != 0) {
    fail_ingest("corrupt_image", "not a PNG file (bad signature)", file);
  }
  if (bytes.size() < k_signature.size()) {
    fail_ingest("truncated_file", "the PNG file ends inside its signature", file);
  }
  // Signature, then IHDR: length(4) type(4) data(13) crc(4).
  if (bytes.size() < 8 + 8 + 13) {
    fail_ingest("truncated_file", "the PNG file ends inside its header", file);
  }
  if (be32(bytes, 8) != 13 || !has_prefix(bytes.subspan(12), "IHDR", 4)) {
    fail_ingest("corrupt_image", "the PNG file does not start with an IHDR chunk", file);
  }
  PngHeader header;
  header.width = be32(bytes, 16);
  header.height = be32(bytes, 20);
  header.bit_depth = bytes[24];
  header.colour_type = bytes[25];
  const int depth = header.bit_depth;
  const bool depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
  const int type = header.colour_type;
  const bool type_ok = type == 0 || type == 2 || type == 3 || type == 4 || type == 6;
  if (!depth_ok || !type_ok || header.width == 0 || header.height == 0 ||
      header.width > static_cast<long long>(k_png_max_chunk) ||
      header.height > static_cast<long long>(k_png_max_chunk)) {
    fail_ingest("corrupt_image", "the PNG header is invalid", file);
  }

  bool seen_data = false;
  std::size_t pos = 8;
  while (true) {
    if (bytes.size() - pos < 8) {
      fail_ingest("truncated_file", "the PNG file ends before its IEND chunk", file);
    }
    const std::uint64_t length = be32(bytes, pos);
    if (length > k_png_max_chunk) {
      fail_ingest("corrupt_image", "a PNG chunk has an invalid length", file);
    }
    const Bytes type_bytes = bytes.subspan(pos + 4, 4);
    if (length + 12 > bytes.size() - pos) {
      fail_ingest("truncated_file", "the PNG file ends inside a chunk", file);
    }
    const Bytes data = bytes.subspan(pos + 8, static_cast<std::size_t>(length));
    // Checking the CRC here turns damaged data into a clear error before libpng (which
    // would print to stderr through OpenCV) sees it.
    if (png_crc32(bytes.subspan(pos + 4, static_cast<std::size_t>(length) + 4)) !=
        be32(bytes, pos + 8 + static_cast<std::size_t>(length))) {
      fail_ingest("corrupt_image",
                  "the PNG chunk " + std::string(type_bytes.begin(), type_bytes.end()) +
                      " is damaged (CRC mismatch)",
                  file);
    }
    if (has_prefix(type_bytes, "IDAT", 4)) {
      seen_data = true;
    } else if (has_prefix(type_bytes, "pHYs", 4) && !seen_data) {
      header.density = parse_png_phys(data);
    } else if (has_prefix(type_bytes, "IEND", 4)) {
      break;
    }
    pos += static_cast<std::size_t>(length) + 12;
  }
  if (!seen_data) {
    fail_ingest("corrupt_image", "the PNG file holds no image data", file);
  }
  return header;
}

std::optional<Density> parse_jfif_density(Bytes app0) {
  // "JFIF\0", version(2), units(1), Xdensity(2), Ydensity(2), ...
  if (app0.size() < 12 || !has_prefix(app0, "JFIF\0", 5)) {
    return std::nullopt;
  }
  const int units = app0[7];
  double x = be16(app0, 8);
  double y = be16(app0, 10);
  if (x <= 0 || y <= 0) {
    return std::nullopt;
  }
  if (units == 1) {
    return Density{x, y};
  }
  if (units == 2) {
    return Density{x * k_cm_per_inch, y * k_cm_per_inch};
  }
  return std::nullopt; // 0: aspect ratio only
}

ExifInfo parse_exif(Bytes app1) {
  ExifInfo info;
  if (!has_prefix(app1, "Exif\0\0", 6)) {
    return info;
  }
  const Bytes tiff = app1.subspan(6);
  if (tiff.size() < 8) {
    return info;
  }
  bool little = false;
  if (has_prefix(tiff, "II", 2)) {
    little = true;
  } else if (!has_prefix(tiff, "MM", 2)) {
    return info;
  }
  const TiffReader r(tiff, little);
  if (r.u16(2) != 42) {
    return info;
  }
  const std::size_t ifd = r.u32(4);
  if (!r.fits(ifd, 2)) {
    return info;
  }
  const std::size_t count = r.u16(ifd);
  if (count > k_max_ifd_entries) {
    return info;
  }
  std::optional<double> x_res;
  std::optional<double> y_res;
  int unit = 2; // Exif default: inch
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t entry = ifd + 2 + i * 12;
    if (!r.fits(entry, 12)) {
      break;
    }
    const std::uint16_t tag = r.u16(entry);
    const bool short_value = r.u16(entry + 2) == k_type_short && r.u32(entry + 4) >= 1;
    switch (tag) {
    case k_tag_orientation:
      if (short_value) {
        const int value = r.u16(entry + 8);
        info.orientation = value >= 1 && value <= 8 ? value : 1;
      }
      break;
    case k_tag_resolution_unit:
      if (short_value) {
        unit = r.u16(entry + 8);
      }
      break;
    case k_tag_x_resolution:
      x_res = exif_rational(r, entry);
      break;
    case k_tag_y_resolution:
      y_res = exif_rational(r, entry);
      break;
    default:
      break;
    }
  }
  if (x_res && *x_res > 0 && (unit == 2 || unit == 3)) {
    const double scale = unit == 3 ? k_cm_per_inch : 1.0;
    const double y = y_res && *y_res > 0 ? *y_res : *x_res;
    info.density = Density{*x_res * scale, y * scale};
  }
  return info;
}

JpegHeader parse_jpeg_header(Bytes bytes, const std::string& file) {
  if (bytes.size() < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF) {
    fail_ingest("corrupt_image", "not a JPEG file (no start-of-image marker)", file);
  }
  JpegHeader header;
  std::optional<Density> jfif;
  std::optional<Density> exif;
  bool seen_frame = false;
  std::size_t pos = 2;
  while (true) {
    if (pos >= bytes.size()) {
      fail_ingest("truncated_file", "the JPEG file ends before its image data", file);
    }
    // libjpeg skips stray bytes before a marker (with a warning); so do we.
    while (pos < bytes.size() && bytes[pos] != 0xFF) {
      ++pos;
    }
    while (pos < bytes.size() && bytes[pos] == 0xFF) {
      ++pos; // fill bytes
    }
    if (pos >= bytes.size()) {
      fail_ingest("truncated_file", "the JPEG file ends inside a marker", file);
    }
    const std::uint8_t marker = bytes[pos++];
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
      continue; // stand-alone markers carry no length
    }
    if (marker == 0xD9) {
      fail_ingest("corrupt_image", "the JPEG file ends before any image data", file);
    }
    if (bytes.size() - pos < 2) {
      fail_ingest("truncated_file", "the JPEG file ends inside a segment", file);
    }
    const std::size_t length = be16(bytes, pos);
    if (length < 2) {
      fail_ingest("corrupt_image", "a JPEG segment has an invalid length", file);
    }
    if (length > bytes.size() - pos) {
      fail_ingest("truncated_file", "the JPEG file ends inside a segment", file);
    }
    const Bytes payload = bytes.subspan(pos + 2, length - 2);
    const std::size_t next = pos + length;
    if (marker == 0xE0 && !jfif) {
      jfif = parse_jfif_density(payload);
    } else if (marker == 0xE1 && has_prefix(payload, "Exif\0\0", 6)) {
      const ExifInfo info = parse_exif(payload);
      exif = info.density;
      header.orientation = info.orientation;
    } else if (is_sof(marker)) {
      // precision(1) height(2) width(2) components(1) ...
      if (payload.size() < 6) {
        fail_ingest("corrupt_image", "the JPEG frame header is too short", file);
      }
      header.precision = payload[0];
      header.height = be16(payload, 1);
      header.width = be16(payload, 3);
      header.components = payload[5];
      seen_frame = true;
    } else if (marker == 0xDA) {
      if (!seen_frame) {
        fail_ingest("corrupt_image", "the JPEG image data comes before its frame header", file);
      }
      // Entropy-coded data never holds FF D9 (stuffing), so any FF D9 after it is the
      // end of the image; none means the file was cut.
      bool seen_end = false;
      for (std::size_t i = next; i + 1 < bytes.size(); ++i) {
        if (bytes[i] == 0xFF && bytes[i + 1] == 0xD9) {
          seen_end = true;
          break;
        }
      }
      if (!seen_end) {
        fail_ingest("truncated_file", "the JPEG image data ends without an end-of-image marker",
                    file);
      }
      break;
    }
    pos = next;
  }
  if (header.width == 0 || header.height == 0 ||
      (header.components != 1 && header.components != 3 && header.components != 4)) {
    fail_ingest("corrupt_image",
                "the JPEG frame header is invalid (size " + std::to_string(header.width) + "x" +
                    std::to_string(header.height) + ", " + std::to_string(header.components) +
                    " components)",
                file);
  }
  header.density = jfif ? jfif : exif;
  return header;
}

} // namespace sohoa::pipeline
