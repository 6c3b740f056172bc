#include "decode_tiff.hpp"
#include "decode_common.hpp"
#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <opencv2/imgproc.hpp>
#include <tiffio.h>

namespace sohoa::pipeline {

namespace {

constexpr std::size_t k_max_message = 2000;
constexpr std::uint64_t k_believable_entries = 200;

// libtiff reports through handlers. Each open file gets its own (TIFFOpenOptions,
// libtiff >= 4.5) writing into a per-call Messages; the few code paths that still use
// the process-wide handlers write into a thread_local buffer, so nothing reaches
// stderr and threads never mix their messages.
struct Messages {
  std::string errors;
  std::string warnings;
};

thread_local std::string t_global_errors;

void append_message(std::string& out, const char* module, const char* fmt, va_list ap) {
  char buffer[512];
  std::vsnprintf(buffer, sizeof buffer, fmt, ap);
  if (out.size() >= k_max_message) {
    return;
  }
  if (!out.empty()) {
    out += "; ";
  }
  if (module != nullptr && *module != '\0') {
    out += module;
    out += ": ";
  }
  out += buffer;
}

int on_error(TIFF*, void* user_data, const char* module, const char* fmt, va_list ap) {
  append_message(static_cast<Messages*>(user_data)->errors, module, fmt, ap);
  return 1; // handled: the global handler is not called
}

int on_warning(TIFF*, void* user_data, const char* module, const char* fmt, va_list ap) {
  // Kept, not printed: while a page's pixels are decoded a warning ("premature EOL",
  // "line length mismatch") means the data is damaged; elsewhere (unknown tags) it
  // is cleared unread.
  append_message(static_cast<Messages*>(user_data)->warnings, module, fmt, ap);
  return 1;
}

void on_global_error(const char* module, const char* fmt, va_list ap) {
  append_message(t_global_errors, module, fmt, ap);
}

void install_global_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    TIFFSetErrorHandler(on_global_error);
    TIFFSetWarningHandler(nullptr);
  });
}

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

struct OptionsFree {
  void operator()(TIFFOpenOptions* options) const { TIFFOpenOptionsFree(options); }
};
using OptionsPtr = std::unique_ptr<TIFFOpenOptions, OptionsFree>;

// What a page's samples are and how the fast path turns them into a cv::Mat.
enum class Layout { bitonal, grey8, grey16, rgb8, rgb16, palette8 };

struct PageInfo {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint16_t bits = 1;
  std::uint16_t samples = 1;
  std::uint16_t photometric = PHOTOMETRIC_MINISWHITE;
  bool invert = false; // min-is-white
  Layout layout = Layout::grey8;
  // Palette as 8-bit BGR.
  std::vector<cv::Vec3b> palette;
};

class TiffDecoder {
public:
  TiffDecoder(TIFF* tif, Messages& messages, std::string name, std::uintmax_t file_size)
      : m_tif(tif), m_messages(messages), m_name(std::move(name)), m_file_size(file_size) {}

  RasterPage read_page(int page, double default_dpi, const IngestLimits& limits);

private:
  [[noreturn]] void fail(ErrorCode code, const std::string& what, int page) const {
    std::string message = what;
    std::string details = m_messages.errors;
    if (!t_global_errors.empty()) {
      details += (details.empty() ? "" : "; ") + t_global_errors;
    }
    if (!details.empty()) {
      message += " (libtiff: " + details + ")";
    }
    fail_ingest(code, message, m_name, page);
  }
  void check_data_within_file(int page) const;
  void note_decode_messages(RasterPage& out, int page) const;
  bool pick_fast_layout(PageInfo& info) const;
  cv::Mat read_fast(const PageInfo& info, int page) const;
  cv::Mat read_rgba(const PageInfo& info, int page) const;
  void convert_run(const PageInfo& info, const std::uint8_t* src, std::uint32_t count,
                   std::uint8_t* dst) const;

  TIFF* m_tif;
  Messages& m_messages;
  std::string m_name;
  std::uintmax_t m_file_size;
};

void TiffDecoder::check_data_within_file(int page) const {
  const bool tiled = TIFFIsTiled(m_tif) != 0;
  std::uint64_t* offsets = nullptr;
  std::uint64_t* counts = nullptr;
  if (TIFFGetField(m_tif, tiled ? TIFFTAG_TILEOFFSETS : TIFFTAG_STRIPOFFSETS, &offsets) == 0 ||
      TIFFGetField(m_tif, tiled ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS, &counts) == 0 ||
      offsets == nullptr || counts == nullptr) {
    fail("corrupt_image", "the TIFF page has no image data offsets", page);
  }
  const std::uint32_t blocks = tiled ? TIFFNumberOfTiles(m_tif) : TIFFNumberOfStrips(m_tif);
  for (std::uint32_t i = 0; i < blocks; ++i) {
    if (counts[i] == 0) {
      continue; // a sparse block: libtiff fills it
    }
    if (offsets[i] > m_file_size || counts[i] > m_file_size - offsets[i]) {
      fail("truncated_file",
           "the TIFF image data runs past the end of the file (" + std::to_string(m_file_size) +
               " bytes)",
           page);
    }
  }
}

void TiffDecoder::note_decode_messages(RasterPage& out, int page) const {
  std::string details = m_messages.errors;
  for (const std::string* more : {&m_messages.warnings, &t_global_errors}) {
    if (!more->empty()) {
      details += (details.empty() ? "" : "; ") + *more;
    }
  }
  if (!details.empty()) {
    out.problems.push_back({"damaged_page", m_name + ", page " + std::to_string(page) +
                                                ": the image data is damaged, the page may be "
                                                "incomplete (libtiff: " +
                                                details + ")"});
  }
}

bool TiffDecoder::pick_fast_layout(PageInfo& info) const {
  std::uint16_t planar = PLANARCONFIG_CONTIG;
  std::uint16_t format = SAMPLEFORMAT_UINT;
  std::uint16_t compression = COMPRESSION_NONE;
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_PLANARCONFIG, &planar);
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_COMPRESSION, &compression);
  if (format != SAMPLEFORMAT_UINT || (planar != PLANARCONFIG_CONTIG && info.samples > 1)) {
    return false;
  }
  const auto bits = info.bits;
  switch (info.photometric) {
  case PHOTOMETRIC_MINISWHITE:
  case PHOTOMETRIC_MINISBLACK:
    info.invert = info.photometric == PHOTOMETRIC_MINISWHITE;
    if (bits == 1 && info.samples == 1) {
      info.layout = Layout::bitonal;
      return true;
    }
    if (bits == 8 || bits == 16) {
      info.layout = bits == 8 ? Layout::grey8 : Layout::grey16;
      return true;
    }
    return false;
  case PHOTOMETRIC_YCBCR:
    // JPEG-in-TIFF: let libjpeg convert to RGB, then it is plain RGB.
    if (compression != COMPRESSION_JPEG || bits != 8 || info.samples != 3) {
      return false;
    }
    if (TIFFSetField(m_tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB) == 0) {
      return false;
    }
    info.layout = Layout::rgb8;
    return true;
  case PHOTOMETRIC_RGB:
    if (info.samples < 3 || (bits != 8 && bits != 16)) {
      return false;
    }
    info.layout = bits == 8 ? Layout::rgb8 : Layout::rgb16;
    return true;
  case PHOTOMETRIC_PALETTE: {
    std::uint16_t* red = nullptr;
    std::uint16_t* green = nullptr;
    std::uint16_t* blue = nullptr;
    if (bits != 8 || info.samples != 1 ||
        TIFFGetField(m_tif, TIFFTAG_COLORMAP, &red, &green, &blue) == 0 || red == nullptr ||
        green == nullptr || blue == nullptr) {
      return false;
    }
    // Some writers store 8-bit colormaps; 16-bit is the standard. Tell them apart as
    // libtiff's own tools do: any entry above 255 means 16-bit.
    bool sixteen = false;
    for (int i = 0; i < 256; ++i) {
      sixteen = sixteen || red[i] > 255 || green[i] > 255 || blue[i] > 255;
    }
    const int shift = sixteen ? 8 : 0;
    info.palette.resize(256);
    for (int i = 0; i < 256; ++i) {
      info.palette[i] = cv::Vec3b(static_cast<std::uint8_t>(blue[i] >> shift),
                                  static_cast<std::uint8_t>(green[i] >> shift),
                                  static_cast<std::uint8_t>(red[i] >> shift));
    }
    info.layout = Layout::palette8;
    return true;
  }
  default:
    return false;
  }
}

void TiffDecoder::convert_run(const PageInfo& info, const std::uint8_t* src, std::uint32_t count,
                              std::uint8_t* dst) const {
  const std::size_t spp = info.samples;
  switch (info.layout) {
  case Layout::bitonal: {
    // Min-is-white: bit 1 is black; min-is-black: bit 1 is white.
    const std::uint8_t one = info.invert ? 0 : 255;
    const std::uint8_t zero = info.invert ? 255 : 0;
    for (std::uint32_t i = 0; i < count; ++i) {
      dst[i] = ((src[i >> 3] >> (7 - (i & 7))) & 1) != 0 ? one : zero;
    }
    return;
  }
  case Layout::grey8:
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint8_t v = src[i * spp];
      dst[i] = info.invert ? static_cast<std::uint8_t>(255 - v) : v;
    }
    return;
  case Layout::grey16:
    for (std::uint32_t i = 0; i < count; ++i) {
      std::uint16_t v = 0;
      std::memcpy(&v, src + 2 * i * spp, 2); // libtiff gives native byte order
      const auto high = static_cast<std::uint8_t>(v >> 8);
      dst[i] = info.invert ? static_cast<std::uint8_t>(255 - high) : high;
    }
    return;
  case Layout::rgb8:
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint8_t* p = src + i * spp;
      dst[3 * i] = p[2];
      dst[3 * i + 1] = p[1];
      dst[3 * i + 2] = p[0];
    }
    return;
  case Layout::rgb16:
    for (std::uint32_t i = 0; i < count; ++i) {
      std::uint16_t rgb[3];
      std::memcpy(rgb, src + 2 * i * spp, sizeof rgb);
      dst[3 * i] = static_cast<std::uint8_t>(rgb[2] >> 8);
      dst[3 * i + 1] = static_cast<std::uint8_t>(rgb[1] >> 8);
      dst[3 * i + 2] = static_cast<std::uint8_t>(rgb[0] >> 8);
    }
    return;
  case Layout::palette8:
    for (std::uint32_t i = 0; i < count; ++i) {
      const cv::Vec3b& c = info.palette[src[i]];
      dst[3 * i] = c[0];
      dst[3 * i + 1] = c[1];
      dst[3 * i + 2] = c[2];
    }
    return;
  }
}

cv::Mat TiffDecoder::read_fast(const PageInfo& info, int page) const {
  const bool colour = info.layout == Layout::rgb8 || info.layout == Layout::rgb16 ||
                      info.layout == Layout::palette8;
  const int channels = colour ? 3 : 1;
  cv::Mat out(static_cast<int>(info.height), static_cast<int>(info.width),
              colour ? CV_8UC3 : CV_8UC1);
  if (TIFFIsTiled(m_tif) != 0) {
    std::uint32_t tile_w = 0;
    std::uint32_t tile_h = 0;
    TIFFGetField(m_tif, TIFFTAG_TILEWIDTH, &tile_w);
    TIFFGetField(m_tif, TIFFTAG_TILELENGTH, &tile_h);
    const tmsize_t tile_bytes = TIFFTileSize(m_tif);
    const tmsize_t tile_row = TIFFTileRowSize(m_tif);
    if (tile_w == 0 || tile_h == 0 || tile_bytes <= 0 || tile_row <= 0 ||
        (info.layout == Layout::bitonal && tile_w % 8 != 0)) {
      fail("corrupt_image", "the TIFF tile layout is invalid", page);
    }
    std::vector<std::uint8_t> buffer(static_cast<std::size_t>(tile_bytes));
    for (std::uint32_t y = 0; y < info.height; y += tile_h) {
      for (std::uint32_t x = 0; x < info.width; x += tile_w) {
        if (TIFFReadTile(m_tif, buffer.data(), x, y, 0, 0) < 0) {
          fail("corrupt_image", "a TIFF tile cannot be decoded", page);
        }
        const std::uint32_t rows = std::min(tile_h, info.height - y);
        const std::uint32_t cols = std::min(tile_w, info.width - x);
        for (std::uint32_t r = 0; r < rows; ++r) {
          convert_run(info, buffer.data() + static_cast<std::size_t>(r) * tile_row, cols,
                      out.ptr<std::uint8_t>(static_cast<int>(y + r)) +
                          static_cast<std::size_t>(x) * channels);
        }
      }
    }
    return out;
  }
  std::uint32_t rows_per_strip = info.height;
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
  rows_per_strip = std::clamp<std::uint32_t>(rows_per_strip, 1, info.height);
  const tmsize_t row_bytes = TIFFScanlineSize(m_tif);
  if (row_bytes <= 0) {
    fail("corrupt_image", "the TIFF scanline size is invalid", page);
  }
  std::vector<std::uint8_t> buffer(static_cast<std::size_t>(row_bytes) * rows_per_strip);
  const std::uint32_t strips = TIFFNumberOfStrips(m_tif);
  for (std::uint32_t s = 0; s < strips; ++s) {
    const std::uint64_t first = static_cast<std::uint64_t>(s) * rows_per_strip;
    if (first >= info.height) {
      break;
    }
    const auto rows =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(rows_per_strip, info.height - first));
    const tmsize_t wanted = row_bytes * static_cast<tmsize_t>(rows);
    if (TIFFReadEncodedStrip(m_tif, s, buffer.data(), wanted) < 0) {
      fail("corrupt_image", "a TIFF strip cannot be decoded", page);
    }
    for (std::uint32_t r = 0; r < rows; ++r) {
      convert_run(info, buffer.data() + static_cast<std::size_t>(r) * row_bytes, info.width,
                  out.ptr<std::uint8_t>(static_cast<int>(first + r)));
    }
  }
  if (static_cast<std::uint64_t>(strips) * rows_per_strip < info.height) {
    fail("corrupt_image", "the TIFF page has fewer strips than its height needs", page);
  }
  return out;
}

// libtiff's general renderer: CMYK, Lab, YCbCr, 2/4-bit, planar, old JPEG, ... as RGBA.
cv::Mat TiffDecoder::read_rgba(const PageInfo& info, int page) const {
  char reason[1024] = {};
  if (TIFFRGBAImageOK(m_tif, reason) == 0) {
    fail_ingest("unsupported_format",
                std::string("this kind of TIFF image cannot be read: ") + reason, m_name, page);
  }
  std::vector<std::uint32_t> raster(static_cast<std::size_t>(info.width) * info.height);
  if (TIFFReadRGBAImageOriented(m_tif, info.width, info.height, raster.data(), ORIENTATION_TOPLEFT,
                                0) == 0) {
    fail("corrupt_image", "the TIFF page cannot be decoded", page);
  }
  cv::Mat out(static_cast<int>(info.height), static_cast<int>(info.width), CV_8UC3);
  for (std::uint32_t y = 0; y < info.height; ++y) {
    const std::uint32_t* src = raster.data() + static_cast<std::size_t>(y) * info.width;
    auto* dst = out.ptr<cv::Vec3b>(static_cast<int>(y));
    for (std::uint32_t x = 0; x < info.width; ++x) {
      dst[x] = cv::Vec3b(static_cast<std::uint8_t>(TIFFGetB(src[x])),
                         static_cast<std::uint8_t>(TIFFGetG(src[x])),
                         static_cast<std::uint8_t>(TIFFGetR(src[x])));
    }
  }
  return out;
}

RasterPage TiffDecoder::read_page(int page, double default_dpi, const IngestLimits& limits) {
  PageInfo info;
  if (TIFFGetField(m_tif, TIFFTAG_IMAGEWIDTH, &info.width) == 0 ||
      TIFFGetField(m_tif, TIFFTAG_IMAGELENGTH, &info.height) == 0) {
    fail("corrupt_image", "the TIFF page has no image size", page);
  }
  check_dimensions(info.width, info.height, limits.max_pixels_per_page, m_name, page);
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_BITSPERSAMPLE, &info.bits);
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_SAMPLESPERPIXEL, &info.samples);
  const bool has_photometric = TIFFGetField(m_tif, TIFFTAG_PHOTOMETRIC, &info.photometric) != 0;
  check_data_within_file(page);

  RasterPage out;
  out.source = m_name;
  out.source_page = page;
  const bool grey_source = has_photometric && (info.photometric == PHOTOMETRIC_MINISWHITE ||
                                               info.photometric == PHOTOMETRIC_MINISBLACK);
  bool rendered = false; // libtiff's renderer applied the orientation already
  // What libtiff says while it decodes the pixels is about this page's data: a codec
  // that meets garbage reports it and fills the rest, so the page is damaged.
  m_messages.errors.clear();
  m_messages.warnings.clear();
  t_global_errors.clear();
  if (has_photometric && pick_fast_layout(info)) {
    out.pixels = read_fast(info, page);
    out.kind = info.layout == Layout::bitonal ? ColourKind::bitonal
               : out.pixels.channels() == 1   ? ColourKind::grey
                                              : ColourKind::colour;
  } else {
    out.pixels = read_rgba(info, page);
    rendered = true;
    out.kind = ColourKind::colour;
    if (grey_source) { // e.g. 2- or 4-bit grey: the channels are equal, nothing is lost
      cv::Mat grey;
      cv::cvtColor(out.pixels, grey, cv::COLOR_BGR2GRAY);
      out.pixels = grey;
      out.kind = ColourKind::grey;
    }
  }

  note_decode_messages(out, page);

  std::optional<double> dpi;
  float x_res = 0;
  float y_res = 0;
  std::uint16_t unit = RESUNIT_INCH;
  TIFFGetFieldDefaulted(m_tif, TIFFTAG_RESOLUTIONUNIT, &unit);
  if (TIFFGetField(m_tif, TIFFTAG_XRESOLUTION, &x_res) != 0 && x_res > 0 &&
      (unit == RESUNIT_INCH || unit == RESUNIT_CENTIMETER)) {
    const double scale = unit == RESUNIT_CENTIMETER ? 2.54 : 1.0;
    dpi = x_res * scale;
    // Non-square pixels (fax "normal" mode, 204x98 dpi): resample the rows so the
    // page keeps its proportions at the horizontal resolution.
    if (TIFFGetField(m_tif, TIFFTAG_YRESOLUTION, &y_res) != 0 && y_res > 0 &&
        std::abs(y_res - x_res) > 0.01 * x_res) {
      const double rows = static_cast<double>(out.pixels.rows) * x_res / y_res;
      const auto new_rows = static_cast<long long>(std::lround(rows));
      if (new_rows >= 1 && new_rows <= 4 * static_cast<long long>(out.pixels.rows)) {
        check_dimensions(out.pixels.cols, new_rows, limits.max_pixels_per_page, m_name, page);
        const int interpolation = out.kind == ColourKind::bitonal ? cv::INTER_NEAREST
                                  : new_rows < out.pixels.rows    ? cv::INTER_AREA
                                                                  : cv::INTER_LINEAR;
        cv::Mat resized;
        cv::resize(out.pixels, resized, cv::Size(out.pixels.cols, static_cast<int>(new_rows)), 0, 0,
                   interpolation);
        out.pixels = resized;
      }
    }
  }
  if (!rendered) {
    std::uint16_t orientation = ORIENTATION_TOPLEFT;
    TIFFGetFieldDefaulted(m_tif, TIFFTAG_ORIENTATION, &orientation);
    out.pixels = apply_orientation(out.pixels, orientation);
  }
  set_page_dpi(out, dpi, default_dpi);
  return out;
}

// Reads integers of a TIFF file's structure straight from the file, to tell a file
// cut short (a directory at or past its end) from one that is garbage.
class StructureProbe {
public:
  StructureProbe(const std::filesystem::path& file, std::uintmax_t size)
      : m_in(file, std::ios::binary), m_size(size) {
    char header[16] = {};
    m_in.read(header, sizeof header);
    m_ok = m_in.gcount() >= 8 && (header[0] == 'I' || header[0] == 'M');
    m_little = header[0] == 'I';
    m_big_tiff = m_ok && static_cast<std::uint8_t>(header[m_little ? 2 : 3]) == 43;
    if (m_ok) {
      m_first_ifd = m_big_tiff ? value(8, 8).value_or(0) : value(4, 4).value_or(0);
    }
  }

  // True when the directory at `offset` (or what it announces) lies past the end.
  bool directory_cut_off(std::uint64_t offset) {
    if (!m_ok || offset == 0) {
      return false;
    }
    const std::size_t count_bytes = m_big_tiff ? 8 : 2;
    const std::size_t entry_bytes = m_big_tiff ? 20 : 12;
    if (offset >= m_size || m_size - offset < count_bytes) {
      return true;
    }
    // A directory with a believable entry count (real ones hold 10 to 40 tags) that
    // runs past the end was cut; a huge count is garbage, not truncation.
    const std::optional<std::uint64_t> count = value(offset, count_bytes);
    return count && *count <= k_believable_entries &&
           offset + count_bytes + *count * entry_bytes + (m_big_tiff ? 8 : 4) > m_size;
  }

  // The offset of the directory after the one at `offset` (0 when unknown or none).
  std::uint64_t next_directory(std::uint64_t offset) {
    const std::size_t count_bytes = m_big_tiff ? 8 : 2;
    const std::size_t entry_bytes = m_big_tiff ? 20 : 12;
    const std::optional<std::uint64_t> count = value(offset, count_bytes);
    if (!count || *count >= (1u << 16)) {
      return 0;
    }
    return value(offset + count_bytes + *count * entry_bytes, m_big_tiff ? 8 : 4).value_or(0);
  }

  std::uint64_t first_directory() const { return m_first_ifd; }

private:
  std::optional<std::uint64_t> value(std::uint64_t offset, std::size_t bytes) {
    if (offset > m_size || m_size - offset < bytes) {
      return std::nullopt;
    }
    std::uint8_t raw[8] = {};
    m_in.clear();
    m_in.seekg(static_cast<std::streamoff>(offset));
    m_in.read(reinterpret_cast<char*>(raw), static_cast<std::streamsize>(bytes));
    if (static_cast<std::size_t>(m_in.gcount()) != bytes) {
      return std::nullopt;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes; ++i) {
      const std::size_t k = m_little ? bytes - 1 - i : i;
      v = (v << 8) | raw[k];
    }
    return v;
  }

  std::ifstream m_in;
  std::uintmax_t m_size;
  bool m_ok = false;
  bool m_little = true;
  bool m_big_tiff = false;
  std::uint64_t m_first_ifd = 0;
};

} // namespace

namespace {

// Counts the directories of a TIFF by following their offsets, stopping once past
// `limit` or at a loop: a file of more pages than the limit is refused before any
// page is decoded.
int count_directories(StructureProbe& probe, int limit) {
  std::set<std::uint64_t> seen;
  int count = 0;
  for (std::uint64_t offset = probe.first_directory(); offset != 0 && count <= limit;
       offset = probe.next_directory(offset)) {
    if (!seen.insert(offset).second) {
      break; // a loop: libtiff stops there too
    }
    ++count;
  }
  return count;
}

class TiffPageSource final : public PageSource {
public:
  TiffPageSource(const std::filesystem::path& file, std::string name, double default_dpi,
                 const IngestLimits& limits)
      : m_file(file), m_name(std::move(name)), m_default_dpi(default_dpi), m_limits(limits) {
    install_global_handlers();
    t_global_errors.clear();
    m_options.reset(TIFFOpenOptionsAlloc());
    if (!m_options) {
      fail_ingest("corrupt_image", "libtiff could not allocate its options", m_name);
    }
    TIFFOpenOptionsSetErrorHandlerExtR(m_options.get(), on_error, &m_messages);
    TIFFOpenOptionsSetWarningHandlerExtR(m_options.get(), on_warning, &m_messages);
    // Caps any one allocation libtiff makes (strip buffers of a hostile file).
    const long long cap = std::max<long long>(limits.max_pixels_per_page, 1 << 20) * 8;
    TIFFOpenOptionsSetMaxSingleMemAlloc(m_options.get(), static_cast<tmsize_t>(cap));

    std::error_code ec;
    m_size = std::filesystem::file_size(file, ec);
    m_tif.reset(TIFFOpenExt(file.c_str(), "r", m_options.get()));
    if (!m_tif || ec) {
      StructureProbe probe(file, m_size);
      if (!ec && probe.directory_cut_off(probe.first_directory())) {
        fail_ingest("truncated_file", "the file ends before its first TIFF directory", m_name);
      }
      std::string message = "not a readable TIFF file";
      if (!m_messages.errors.empty()) {
        message += " (libtiff: " + m_messages.errors + ")";
      }
      fail_ingest("corrupt_image", message, m_name);
    }
    StructureProbe probe(file, m_size);
    if (count_directories(probe, limits.max_pages_per_document) > limits.max_pages_per_document) {
      fail_ingest("too_many_pages",
                  "the TIFF has more than " + std::to_string(limits.max_pages_per_document) +
                      " pages",
                  m_name);
    }
    m_decoder = std::make_unique<TiffDecoder>(m_tif.get(), m_messages, m_name, m_size);
  }

  std::optional<RasterPage> next() override {
    if (m_done) {
      return std::nullopt;
    }
    ++m_page;
    if (m_page > m_limits.max_pages_per_document) {
      fail_ingest("too_many_pages",
                  "the TIFF has more than " + std::to_string(m_limits.max_pages_per_document) +
                      " pages",
                  m_name);
    }
    if (m_page > 1) {
      // Move to this page's directory only now: the previous page is decoded and gone.
      m_messages.errors.clear();
      const std::uint64_t previous = TIFFCurrentDirOffset(m_tif.get());
      if (TIFFReadDirectory(m_tif.get()) == 0) {
        m_done = true;
        if (!m_messages.errors.empty()) {
          StructureProbe probe(m_file, m_size);
          if (probe.directory_cut_off(probe.next_directory(previous))) {
            fail_ingest("truncated_file",
                        "the file ends inside the directory of page " + std::to_string(m_page),
                        m_name, m_page);
          }
          fail_ingest("corrupt_image",
                      "the directory of page " + std::to_string(m_page) +
                          " cannot be read (libtiff: " + m_messages.errors + ")",
                      m_name, m_page);
        }
        return std::nullopt;
      }
    }
    return m_decoder->read_page(m_page, m_default_dpi, m_limits);
  }

private:
  std::filesystem::path m_file;
  std::string m_name;
  double m_default_dpi;
  IngestLimits m_limits;
  Messages m_messages;
  OptionsPtr m_options;
  TiffPtr m_tif; // after m_options and m_messages: closed before they go
  std::unique_ptr<TiffDecoder> m_decoder;
  std::uintmax_t m_size = 0;
  int m_page = 0;
  bool m_done = false;
};

} // namespace

std::unique_ptr<PageSource> open_tiff(const std::filesystem::path& file, const std::string& name,
                                      double default_dpi, const IngestLimits& limits) {
  return std::make_unique<TiffPageSource>(file, name, default_dpi, limits);
}

std::vector<RasterPage> load_tiff(const std::filesystem::path& file, const std::string& name,
                                  double default_dpi, const IngestLimits& limits) {
  return drain(*open_tiff(file, name, default_dpi, limits));
}

} // namespace sohoa::pipeline
