#pragma once
// JPEG pixels through libjpeg directly: unlike OpenCV's reader it tells us when
// libjpeg warned ("premature end of data segment", "corrupt data"), which is how a
// damaged or cut-short JPEG still decodes to a half-grey picture.
#include <cstdint>
#include <opencv2/core.hpp>
#include <span>
#include <string>

namespace sohoa::pipeline {

struct JpegPixels {
  cv::Mat image;        // CV_8UC1 for one component, else CV_8UC3 (BGR)
  std::string warnings; // libjpeg's warnings while decoding, "; "-joined; empty if none
};

// Decodes the whole image. Throws sohoa::Error(Stage::ingest, "corrupt_image") naming
// `name` when libjpeg gives up.
JpegPixels decode_jpeg_pixels(std::span<const std::uint8_t> bytes, const std::string& name);

} // namespace sohoa::pipeline
