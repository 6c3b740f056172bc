#include "test_pipeline_ingest_util.hpp"
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <tiffio.h>
#include <zlib.h>

namespace sohoa::test {

namespace {

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};

// zlib's CRC-32, the one PNG chunks carry.
std::uint32_t png_crc32(const std::uint8_t* data, std::size_t size) {
  return static_cast<std::uint32_t>(::crc32(0L, data, static_cast<uInt>(size)));
}

void put_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(v >> shift));
  }
}

// One row of the page in the sample layout libtiff expects.
std::vector<std::uint8_t> row_bytes(const TiffPage& page, int y, int plane) {
  const cv::Mat& m = page.pixels;
  std::vector<std::uint8_t> row;
  if (page.bits == 1) {
    row.assign(static_cast<std::size_t>((m.cols + 7) / 8), 0);
    const bool min_is_white = page.photometric == PHOTOMETRIC_MINISWHITE;
    for (int x = 0; x < m.cols; ++x) {
      const bool white = m.at<std::uint8_t>(y, x) != 0;
      if (white != min_is_white) {
        row[static_cast<std::size_t>(x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
      }
    }
    return row;
  }
  if (page.bits == 4) { // grey only
    row.assign(static_cast<std::size_t>((m.cols + 1) / 2), 0);
    for (int x = 0; x < m.cols; ++x) {
      const int v = m.at<std::uint8_t>(y, x) >> 4;
      row[static_cast<std::size_t>(x / 2)] |= static_cast<std::uint8_t>(x % 2 == 0 ? v << 4 : v);
    }
    return row;
  }
  const int channels = m.channels();
  const std::size_t sample_bytes = m.elemSize1();
  for (int x = 0; x < m.cols; ++x) {
    for (int c = 0; c < channels; ++c) {
      if (page.planar_separate && c != plane) {
        continue;
      }
      // BGR(A) in the Mat, RGB(A) in the file.
      const int source = channels >= 3 && c < 3 ? 2 - c : c;
      const auto* p = m.ptr<std::uint8_t>(y) +
                      (static_cast<std::size_t>(x) * channels + static_cast<std::size_t>(source)) *
                          sample_bytes;
      row.insert(row.end(), p, p + sample_bytes);
    }
  }
  return row;
}

} // namespace

void write_tiff(const std::filesystem::path& file, const std::vector<TiffPage>& pages) {
  std::unique_ptr<TIFF, TiffCloser> tif(TIFFOpen(file.c_str(), "w"));
  if (!tif) {
    throw std::runtime_error("TIFFOpen failed");
  }
  TIFF* t = tif.get();
  for (const TiffPage& page : pages) {
    const cv::Mat& m = page.pixels;
    const int spp = page.bits == 1 || page.bits == 4 ? 1 : m.channels();
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(m.cols));
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(m.rows));
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(page.bits));
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, static_cast<std::uint16_t>(spp));
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, static_cast<std::uint16_t>(page.photometric));
    TIFFSetField(t, TIFFTAG_COMPRESSION, static_cast<std::uint16_t>(page.compression));
    TIFFSetField(t, TIFFTAG_PLANARCONFIG,
                 page.planar_separate ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG);
    TIFFSetField(t, TIFFTAG_ORIENTATION, static_cast<std::uint16_t>(page.orientation));
    if (spp == 4) {
      const std::uint16_t extra[] = {EXTRASAMPLE_UNASSALPHA};
      TIFFSetField(t, TIFFTAG_EXTRASAMPLES, 1, extra);
    }
    if (page.x_res) {
      TIFFSetField(t, TIFFTAG_XRESOLUTION, *page.x_res);
      TIFFSetField(t, TIFFTAG_YRESOLUTION, page.y_res ? *page.y_res : *page.x_res);
      TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, static_cast<std::uint16_t>(page.unit));
    }
    if (page.compression == COMPRESSION_JPEG) {
      TIFFSetField(t, TIFFTAG_JPEGQUALITY, 90);
      if (page.photometric == PHOTOMETRIC_YCBCR) {
        TIFFSetField(t, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
      }
    }
    std::vector<std::uint16_t> map_r(256);
    std::vector<std::uint16_t> map_g(256);
    std::vector<std::uint16_t> map_b(256);
    if (page.photometric == PHOTOMETRIC_PALETTE) {
      for (std::size_t i = 0; i < 256 && i < page.palette.size(); ++i) {
        map_b[i] = static_cast<std::uint16_t>(page.palette[i][0] * 257);
        map_g[i] = static_cast<std::uint16_t>(page.palette[i][1] * 257);
        map_r[i] = static_cast<std::uint16_t>(page.palette[i][2] * 257);
      }
      TIFFSetField(t, TIFFTAG_COLORMAP, map_r.data(), map_g.data(), map_b.data());
    }
    TIFFSetField(t, TIFFTAG_SUBFILETYPE, pages.size() > 1 ? FILETYPE_PAGE : 0);
    if (page.tiled) {
      constexpr std::uint32_t k_tile = 16;
      TIFFSetField(t, TIFFTAG_TILEWIDTH, k_tile);
      TIFFSetField(t, TIFFTAG_TILELENGTH, k_tile);
      std::vector<std::uint8_t> tile(static_cast<std::size_t>(TIFFTileSize(t)));
      const std::size_t tile_row = static_cast<std::size_t>(TIFFTileRowSize(t));
      for (int y = 0; y < m.rows; y += static_cast<int>(k_tile)) {
        for (int x = 0; x < m.cols; x += static_cast<int>(k_tile)) {
          std::fill(tile.begin(), tile.end(), 0);
          for (int r = 0; r < static_cast<int>(k_tile) && y + r < m.rows; ++r) {
            const std::vector<std::uint8_t> row = row_bytes(page, y + r, 0);
            const std::size_t from =
                static_cast<std::size_t>(x) * static_cast<std::size_t>(page.bits * spp) / 8;
            const std::size_t n =
                std::min<std::size_t>(tile_row, row.size() - std::min(from, row.size()));
            std::copy_n(row.begin() + static_cast<std::ptrdiff_t>(from), n,
                        tile.begin() + static_cast<std::ptrdiff_t>(r * tile_row));
          }
          if (TIFFWriteTile(t, tile.data(), static_cast<std::uint32_t>(x),
                            static_cast<std::uint32_t>(y), 0, 0) < 0) {
            throw std::runtime_error("TIFFWriteTile failed");
          }
        }
      }
    } else {
      TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, page.compression == COMPRESSION_JPEG ? 16u : 8u);
      const int planes = page.planar_separate ? spp : 1;
      for (int plane = 0; plane < planes; ++plane) {
        for (int y = 0; y < m.rows; ++y) {
          std::vector<std::uint8_t> row = row_bytes(page, y, plane);
          if (TIFFWriteScanline(t, row.data(), static_cast<std::uint32_t>(y),
                                static_cast<std::uint16_t>(plane)) < 0) {
            throw std::runtime_error("TIFFWriteScanline failed");
          }
        }
      }
    }
    if (TIFFWriteDirectory(t) == 0) {
      throw std::runtime_error("TIFFWriteDirectory failed");
    }
  }
}

std::vector<std::uint8_t> encode(const cv::Mat& image, const std::string& ext,
                                 const std::vector<int>& params) {
  std::vector<std::uint8_t> out;
  if (!cv::imencode(ext, image, out, params)) {
    throw std::runtime_error("imencode failed");
  }
  return out;
}

void write_bytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> png_chunk(const std::string& type,
                                    const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> out;
  put_be32(out, static_cast<std::uint32_t>(data.size()));
  out.insert(out.end(), type.begin(), type.end());
  out.insert(out.end(), data.begin(), data.end());
  const std::uint32_t crc = png_crc32(out.data() + 4, out.size() - 4);
  put_be32(out, crc);
  return out;
}

std::vector<std::uint8_t> with_phys(std::vector<std::uint8_t> png, std::uint32_t ppm_x,
                                    std::uint32_t ppm_y, std::uint8_t unit) {
  std::vector<std::uint8_t> data;
  put_be32(data, ppm_x);
  put_be32(data, ppm_y);
  data.push_back(unit);
  const std::vector<std::uint8_t> chunk = png_chunk("pHYs", data);
  constexpr std::size_t k_after_ihdr = 8 + 25;
  png.insert(png.begin() + k_after_ihdr, chunk.begin(), chunk.end());
  return png;
}

std::vector<std::uint8_t> with_jfif_density(std::vector<std::uint8_t> jpeg, std::uint8_t units,
                                            std::uint16_t x, std::uint16_t y) {
  // FF D8 | FF E0 len(2) "JFIF\0" version(2) units x(2) y(2)
  if (jpeg.size() < 18 || jpeg[2] != 0xFF || jpeg[3] != 0xE0 || jpeg[6] != 'J') {
    throw std::runtime_error("no JFIF APP0 where expected");
  }
  jpeg[13] = units;
  jpeg[14] = static_cast<std::uint8_t>(x >> 8);
  jpeg[15] = static_cast<std::uint8_t>(x);
  jpeg[16] = static_cast<std::uint8_t>(y >> 8);
  jpeg[17] = static_cast<std::uint8_t>(y);
  return jpeg;
}

std::vector<std::uint8_t> exif_payload(bool little, std::uint32_t res_num, std::uint32_t res_den,
                                       std::uint16_t unit, std::uint16_t orientation) {
  std::vector<std::uint8_t> t;
  auto u16 = [&](std::uint16_t v) {
    if (little) {
      t.push_back(static_cast<std::uint8_t>(v));
      t.push_back(static_cast<std::uint8_t>(v >> 8));
    } else {
      t.push_back(static_cast<std::uint8_t>(v >> 8));
      t.push_back(static_cast<std::uint8_t>(v));
    }
  };
  auto u32 = [&](std::uint32_t v) {
    if (little) {
      u16(static_cast<std::uint16_t>(v));
      u16(static_cast<std::uint16_t>(v >> 16));
    } else {
      u16(static_cast<std::uint16_t>(v >> 16));
      u16(static_cast<std::uint16_t>(v));
    }
  };
  t.push_back(little ? 'I' : 'M');
  t.push_back(little ? 'I' : 'M');
  u16(42);
  u32(8);                                          // IFD0 right after the header
  u16(4);                                          // entries
  const std::uint32_t values = 8 + 2 + 4 * 12 + 4; // rationals after the IFD
  u16(0x0112);
  u16(3);
  u32(1);
  u16(orientation);
  u16(0);
  u16(0x011A);
  u16(5);
  u32(1);
  u32(values);
  u16(0x011B);
  u16(5);
  u32(1);
  u32(values + 8);
  u16(0x0128);
  u16(3);
  u32(1);
  u16(unit);
  u16(0);
  u32(0); // no next IFD
  u32(res_num);
  u32(res_den);
  u32(res_num);
  u32(res_den);
  std::vector<std::uint8_t> payload{'E', 'x', 'i', 'f', 0, 0};
  payload.insert(payload.end(), t.begin(), t.end());
  return payload;
}

std::vector<std::uint8_t> with_app1(std::vector<std::uint8_t> jpeg,
                                    const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> segment{0xFF, 0xE1};
  const std::size_t length = payload.size() + 2;
  segment.push_back(static_cast<std::uint8_t>(length >> 8));
  segment.push_back(static_cast<std::uint8_t>(length));
  segment.insert(segment.end(), payload.begin(), payload.end());
  jpeg.insert(jpeg.begin() + 2, segment.begin(), segment.end());
  return jpeg;
}

} // namespace sohoa::test
