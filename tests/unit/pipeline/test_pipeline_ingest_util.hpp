#pragma once
// Builders for ingest test inputs: TIFFs written with libtiff, PNG/JPEG byte patches.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::test {

struct TiffPage {
  cv::Mat pixels; // CV_8UC1 (0/255 when bits == 1), CV_16UC1, CV_8UC3
                  // (BGR), CV_16UC3, CV_8UC4 (BGRA: RGB + alpha)
  int bits = 8;
  int photometric = 1; // PHOTOMETRIC_MINISBLACK
  int compression = 1; // COMPRESSION_NONE
  std::optional<float> x_res;
  std::optional<float> y_res;
  int unit = 2; // RESUNIT_INCH
  int orientation = 1;
  bool tiled = false;
  bool planar_separate = false;
  std::vector<cv::Vec3b> palette; // BGR, 256 entries, for PHOTOMETRIC_PALETTE
};

// Writes the pages with libtiff; throws std::runtime_error when libtiff refuses.
void write_tiff(const std::filesystem::path& file, const std::vector<TiffPage>& pages);

std::vector<std::uint8_t> encode(const cv::Mat& image, const std::string& ext,
                                 const std::vector<int>& params = {});

void write_bytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes);
void write_text(const std::filesystem::path& file, const std::string& text);
std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file);

// PNG chunk (length, type, data, CRC) and a PNG with a pHYs chunk inserted after IHDR.
std::vector<std::uint8_t> png_chunk(const std::string& type, const std::vector<std::uint8_t>& data);
std::vector<std::uint8_t> with_phys(std::vector<std::uint8_t> png, std::uint32_t ppm_x,
                                    std::uint32_t ppm_y, std::uint8_t unit);

// Sets the JFIF APP0 density of a JPEG written by OpenCV (libjpeg writes APP0 first).
std::vector<std::uint8_t> with_jfif_density(std::vector<std::uint8_t> jpeg, std::uint8_t units,
                                            std::uint16_t x, std::uint16_t y);

// An Exif APP1 payload (starting "Exif\0\0") with XResolution/YResolution (num/den),
// ResolutionUnit and Orientation, in the given byte order.
std::vector<std::uint8_t> exif_payload(bool little_endian, std::uint32_t res_num,
                                       std::uint32_t res_den, std::uint16_t unit,
                                       std::uint16_t orientation);

// Inserts an APP1 segment holding `payload` right after SOI.
std::vector<std::uint8_t> with_app1(std::vector<std::uint8_t> jpeg,
                                    const std::vector<std::uint8_t>& payload);

} // namespace sohoa::test
