#pragma once
// Page image codecs for the PDF: JPEG (DCTDecode) through OpenCV, CCITT G4
// through libtiff on an in-memory TIFF. Private to sohoa::pdf.
#include <opencv2/core.hpp>
#include <string>

namespace sohoa::pdf {

// The image's luminance: a BGR image converted to one channel, a grey one as it is
// (shared, not copied). For the encoders that decide on grey values.
cv::Mat luminance(const cv::Mat& image);

// Baseline JPEG of a CV_8UC3 (BGR) or CV_8UC1 image. Throws Error(Stage::pdf).
std::string encode_jpeg(const cv::Mat& image, int quality);

// CCITT Group 4 data (MSB first, no byte alignment, black = ink) of a CV_8UC1
// image where 0 is ink and anything else paper. Decodes with
// /CCITTFaxDecode << /K -1 /Columns w /Rows h >> and BlackIs1 false.
std::string encode_ccitt_g4(const cv::Mat& bitonal);

struct CcittParams {
  int k = 0; // < 0 G4, 0 G3 1-D, > 0 G3 2-D
  int columns = 1728;
  int rows = 0;
  bool black_is_1 = false;
  bool encoded_byte_align = false;
  bool end_of_line = false;
};

// Decodes CCITT fax data to a CV_8UC1 image of 0 (black) and 255 (white).
// Throws Error(Stage::ingest, "corrupt_pdf") when libtiff cannot decode it.
cv::Mat decode_ccitt(const std::string& data, const CcittParams& params);

} // namespace sohoa::pdf
