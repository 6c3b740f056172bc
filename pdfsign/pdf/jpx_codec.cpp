#include "sohoa/pdf/jpx_codec.hpp"

#include "sohoa/core/error.hpp"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace sohoa::pdf {
namespace {

struct CodecCloser {
  void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamCloser {
  void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageCloser {
  void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};
using CodecPtr = std::unique_ptr<opj_codec_t, CodecCloser>;
using StreamPtr = std::unique_ptr<opj_stream_t, StreamCloser>;
using ImagePtr = std::unique_ptr<opj_image_t, ImageCloser>;

// The bytes OpenJPEG reads or writes, with its position: JP2 writing seeks back
// to fill in box lengths.
struct Buffer {
  std::string bytes;
  std::size_t pos = 0;
};

OPJ_SIZE_T buffer_write(void* data, OPJ_SIZE_T n, void* user) {
  auto* b = static_cast<Buffer*>(user);
  if (b->pos + n > b->bytes.size()) {
    b->bytes.resize(b->pos + n);
  }
  std::memcpy(b->bytes.data() + b->pos, data, n);
  b->pos += n;
  return n;
}

OPJ_SIZE_T buffer_read(void* data, OPJ_SIZE_T n, void* user) {
  auto* b = static_cast<Buffer*>(user);
  if (b->pos >= b->bytes.size()) {
    return static_cast<OPJ_SIZE_T>(-1); // end of stream, as OpenJPEG expects it
  }
  const std::size_t count = std::min<std::size_t>(n, b->bytes.size() - b->pos);
  std::memcpy(data, b->bytes.data() + b->pos, count);
  b->pos += count;
  return count;
}

OPJ_OFF_T buffer_skip(OPJ_OFF_T n, void* user) {
  auto* b = static_cast<Buffer*>(user);
  if (n < 0 && static_cast<std::size_t>(-n) > b->pos) {
    return -1;
  }
  b->pos = static_cast<std::size_t>(static_cast<OPJ_OFF_T>(b->pos) + n);
  return n;
}

OPJ_BOOL buffer_seek(OPJ_OFF_T to, void* user) {
  auto* b = static_cast<Buffer*>(user);
  if (to < 0) {
    return OPJ_FALSE;
  }
  b->pos = static_cast<std::size_t>(to);
  return OPJ_TRUE;
}

StreamPtr memory_stream(Buffer& buffer, bool input) {
  StreamPtr stream(opj_stream_default_create(input ? OPJ_TRUE : OPJ_FALSE));
  if (!stream) {
    if (input) {
      throw Error(Stage::pdf, "corrupt_pdf", "OpenJPEG could not make a stream");
    }
    throw Error(Stage::pdf, "pdf_write_failed", "OpenJPEG could not make a stream");
  }
  opj_stream_set_user_data(stream.get(), &buffer, nullptr);
  if (input) {
    opj_stream_set_read_function(stream.get(), buffer_read);
    opj_stream_set_user_data_length(stream.get(), buffer.bytes.size());
  } else {
    opj_stream_set_write_function(stream.get(), buffer_write);
  }
  opj_stream_set_skip_function(stream.get(), buffer_skip);
  opj_stream_set_seek_function(stream.get(), buffer_seek);
  return stream;
}

// OpenJPEG reports through callbacks: the last error is kept for the exception.
void keep_error(const char* message, void* user) {
  auto* last = static_cast<std::string*>(user);
  *last = message;
  while (!last->empty() && last->back() == '\n') {
    last->pop_back();
  }
}
void ignore_message(const char*, void*) {}

void report_to(opj_codec_t* codec, std::string& last_error) {
  opj_set_error_handler(codec, keep_error, &last_error);
  opj_set_warning_handler(codec, ignore_message, nullptr);
  opj_set_info_handler(codec, ignore_message, nullptr);
}

// Wavelet levels such that the smallest resolution keeps a few pixels.
int resolutions_for(int width, int height) {
  int levels = 6;
  while (levels > 1 && std::min(width, height) < (1 << (levels - 1)) * 4) {
    --levels;
  }
  return levels;
}

} // namespace

std::string encode_jpx(const cv::Mat& image, double compression_ratio) {
  return encode_jpx_layers(image, {compression_ratio});
}

std::string encode_jpx_layers(const cv::Mat& image, const std::vector<double>& ratios) {
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3)) {
    throw Error(Stage::pdf, "pdf_write_failed", "image must be 8-bit grey or BGR");
  }
  if (ratios.empty() || ratios.size() > 100) {
    throw Error(Stage::pdf, "pdf_write_failed", "1 to 100 quality layers");
  }
  for (std::size_t k = 0; k < ratios.size(); ++k) {
    if (!(ratios[k] > 1) || (k > 0 && !(ratios[k] < ratios[k - 1]))) {
      throw Error(Stage::pdf, "pdf_write_failed",
                  "compression ratios must be above 1 and decrease layer by layer");
    }
  }
  const int channels = image.channels();
  opj_image_cmptparm_t parms[3];
  std::memset(parms, 0, sizeof parms);
  for (int c = 0; c < channels; ++c) {
    parms[c].dx = 1;
    parms[c].dy = 1;
    parms[c].w = static_cast<OPJ_UINT32>(image.cols);
    parms[c].h = static_cast<OPJ_UINT32>(image.rows);
    parms[c].prec = 8;
    parms[c].sgnd = 0;
  }
  ImagePtr jp(opj_image_create(static_cast<OPJ_UINT32>(channels), parms,
                               channels == 1 ? OPJ_CLRSPC_GRAY : OPJ_CLRSPC_SRGB));
  if (!jp) {
    throw Error(Stage::pdf, "pdf_write_failed", "OpenJPEG could not allocate the image");
  }
  jp->x0 = 0;
  jp->y0 = 0;
  jp->x1 = static_cast<OPJ_UINT32>(image.cols);
  jp->y1 = static_cast<OPJ_UINT32>(image.rows);
  for (int y = 0; y < image.rows; ++y) {
    const unsigned char* row = image.ptr<unsigned char>(y);
    const std::size_t base = static_cast<std::size_t>(y) * static_cast<std::size_t>(image.cols);
    for (int x = 0; x < image.cols; ++x) {
      for (int c = 0; c < channels; ++c) {
        // OpenJPEG's components are R, G, B; OpenCV's pixels are B, G, R.
        const int from = channels == 3 ? 2 - c : 0;
        jp->comps[c].data[base + static_cast<std::size_t>(x)] = row[x * channels + from];
      }
    }
  }

  opj_cparameters_t p;
  opj_set_default_encoder_parameters(&p);
  p.tcp_numlayers = static_cast<int>(ratios.size());
  for (std::size_t k = 0; k < ratios.size(); ++k) {
    p.tcp_rates[k] = static_cast<float>(ratios[k]);
  }
  p.cp_disto_alloc = 1;
  p.irreversible = 1; // the 9/7 wavelet: lossy, smaller than 5/3 at equal quality
  p.tcp_mct = channels == 3 ? 1 : 0;
  p.numresolution = resolutions_for(image.cols, image.rows);

  std::string last_error;
  CodecPtr codec(opj_create_compress(OPJ_CODEC_JP2));
  if (!codec) {
    throw Error(Stage::pdf, "pdf_write_failed", "OpenJPEG could not make an encoder");
  }
  report_to(codec.get(), last_error);
  Buffer out;
  StreamPtr stream = memory_stream(out, false);
  const bool ok = opj_setup_encoder(codec.get(), &p, jp.get()) != 0 &&
                  opj_start_compress(codec.get(), jp.get(), stream.get()) != 0 &&
                  opj_encode(codec.get(), stream.get()) != 0 &&
                  opj_end_compress(codec.get(), stream.get()) != 0;
  if (!ok) {
    throw Error(Stage::pdf, "pdf_write_failed",
                "OpenJPEG: " + (last_error.empty() ? std::string("encoding failed") : last_error));
  }
  return std::move(out.bytes);
}

cv::Mat decode_jpx(const std::string& jp2, int layers, long long max_pixels) {
  std::string last_error;
  CodecPtr codec(opj_create_decompress(OPJ_CODEC_JP2));
  if (!codec) {
    throw Error(Stage::pdf, "corrupt_pdf", "OpenJPEG could not make a decoder");
  }
  report_to(codec.get(), last_error);
  opj_dparameters_t p;
  opj_set_default_decoder_parameters(&p);
  p.cp_layer = static_cast<OPJ_UINT32>(std::max(layers, 0));
  Buffer in{jp2, 0};
  StreamPtr stream = memory_stream(in, true);
  opj_image_t* raw = nullptr;
  const bool header = opj_setup_decoder(codec.get(), &p) != 0 &&
                      opj_read_header(stream.get(), codec.get(), &raw) != 0;
  ImagePtr jp(raw);
  const auto fail = [&](const std::string& what) {
    return Error(Stage::pdf, "corrupt_pdf",
                 "OpenJPEG: " + (last_error.empty() ? what : last_error));
  };
  if (!header || !jp) {
    throw fail("bad header");
  }
  const long long announced =
      static_cast<long long>(jp->x1 - jp->x0) * static_cast<long long>(jp->y1 - jp->y0);
  if (max_pixels > 0 && announced > max_pixels) {
    throw Error(Stage::pdf, "corrupt_pdf",
                "JPEG 2000 of " + std::to_string(announced) + " pixels is over the limit");
  }
  if (opj_decode(codec.get(), stream.get(), jp.get()) == 0 ||
      opj_end_decompress(codec.get(), stream.get()) == 0) {
    throw fail("decoding failed");
  }
  const int channels = static_cast<int>(jp->numcomps);
  if (channels != 1 && channels != 3) {
    throw fail(std::to_string(channels) + " components");
  }
  const opj_image_comp_t& first = jp->comps[0];
  for (int c = 0; c < channels; ++c) {
    const opj_image_comp_t& comp = jp->comps[c];
    if (comp.prec != 8 || comp.sgnd != 0 || comp.dx != 1 || comp.dy != 1 || comp.w != first.w ||
        comp.h != first.h || comp.data == nullptr) {
      throw fail("not 8-bit samples at full resolution");
    }
  }
  const int width = static_cast<int>(first.w);
  const int height = static_cast<int>(first.h);
  cv::Mat out(height, width, CV_MAKETYPE(CV_8U, channels));
  for (int y = 0; y < height; ++y) {
    unsigned char* row = out.ptr<unsigned char>(y);
    const std::size_t base = static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        const int to = channels == 3 ? 2 - c : 0;
        row[x * channels + to] =
            static_cast<unsigned char>(std::clamp(jp->comps[c].data[base + x], 0, 255));
      }
    }
  }
  return out;
}

} // namespace sohoa::pdf
