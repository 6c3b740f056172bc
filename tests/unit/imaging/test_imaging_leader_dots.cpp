// Dotted leaders removed from the OCR image, on Vietnamese text rendered with Cairo:
// every pixel of the text (tone marks under letters, dots of i, "..." in a sentence)
// stays, the leader dots go, also where a value is filled in over them.
#include "imaging/leader_dots.hpp"

#include "tools/gen/render.hpp"
#include <cmath>
#include <doctest/doctest.h>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

using namespace sohoa::imaging;

namespace {

constexpr double k_dpi = 300;
constexpr double k_px_per_mm = k_dpi / 25.4;
constexpr int k_width = 2480;  // A4 width at 300 dpi
constexpr int k_height = 1000; // a strip of a form

struct Text {
  double x;        // px
  double baseline; // px
  std::string text;
  double size_pt = 13;
  bool italic = false;
  const char* font = "Liberation Serif";
};
struct Leader {
  double x0; // px
  double x1;
  double baseline;
  double pitch_mm = 1.05; // the generator's printed leaders
  double radius_mm = 0.13;
};

sohoa::gen::TextStyle style_of(const Text& t) {
  sohoa::gen::TextStyle style;
  style.size_pt = t.size_pt;
  style.italic = t.italic;
  style.family = t.font;
  return style;
}

// Renders the texts and leaders black on white with the generator's canvas and
// returns the ink mask (255 = ink).
cv::Mat render_ink(const std::vector<Text>& texts, const std::vector<Leader>& leaders) {
  auto canvas = sohoa::gen::Canvas::of_pixels(k_width, k_height, static_cast<int>(k_dpi));
  for (const Text& t : texts) {
    canvas.text_px(t.x, t.baseline, t.text, style_of(t));
  }
  for (const Leader& l : leaders) {
    const double pitch = l.pitch_mm * k_px_per_mm;
    const double r = l.radius_mm * k_px_per_mm;
    std::vector<cv::Point2d> dots;
    for (double x = l.x0 + pitch / 2; x < l.x1 - r; x += pitch) {
      dots.emplace_back(x, l.baseline - r);
    }
    canvas.dots_px(dots, r);
  }
  cv::Mat grey;
  cv::cvtColor(canvas.to_bgr(), grey, cv::COLOR_BGR2GRAY);
  return grey < 128;
}

// The OCR image of text and leaders together: 0 = ink.
cv::Mat ocr_image(const cv::Mat& text_ink, const cv::Mat& leader_ink) {
  cv::Mat binary(text_ink.size(), CV_8UC1, cv::Scalar(255));
  binary.setTo(0, text_ink | leader_ink);
  return binary;
}

// Ink of `ink` still present in `binary`, as a share of it.
double kept_share(const cv::Mat& ink, const cv::Mat& binary) {
  const int total = cv::countNonZero(ink);
  return total == 0 ? 1.0 : cv::countNonZero(ink & (binary == 0)) / static_cast<double>(total);
}

double width_of(const Text& t) {
  auto canvas = sohoa::gen::Canvas::of_pixels(1, 1, static_cast<int>(k_dpi));
  return canvas.text_width_px(t.text, style_of(t));
}

// A label and value followed by a leader to the right margin.
void label_with_leader(std::vector<Text>& texts, std::vector<Leader>& leaders,
                       const std::string& text, double baseline) {
  Text t{295, baseline, text};
  texts.push_back(t);
  leaders.push_back({t.x + width_of(t) + 18, 2240, baseline});
}

} // namespace

TEST_CASE("leaders go, tone marks under letters and dots of i stay") {
  std::vector<Text> texts;
  std::vector<Leader> leaders;
  label_with_leader(texts, leaders, "Họ và tên: Phạm Thị Hậu", 150);
  label_with_leader(texts, leaders, "Nơi cư trú: ạ ậ ặ ẹ ệ ị ọ ộ ợ ụ ự ỵ", 250);
  label_with_leader(texts, leaders, "Quê quán: xã Nghị Lộc, huyện Vụ Bản, tỉnh Nam Định", 350);
  texts.push_back({295, 450, "Đợi đã... rồi đọc tiếp. Ô. ụ. ị. i i i i i i i i i i ."});
  texts.push_back({1200, 550, "......, ngày 29 tháng 08 năm 2026"});
  const cv::Mat text_ink = render_ink(texts, {});
  const cv::Mat leader_ink = render_ink({}, leaders);
  cv::Mat binary = ocr_image(text_ink, leader_ink);

  const int removed = remove_leader_dots(binary, k_dpi);

  CHECK(kept_share(text_ink, binary) == doctest::Approx(1.0));
  CHECK(kept_share(leader_ink, binary) < 0.02);
  CHECK(removed > 3 * 80); // each leader is over 80 dots long
}

TEST_CASE("a value filled in over the leader in another font keeps its marks") {
  // Blue italic handwriting-like values sit on the dotted line, which runs on
  // under and after them.
  std::vector<Text> texts;
  std::vector<Leader> leaders;
  for (int row = 0; row < 4; ++row) {
    const double baseline = 150 + 110 * row;
    Text label{295, baseline, row % 2 == 0 ? "Họ, chữ đệm, tên:" : "Dân tộc:"};
    texts.push_back(label);
    const double value_x = label.x + width_of(label) + 25;
    leaders.push_back({label.x + width_of(label) + 10, 2240, baseline});
    texts.push_back({value_x, baseline, row % 2 == 0 ? "Đặng Thị Ngọc Diệp" : "Mường, Việt Nam", 14,
                     true, "DejaVu Sans"});
  }
  // A value over nearly the whole leader: only short runs of dots show between words.
  Text label{295, 600, "Nội dung:"};
  texts.push_back(label);
  leaders.push_back({label.x + width_of(label) + 10, 2240, 600});
  texts.push_back({label.x + width_of(label) + 25, 600,
                   "Tách hộ tại thôn Đông, xã Hải Đường, huyện Hải Hậu, tỉnh Nam Định", 12, false,
                   "DejaVu Sans"});
  const cv::Mat text_ink = render_ink(texts, {});
  const cv::Mat leader_ink = render_ink({}, leaders);
  cv::Mat binary = ocr_image(text_ink, leader_ink);

  remove_leader_dots(binary, k_dpi);

  CHECK(kept_share(text_ink, binary) == doctest::Approx(1.0));
  // Dots under or touching a letter are part of its blob and stay; the rest of the
  // leader goes.
  CHECK(kept_share(leader_ink & ~text_ink, binary) < 0.15);
}

TEST_CASE("typed leaders of full stops go at 200 dpi too, short runs stay") {
  constexpr double dpi = 200;
  constexpr double scale = dpi / k_dpi;
  std::vector<Text> texts;
  texts.push_back({295, 150, "Số định danh: ................................"});
  texts.push_back({295, 250, "Ghi chú: xem mục 3..., mục 4...... và mục 5."});
  cv::Mat text_ink = render_ink(texts, {});
  cv::resize(text_ink, text_ink, {}, scale, scale, cv::INTER_AREA);
  text_ink = text_ink > 127;
  cv::Mat binary = ocr_image(text_ink, cv::Mat::zeros(text_ink.size(), CV_8UC1));
  const int line = static_cast<int>(200 * scale);
  const cv::Mat first_line = text_ink.rowRange(0, line);
  const cv::Mat second_line = text_ink.rowRange(line, text_ink.rows);

  const int removed = remove_leader_dots(binary, dpi);

  CHECK(removed >= 25);
  CHECK(kept_share(second_line, binary.rowRange(line, binary.rows)) == doctest::Approx(1.0));
  // The label's own letters stay: what goes is at most the run of stops.
  CHECK(kept_share(first_line, binary.rowRange(0, line)) > 0.6);
}

TEST_CASE("an empty or ink-free image is left alone") {
  cv::Mat empty;
  CHECK(remove_leader_dots(empty, k_dpi) == 0);
  cv::Mat paper(50, 80, CV_8UC1, cv::Scalar(255));
  CHECK(remove_leader_dots(paper, k_dpi) == 0);
  CHECK(cv::countNonZero(paper == 255) == 50 * 80);
}
