#include "bilevel_pix.hpp"
#include "sohoa/core/error.hpp"

namespace sohoa::ocr {

bool is_two_level(const cv::Mat& grey) {
  if (grey.type() != CV_8UC1) {
    return false;
  }
  for (int y = 0; y < grey.rows; ++y) {
    const unsigned char* row = grey.ptr<unsigned char>(y);
    for (int x = 0; x < grey.cols; ++x) {
      if (row[x] != 0 && row[x] != 255) {
        return false;
      }
    }
  }
  return true;
}

PixPtr two_level_pix(const cv::Mat& grey, int dpi) {
  CV_Assert(grey.type() == CV_8UC1);
  PixPtr pix(pixCreate(grey.cols, grey.rows, 1));
  if (!pix) {
    throw Error(Stage::ocr, "bad_image", "cannot allocate a Leptonica image for OCR");
  }
  pixSetResolution(pix.get(), dpi, dpi);
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < grey.rows; ++y) {
    const unsigned char* src = grey.ptr<unsigned char>(y);
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < grey.cols; ++x) {
      if (src[x] == 0) {
        SET_DATA_BIT(line, x);
      }
    }
  }
  return pix;
}

} // namespace sohoa::ocr
