#include "tools/gen/writers.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <tiffio.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tools/gen/degrade.hpp"

namespace sohoa::gen {

Format parse_format(const std::string& name) {
  if (name == "png") {
    return Format::png;
  }
  if (name == "jpeg" || name == "jpg") {
    return Format::jpeg;
  }
  if (name == "tiff-g4") {
    return Format::tiff_g4;
  }
  if (name == "tiff-lzw") {
    return Format::tiff_lzw;
  }
  if (name == "tiff-jpeg") {
    return Format::tiff_jpeg;
  }
  if (name == "pdf") {
    return Format::pdf;
  }
  throw std::invalid_argument("unknown format '" + name + "'");
}

std::string format_name(Format f) {
  switch (f) {
  case Format::png:
    return "png";
  case Format::jpeg:
    return "jpeg";
  case Format::tiff_g4:
    return "tiff-g4";
  case Format::tiff_lzw:
    return "tiff-lzw";
  case Format::tiff_jpeg:
    return "tiff-jpeg";
  case Format::pdf:
    return "pdf";
  }
  return "png";
}

bool holds_many_pages(Format f) {
  return f != Format::png && f != Format::jpeg;
}

std::uint32_t png_crc32(const std::uint8_t* data, std::size_t len) {
  return static_cast<std::uint32_t>(::crc32(0L, data, static_cast<uInt>(len)));
}

namespace {

void put_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 24));
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

struct TiffDeleter {
  void operator()(TIFF* t) const { TIFFClose(t); }
};

struct CairoSurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

} // namespace

std::vector<std::uint8_t> encode_png(const cv::Mat& img, int dpi) {
  std::vector<std::uint8_t> buf;
  if (!cv::imencode(".png", img, buf, {cv::IMWRITE_PNG_COMPRESSION, 6})) {
    throw std::runtime_error("PNG encoding failed");
  }
  // OpenCV writes no pHYs chunk: insert one right after IHDR (8 + 25 bytes).
  std::vector<std::uint8_t> chunk;
  put_be32(chunk, 9);
  const std::uint8_t type[] = {'p', 'H', 'Y', 's'};
  chunk.insert(chunk.end(), type, type + 4);
  const auto ppm = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  put_be32(chunk, ppm);
  put_be32(chunk, ppm);
  chunk.push_back(1); // unit: metre
  put_be32(chunk, png_crc32(chunk.data() + 4, chunk.size() - 4));
  buf.insert(buf.begin() + 33, chunk.begin(), chunk.end());
  return buf;
}

std::vector<std::uint8_t> encode_jpeg(const cv::Mat& img, int dpi, int quality) {
  std::vector<std::uint8_t> buf;
  if (!cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, quality})) {
    throw std::runtime_error("JPEG encoding failed");
  }
  // libjpeg writes a JFIF APP0 with density 1:1 and no unit; set dots per inch.
  if (buf.size() > 20 && buf[2] == 0xFF && buf[3] == 0xE0 && buf[6] == 'J' && buf[7] == 'F' &&
      buf[8] == 'I' && buf[9] == 'F') {
    buf[13] = 1;
    buf[14] = static_cast<std::uint8_t>(dpi >> 8);
    buf[15] = static_cast<std::uint8_t>(dpi & 0xFF);
    buf[16] = static_cast<std::uint8_t>(dpi >> 8);
    buf[17] = static_cast<std::uint8_t>(dpi & 0xFF);
  } else {
    throw std::runtime_error("JPEG encoder wrote no JFIF header");
  }
  return buf;
}

void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

void write_png(const std::filesystem::path& path, const PageImage& page) {
  write_bytes(path, encode_png(page.image, page.dpi));
}

void write_jpeg(const std::filesystem::path& path, const PageImage& page, int quality) {
  write_bytes(path, encode_jpeg(page.image, page.dpi, quality));
}

void write_tiff(const std::filesystem::path& path, const std::vector<PageImage>& pages,
                Format compression) {
  std::unique_ptr<TIFF, TiffDeleter> tif(TIFFOpen(path.c_str(), "w"));
  if (!tif) {
    throw std::runtime_error("libtiff cannot create " + path.string());
  }
  TIFF* t = tif.get();
  const auto count = static_cast<uint16_t>(pages.size());
  for (uint16_t index = 0; index < count; ++index) {
    const PageImage& page = pages[index];
    cv::Mat img;
    if (compression == Format::tiff_g4) {
      img =
          page.image.channels() == 1 && cv::countNonZero((page.image > 0) & (page.image < 255)) == 0
              ? page.image
              : to_bitonal(page.image);
    } else if (compression == Format::tiff_lzw) {
      img = to_grey(page.image);
    } else if (page.image.channels() == 3) {
      cv::cvtColor(page.image, img, cv::COLOR_BGR2RGB);
    } else {
      img = page.image;
    }
    const uint32_t w = static_cast<uint32_t>(img.cols);
    const uint32_t h = static_cast<uint32_t>(img.rows);
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(t, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
    TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(t, TIFFTAG_XRESOLUTION, static_cast<float>(page.dpi));
    TIFFSetField(t, TIFFTAG_YRESOLUTION, static_cast<float>(page.dpi));
    if (count > 1) {
      TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
      TIFFSetField(t, TIFFTAG_PAGENUMBER, index, count);
    }
    if (compression == Format::tiff_g4) {
      TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
      TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
      TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
      TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
      TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, h);
      std::vector<uint8_t> row((w + 7) / 8);
      for (uint32_t y = 0; y < h; ++y) {
        std::fill(row.begin(), row.end(), 0);
        const uint8_t* src = img.ptr<uint8_t>(static_cast<int>(y));
        for (uint32_t x = 0; x < w; ++x) {
          if (src[x] < 128) {
            row[x / 8] |= static_cast<uint8_t>(0x80 >> (x % 8)); // 1 = black
          }
        }
        if (TIFFWriteScanline(t, row.data(), y, 0) < 0) {
          throw std::runtime_error("libtiff write failed: " + path.string());
        }
      }
    } else {
      const int channels = img.channels();
      TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, channels);
      if (compression == Format::tiff_lzw) {
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
        TIFFSetField(t, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 32);
      } else {
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 64);
        if (channels == 3) {
          TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
          TIFFSetField(t, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
        } else {
          TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        }
        TIFFSetField(t, TIFFTAG_JPEGQUALITY, 85);
      }
      for (uint32_t y = 0; y < h; ++y) {
        if (TIFFWriteScanline(t, img.ptr<uint8_t>(static_cast<int>(y)), y, 0) < 0) {
          throw std::runtime_error("libtiff write failed: " + path.string());
        }
      }
    }
    if (!TIFFWriteDirectory(t)) {
      throw std::runtime_error("libtiff cannot write a directory: " + path.string());
    }
  }
}

namespace {

cairo_status_t write_to_stream(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::ofstream*>(closure);
  out->write(reinterpret_cast<const char*>(data), length);
  return *out ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

void free_bytes(void* data) {
  delete static_cast<std::vector<std::uint8_t>*>(data);
}

} // namespace

void write_pdf(const std::filesystem::path& path, const std::vector<PageImage>& pages) {
  if (pages.empty()) {
    throw std::invalid_argument("write_pdf: no pages");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  auto pt = [](int px, int dpi) { return px * 72.0 / dpi; };
  std::unique_ptr<cairo_surface_t, CairoSurfaceFree> pdf(cairo_pdf_surface_create_for_stream(
      write_to_stream, &out, pt(pages[0].image.cols, pages[0].dpi),
      pt(pages[0].image.rows, pages[0].dpi)));
  // Fixed dates keep the file byte-identical between runs.
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-20T00:00:00Z");
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_MOD_DATE, "2026-11-20T00:00:00Z");
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "sohoa-gen");
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(pdf.get()));
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const PageImage& page = pages[i];
    if (i > 0) {
      cairo_pdf_surface_set_size(pdf.get(), pt(page.image.cols, page.dpi),
                                 pt(page.image.rows, page.dpi));
    }
    cv::Mat bgra;
    cv::cvtColor(page.image, bgra,
                 page.image.channels() == 1 ? cv::COLOR_GRAY2BGRA : cv::COLOR_BGR2BGRA);
    std::unique_ptr<cairo_surface_t, CairoSurfaceFree> img(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, bgra.cols, bgra.rows));
    const int stride = cairo_image_surface_get_stride(img.get());
    unsigned char* dst = cairo_image_surface_get_data(img.get());
    for (int y = 0; y < bgra.rows; ++y) {
      std::memcpy(dst + static_cast<std::ptrdiff_t>(y) * stride, bgra.ptr(y),
                  static_cast<std::size_t>(bgra.cols) * 4);
    }
    cairo_surface_mark_dirty(img.get());
    // The JPEG bytes become the page's DCTDecode stream as they are.
    auto* jpeg = new std::vector<std::uint8_t>(encode_jpeg(page.image, page.dpi, 85));
    cairo_surface_set_mime_data(img.get(), CAIRO_MIME_TYPE_JPEG, jpeg->data(), jpeg->size(),
                                free_bytes, jpeg);
    cairo_save(cr.get());
    cairo_scale(cr.get(), 72.0 / page.dpi, 72.0 / page.dpi);
    cairo_set_source_surface(cr.get(), img.get(), 0, 0);
    cairo_paint(cr.get());
    cairo_restore(cr.get());
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(pdf.get());
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS || !out) {
    throw std::runtime_error("cannot write PDF " + path.string());
  }
}

} // namespace sohoa::gen
