#include "decode_jpeg_pixels.hpp"
#include "decode_common.hpp"
#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>

namespace sohoa::pipeline {

namespace {

constexpr std::size_t k_max_warning_text = 1000;

// libjpeg reports through its error manager: fatal errors jump back to decode(),
// warnings are collected (never printed).
struct ErrorManager {
  jpeg_error_mgr base{};
  std::jmp_buf jump{};
  char fatal[JMSG_LENGTH_MAX] = {};
  std::string* warnings = nullptr;
};

void on_fatal(j_common_ptr cinfo) {
  auto* manager = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, manager->fatal);
  std::longjmp(manager->jump, 1);
}

void on_message(j_common_ptr cinfo, int level) {
  if (level >= 0) {
    return; // trace messages
  }
  auto* manager = reinterpret_cast<ErrorManager*>(cinfo->err);
  ++cinfo->err->num_warnings;
  if (manager->warnings->size() < k_max_warning_text) {
    char text[JMSG_LENGTH_MAX] = {};
    (*cinfo->err->format_message)(cinfo, text);
    *manager->warnings += (manager->warnings->empty() ? "" : "; ") + std::string(text);
  }
}

// Adobe CMYK JPEGs store inverted samples; others store plain CMYK.
void cmyk_to_bgr(const std::uint8_t* cmyk, int width, bool inverted, std::uint8_t* bgr) {
  for (int x = 0; x < width; ++x) {
    int c = cmyk[4 * x];
    int m = cmyk[4 * x + 1];
    int y = cmyk[4 * x + 2];
    int k = cmyk[4 * x + 3];
    if (!inverted) {
      c = 255 - c;
      m = 255 - m;
      y = 255 - y;
      k = 255 - k;
    }
    bgr[3 * x] = static_cast<std::uint8_t>(y * k / 255);
    bgr[3 * x + 1] = static_cast<std::uint8_t>(m * k / 255);
    bgr[3 * x + 2] = static_cast<std::uint8_t>(c * k / 255);
  }
}

// Everything touched after setjmp lives outside this frame (out, cmyk_row via out),
// so a longjmp back here leaves no object half-built.
bool decode(std::span<const std::uint8_t> bytes, jpeg_decompress_struct& cinfo,
            ErrorManager& errors, JpegPixels& out, std::vector<std::uint8_t>& cmyk_row) {
  cinfo.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = on_fatal;
  errors.base.emit_message = on_message;
  errors.base.output_message = [](j_common_ptr) {};
  if (setjmp(errors.jump) != 0) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  const bool grey = cinfo.num_components == 1;
  cinfo.out_color_space = grey ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_EXT_BGR;
  jpeg_start_decompress(&cinfo);
  out.image.create(static_cast<int>(cinfo.output_height), static_cast<int>(cinfo.output_width),
                   grey ? CV_8UC1 : CV_8UC3);
  if (cmyk) {
    cmyk_row.resize(static_cast<std::size_t>(cinfo.output_width) * 4);
  }
  while (cinfo.output_scanline < cinfo.output_height) {
    const int y = static_cast<int>(cinfo.output_scanline);
    JSAMPROW row = cmyk ? cmyk_row.data() : out.image.ptr<std::uint8_t>(y);
    if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) {
      break; // suspended: cannot happen with an in-memory source
    }
    if (cmyk) {
      cmyk_to_bgr(cmyk_row.data(), out.image.cols, cinfo.saw_Adobe_marker != 0,
                  out.image.ptr<std::uint8_t>(y));
    }
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return true;
}

} // namespace

JpegPixels decode_jpeg_pixels(std::span<const std::uint8_t> bytes, const std::string& name) {
  JpegPixels out;
  jpeg_decompress_struct cinfo{};
  ErrorManager errors;
  errors.warnings = &out.warnings;
  std::vector<std::uint8_t> cmyk_row;
  if (!decode(bytes, cinfo, errors, out, cmyk_row)) {
    fail_ingest("corrupt_image", std::string("the JPEG image cannot be decoded: ") + errors.fatal,
                name);
  }
  return out;
}

} // namespace sohoa::pipeline
