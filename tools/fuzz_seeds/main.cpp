// sohoa-fuzz-seeds OUTDIR: writes the binary seeds of the fuzz targets (PNG, JPEG and
// TIFF files, header payloads) into OUTDIR/<target>/, the same bytes on every run, so
// the repository holds only the text seeds (fuzz/corpus/) and this recipe.
#include "test_pipeline_ingest_util.hpp"
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <string>
#include <tiffio.h>
#include <vector>

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;
using namespace sohoa::test;

namespace {

// A small grey gradient: enough structure for the codecs to emit real data.
cv::Mat gradient(int rows, int cols, int type = CV_8UC1) {
  cv::Mat m(rows, cols, type);
  for (int y = 0; y < rows; ++y) {
    for (int x = 0; x < cols; ++x) {
      const auto v = static_cast<std::uint8_t>((x * 37 + y * 91) % 256);
      if (type == CV_8UC3) {
        m.at<cv::Vec3b>(y, x) = cv::Vec3b(v, static_cast<std::uint8_t>(255 - v), 128);
      } else {
        m.at<std::uint8_t>(y, x) = v;
      }
    }
  }
  return m;
}

cv::Mat bilevel(int rows, int cols) {
  cv::Mat m = gradient(rows, cols);
  return m > 127; // 0 / 255
}

void put_be32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(v >> shift));
  }
}

Bytes png_phys_payload(std::uint32_t ppm_x, std::uint32_t ppm_y, std::uint8_t unit) {
  Bytes out;
  put_be32(out, ppm_x);
  put_be32(out, ppm_y);
  out.push_back(unit);
  return out;
}

// A PNG whose IHDR claims `side` x `side` grey pixels over a few bytes of IDAT.
Bytes png_bomb(std::uint32_t side) {
  Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  Bytes ihdr;
  put_be32(ihdr, side);
  put_be32(ihdr, side);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});
  for (const Bytes& chunk : {png_chunk("IHDR", ihdr), png_chunk("IDAT", {0x78, 0x9C, 0x63, 0, 0}),
                             png_chunk("IEND", {})}) {
    png.insert(png.end(), chunk.begin(), chunk.end());
  }
  return png;
}

// The JFIF APP0 payload (after the marker and length): "JFIF\0", version, density.
Bytes jfif_payload(std::uint8_t units, std::uint16_t x, std::uint16_t y) {
  return {'J',
          'F',
          'I',
          'F',
          0,
          1,
          2,
          units,
          static_cast<std::uint8_t>(x >> 8),
          static_cast<std::uint8_t>(x),
          static_cast<std::uint8_t>(y >> 8),
          static_cast<std::uint8_t>(y),
          0,
          0};
}

// A JPEG whose SOF0 claims `side` x `side` pixels over its few real ones.
Bytes jpeg_bomb(Bytes jpeg, std::uint16_t side) {
  for (std::size_t i = 2; i + 8 < jpeg.size(); ++i) {
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
      for (std::size_t at : {i + 5, i + 7}) {
        jpeg[at] = static_cast<std::uint8_t>(side >> 8);
        jpeg[at + 1] = static_cast<std::uint8_t>(side);
      }
      return jpeg;
    }
  }
  throw std::runtime_error("no SOF0 in the encoded JPEG");
}

Bytes truncated(Bytes bytes, std::size_t keep) {
  bytes.resize(std::min(keep, bytes.size()));
  return bytes;
}

void write_density_seeds(const fs::path& dir) {
  const Bytes grey_png = encode(gradient(3, 4), ".png");
  const Bytes grey_jpeg = encode(gradient(16, 8), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 75});
  write_bytes(dir / "png-grey-phys-300.png", with_phys(grey_png, 11811, 11811, 1));
  write_bytes(dir / "png-phys-aspect.png", with_phys(encode(gradient(3, 3), ".png"), 1, 2, 0));
  write_bytes(dir / "png-rgb-nophys.png", encode(gradient(2, 2, CV_8UC3), ".png"));
  write_bytes(dir / "png-bilevel.png", encode(bilevel(2, 9), ".png", {cv::IMWRITE_PNG_BILEVEL, 1}));
  write_bytes(dir / "png-truncated.png", truncated(with_phys(grey_png, 11811, 11811, 1), 40));
  write_bytes(dir / "png-bomb.png", png_bomb(100000));
  write_bytes(dir / "phys-payload", png_phys_payload(11811, 11811, 1));
  write_bytes(dir / "jfif-payload", jfif_payload(1, 300, 300));
  write_bytes(dir / "exif-payload-le", exif_payload(true, 300, 1, 2, 1));
  write_bytes(dir / "jpeg-jfif-dpi.jpg", with_jfif_density(grey_jpeg, 1, 300, 300));
  write_bytes(dir / "jpeg-jfif-dpcm.jpg", with_jfif_density(grey_jpeg, 2, 118, 118));
  write_bytes(dir / "jpeg-exif-be.jpg", with_app1(grey_jpeg, exif_payload(false, 300, 1, 2, 6)));
  write_bytes(dir / "jpeg-exif-le-cm.jpg", with_app1(grey_jpeg, exif_payload(true, 118, 1, 3, 8)));
  write_bytes(dir / "jpeg-no-eoi.jpg", truncated(grey_jpeg, grey_jpeg.size() - 2));
  write_bytes(dir / "jpeg-bomb.jpg", jpeg_bomb(grey_jpeg, 65500));
}

void write_tiff_seeds(const fs::path& dir) {
  TiffPage g4;
  g4.pixels = bilevel(8, 16);
  g4.bits = 1;
  g4.photometric = PHOTOMETRIC_MINISWHITE;
  g4.compression = COMPRESSION_CCITTFAX4;
  g4.x_res = 200.0F;
  write_tiff(dir / "g4-two-pages.tif", {g4, g4});

  TiffPage grey;
  grey.pixels = gradient(6, 8);
  grey.x_res = 300.0F;
  write_tiff(dir / "grey-raw.tif", {grey});
  grey.compression = COMPRESSION_LZW;
  write_tiff(dir / "grey-lzw.tif", {grey});

  TiffPage rgb;
  rgb.pixels = gradient(16, 16, CV_8UC3);
  rgb.photometric = PHOTOMETRIC_RGB;
  rgb.compression = COMPRESSION_ADOBE_DEFLATE;
  rgb.tiled = true;
  rgb.x_res = 300.0F;
  write_tiff(dir / "rgb-tiled-deflate.tif", {rgb});
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sohoa-fuzz-seeds OUTDIR\n";
    return 2;
  }
  const fs::path out(argv[1]);
  try {
    fs::create_directories(out / "density");
    fs::create_directories(out / "tiff");
    write_density_seeds(out / "density");
    write_tiff_seeds(out / "tiff");
  } catch (const std::exception& e) {
    std::cerr << "sohoa-fuzz-seeds: " << e.what() << "\n";
    return 1;
  }
  std::cout << "sohoa-fuzz-seeds: wrote " << out.string() << "/density and /tiff\n";
  return 0;
}
