#include "image_encode.hpp"

#include "sohoa/core/error.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace sohoa::pdf {
namespace {

// A growable byte buffer that libtiff reads and writes through TIFFClientOpen.
struct MemoryFile {
  std::string bytes;
  toff_t pos = 0;
};

tmsize_t mem_read(thandle_t h, void* buf, tmsize_t size) {
  auto* f = static_cast<MemoryFile*>(h);
  if (f->pos >= f->bytes.size()) {
    return 0;
  }
  const auto n = std::min<toff_t>(static_cast<toff_t>(size), f->bytes.size() - f->pos);
  std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return static_cast<tmsize_t>(n);
}

tmsize_t mem_write(thandle_t h, void* buf, tmsize_t size) {
  auto* f = static_cast<MemoryFile*>(h);
  const auto end = f->pos + static_cast<toff_t>(size);
  if (end > f->bytes.size()) {
    f->bytes.resize(end);
  }
  std::memcpy(f->bytes.data() + f->pos, buf, static_cast<std::size_t>(size));
  f->pos = end;
  return size;
}

toff_t mem_seek(thandle_t h, toff_t off, int whence) {
  auto* f = static_cast<MemoryFile*>(h);
  toff_t base = 0;
  if (whence == SEEK_CUR) {
    base = f->pos;
  } else if (whence == SEEK_END) {
    base = f->bytes.size();
  }
  f->pos = base + off;
  return f->pos;
}

int mem_close(thandle_t) {
  return 0;
}
toff_t mem_size(thandle_t h) {
  return static_cast<MemoryFile*>(h)->bytes.size();
}
int mem_map(thandle_t, void**, toff_t*) {
  return 0;
}
void mem_unmap(thandle_t, void*, toff_t) {}

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

TiffPtr open_memory(MemoryFile& file, const char* mode) {
  file.pos = 0;
  return TiffPtr(TIFFClientOpen("memory", mode, &file, mem_read, mem_write, mem_seek, mem_close,
                                mem_size, mem_map, mem_unmap));
}

} // namespace

std::string encode_jpeg(const cv::Mat& image, int quality) {
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3)) {
    throw Error(Stage::pdf, "bad_page_image", "page image must be 8-bit grey or BGR");
  }
  std::vector<uchar> out;
  const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY,     std::clamp(quality, 1, 100),
                                cv::IMWRITE_JPEG_PROGRESSIVE, 0,
                                cv::IMWRITE_JPEG_OPTIMIZE,    1};
  bool ok = false;
  try {
    ok = cv::imencode(".jpg", image, out, params);
  } catch (const cv::Exception& e) {
    throw Error(Stage::pdf, "jpeg_encode_failed", e.what());
  }
  if (!ok || out.empty()) {
    throw Error(Stage::pdf, "jpeg_encode_failed", "OpenCV could not encode the page as JPEG");
  }
  return {reinterpret_cast<const char*>(out.data()), out.size()};
}

std::string encode_ccitt_g4(const cv::Mat& bitonal) {
  if (bitonal.empty() || bitonal.type() != CV_8UC1) {
    throw Error(Stage::pdf, "bad_page_image", "bitonal page image must be CV_8UC1");
  }
  const int w = bitonal.cols;
  const int h = bitonal.rows;
  MemoryFile file;
  {
    TiffPtr tif = open_memory(file, "w");
    if (!tif) {
      throw Error(Stage::pdf, "ccitt_encode_failed", "libtiff could not open a memory TIFF");
    }
    TIFFSetField(tif.get(), TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(w));
    TIFFSetField(tif.get(), TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(h));
    TIFFSetField(tif.get(), TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(tif.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif.get(), TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(h));
    TIFFSetField(tif.get(), TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
    // Fax coding calls 0 bits white: store ink as 1 (min-is-white).
    TIFFSetField(tif.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    TIFFSetField(tif.get(), TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(tif.get(), TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif.get(), TIFFTAG_GROUP4OPTIONS, 0);
    const std::size_t row_bytes = (static_cast<std::size_t>(w) + 7) / 8;
    std::vector<unsigned char> packed(row_bytes * static_cast<std::size_t>(h), 0);
    for (int y = 0; y < h; ++y) {
      const unsigned char* src = bitonal.ptr<unsigned char>(y);
      unsigned char* dst = packed.data() + row_bytes * static_cast<std::size_t>(y);
      for (int x = 0; x < w; ++x) {
        if (src[x] == 0) {
          dst[x >> 3] |= static_cast<unsigned char>(0x80u >> (x & 7));
        }
      }
    }
    if (TIFFWriteEncodedStrip(tif.get(), 0, packed.data(), static_cast<tmsize_t>(packed.size())) <
        0) {
      throw Error(Stage::pdf, "ccitt_encode_failed", "libtiff could not encode CCITT G4");
    }
  }
  TiffPtr tif = open_memory(file, "r");
  if (!tif) {
    throw Error(Stage::pdf, "ccitt_encode_failed", "libtiff could not reread the G4 strip");
  }
  uint64_t* counts = nullptr;
  if (TIFFGetField(tif.get(), TIFFTAG_STRIPBYTECOUNTS, &counts) != 1 || counts == nullptr) {
    throw Error(Stage::pdf, "ccitt_encode_failed", "G4 strip has no byte count");
  }
  std::string raw(static_cast<std::size_t>(counts[0]), '\0');
  if (TIFFReadRawStrip(tif.get(), 0, raw.data(), static_cast<tmsize_t>(raw.size())) < 0) {
    throw Error(Stage::pdf, "ccitt_encode_failed", "could not read the G4 strip back");
  }
  return raw;
}

cv::Mat decode_ccitt(const std::string& data, const CcittParams& params) {
  const auto fail = [](const std::string& why) {
    return Error(Stage::ingest, "corrupt_pdf", "CCITT image: " + why);
  };
  if (params.columns <= 0 || params.rows <= 0 || data.empty()) {
    throw fail("missing size or data");
  }
  if (params.k >= 0 && !params.end_of_line && !params.encoded_byte_align) {
    // libtiff's Group 3 decoder needs EOL codes or byte-aligned rows.
    throw Error(Stage::ingest, "unsupported_image_filter",
                "CCITT Group 3 without EOL markers is not supported");
  }
  MemoryFile file;
  {
    TiffPtr tif = open_memory(file, "w");
    if (!tif) {
      throw fail("libtiff could not open a memory TIFF");
    }
    TIFFSetField(tif.get(), TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(params.columns));
    TIFFSetField(tif.get(), TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(params.rows));
    TIFFSetField(tif.get(), TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(tif.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif.get(), TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(params.rows));
    TIFFSetField(tif.get(), TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(tif.get(), TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    if (params.k < 0) {
      TIFFSetField(tif.get(), TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
      TIFFSetField(tif.get(), TIFFTAG_GROUP4OPTIONS, 0);
    } else {
      TIFFSetField(tif.get(), TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX3);
      uint32_t options = params.k > 0 ? GROUP3OPT_2DENCODING : 0;
      if (params.encoded_byte_align) {
        options |= GROUP3OPT_FILLBITS;
      }
      TIFFSetField(tif.get(), TIFFTAG_GROUP3OPTIONS, options);
    }
    if (TIFFWriteRawStrip(tif.get(), 0, const_cast<char*>(data.data()),
                          static_cast<tmsize_t>(data.size())) < 0) {
      throw fail("libtiff could not store the strip");
    }
  }
  TiffPtr tif = open_memory(file, "r");
  if (!tif) {
    throw fail("libtiff could not reopen the memory TIFF");
  }
  const std::size_t row_bytes = (static_cast<std::size_t>(params.columns) + 7) / 8;
  std::vector<unsigned char> packed(row_bytes * static_cast<std::size_t>(params.rows), 0);
  if (TIFFReadEncodedStrip(tif.get(), 0, packed.data(), static_cast<tmsize_t>(packed.size())) < 0) {
    throw fail("libtiff could not decode the fax data");
  }
  // With min-is-white, set bits are black; BlackIs1 false means the PDF's
  // fax data has the usual meaning, which is what libtiff decoded.
  cv::Mat out(params.rows, params.columns, CV_8UC1);
  for (int y = 0; y < params.rows; ++y) {
    const unsigned char* src = packed.data() + row_bytes * static_cast<std::size_t>(y);
    unsigned char* dst = out.ptr<unsigned char>(y);
    for (int x = 0; x < params.columns; ++x) {
      const bool ink = (src[x >> 3] & (0x80u >> (x & 7))) != 0;
      dst[x] = ink ? 0 : 255;
    }
  }
  return out;
}

cv::Mat luminance(const cv::Mat& image) {
  if (image.channels() == 1) {
    return image;
  }
  cv::Mat grey;
  cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

} // namespace sohoa::pdf
