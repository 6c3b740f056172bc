#pragma once
// Synthetic scans for the imaging tests: text lines drawn with cv::putText on an
// A4 page at 300 dpi, then skewed, turned, bordered or spotted as a case needs.
#include "sohoa/core/page.hpp"

#include <algorithm>
#include <array>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

namespace sohoa::imaging::test {

inline constexpr int k_a4_width = 2480;
inline constexpr int k_a4_height = 3508;
inline const cv::Scalar k_paper(236, 242, 246); // slightly warm paper, BGR
inline const cv::Scalar k_black_ink(30, 30, 30);

inline const std::array<const char*, 10> k_lines = {
    "Ho, chu dem, ten nguoi yeu cau: Nguyen Van Binh",
    "Noi cu tru: 12 Le Loi, phuong Ben Nghe, quan 1, TP Ho Chi Minh",
    "Giay to tuy than: Can cuoc cong dan so 079201001234",
    "Quan he voi nguoi duoc khai sinh: cha ruot",
    "Ngay, thang, nam sinh: 12/05/2024 tai Benh vien Tu Du",
    "De nghi co quan dang ky khai sinh cho nguoi duoi day",
    "Gioi tinh: nam. Dan toc: Kinh. Quoc tich: Viet Nam",
    "Toi cam doan noi dung de nghi dang ky tren day la dung su that",
    "Thong tin cua me: Tran Thi Bich Hanh, sinh nam 1996",
    "Lam tai phuong Ben Nghe, ngay 14 thang 6 nam 2024",
};

// A text page, upright, BGR, at 300 dpi. line_count lines starting at the top.
inline cv::Mat text_page(int line_count = 40, cv::Size size = {k_a4_width, k_a4_height}) {
  cv::Mat page(size, CV_8UC3, k_paper);
  cv::putText(page, "CONG HOA XA HOI CHU NGHIA VIET NAM", {520, 260}, cv::FONT_HERSHEY_SIMPLEX, 1.7,
              k_black_ink, 4, cv::LINE_AA);
  for (int i = 0; i < line_count; ++i) {
    const int y = 380 + i * 72;
    if (y > size.height - 200) {
      break;
    }
    cv::putText(page, k_lines[static_cast<size_t>(i) % k_lines.size()], {220, y},
                cv::FONT_HERSHEY_SIMPLEX, 1.35, k_black_ink, 3, cv::LINE_AA);
  }
  return page;
}

// Turns the page counter-clockwise by angle_deg (the scan's skew), paper fill.
inline cv::Mat skewed(const cv::Mat& page, double angle_deg) {
  const cv::Point2f centre(static_cast<float>(page.cols - 1) / 2.0F,
                           static_cast<float>(page.rows - 1) / 2.0F);
  cv::Mat out;
  cv::warpAffine(page, out, cv::getRotationMatrix2D(centre, angle_deg, 1.0), page.size(),
                 cv::INTER_LINEAR, cv::BORDER_CONSTANT, k_paper);
  return out;
}

// Sensor noise, so that nothing is perfectly flat.
inline void add_noise(cv::Mat& image, double sigma, int seed) {
  cv::Mat noise(image.size(), CV_16SC(image.channels()));
  cv::RNG rng(static_cast<uint64_t>(seed));
  rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
  cv::Mat wide;
  image.convertTo(wide, CV_16S);
  wide += noise;
  wide.convertTo(image, image.type());
}

inline RasterPage raster(const cv::Mat& pixels, ColourKind kind, double dpi = 300) {
  RasterPage page;
  page.pixels = pixels;
  page.kind = kind;
  page.dpi = dpi;
  page.dpi_from_file = true;
  page.source = "synthetic.png";
  return page;
}

inline cv::Mat grey_of(const cv::Mat& bgr) {
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

// Share of the pixels under mask that are ink (0) in a binary image.
inline double ink_share(const cv::Mat& binary, const cv::Mat& mask) {
  const int total = cv::countNonZero(mask);
  if (total == 0) {
    return 0;
  }
  cv::Mat ink = (binary == 0) & mask;
  return static_cast<double>(cv::countNonZero(ink)) / total;
}

} // namespace sohoa::imaging::test
