#pragma once
// Page image files with their resolution: PNG (pHYs), JPEG (JFIF density),
// TIFF (G4, LZW, JPEG; multi-page) and image-only PDF.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace sohoa::gen {

enum class Format { png, jpeg, tiff_g4, tiff_lzw, tiff_jpeg, pdf };

Format parse_format(const std::string& name); // throws std::invalid_argument
std::string format_name(Format f);
bool holds_many_pages(Format f);

struct PageImage {
  cv::Mat image; // 8-bit, 1 or 3 channels (BGR)
  int dpi = 300;
};

std::vector<std::uint8_t> encode_png(const cv::Mat& img, int dpi);
std::vector<std::uint8_t> encode_jpeg(const cv::Mat& img, int dpi, int quality);
void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);
void write_png(const std::filesystem::path& path, const PageImage& page);
void write_jpeg(const std::filesystem::path& path, const PageImage& page, int quality);
// Bitonal G4, grey LZW or colour JPEG: the pages are converted to what the
// compression stores.
void write_tiff(const std::filesystem::path& path, const std::vector<PageImage>& pages,
                Format compression);
void write_pdf(const std::filesystem::path& path, const std::vector<PageImage>& pages);
// The CRC-32 of a PNG chunk (type and data), from zlib.
std::uint32_t png_crc32(const std::uint8_t* data, std::size_t len);

} // namespace sohoa::gen
