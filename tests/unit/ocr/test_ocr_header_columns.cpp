#include "ocr/column_reading.hpp"
#include "sohoa/ocr/engine.hpp"
#include "ocr/header_columns.hpp"
#include "render.hpp"
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using sohoa::test::cer;

namespace {

const test::CairoCacheRelease k_cairo_cache_release;

constexpr int k_page_width = 2480;

const std::vector<std::string> k_left = {"ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN NGHÉ", "Số: 125/QĐ-UBND"};
const std::vector<std::string> k_right = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                          "Độc lập - Tự do - Hạnh phúc",
                                          "Bến Nghé, ngày 05 tháng 01 năm 2026"};
const std::string k_title = "QUYẾT ĐỊNH";
const std::vector<std::string> k_body = {
    "Về việc công nhận kết quả đăng ký thường trú cho ông Nguyễn Văn An",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"};

struct Header {
  cv::Mat image;
  int left_right_edge = 0; // right end of the left column's ink
  int right_left_edge = 0; // left end of the right column's ink
  int header_bottom = 0;   // bottom of the header's last line
  int title_top = 0;
};

double text_width(const std::string& text) {
  test::PageRenderer scratch(k_page_width, 200);
  return scratch.draw_line(0, 100, text).box.w;
}

// A decision's header as NĐ 30 sets it: two columns of centred lines about a
// centimetre apart at their widest, a rule under the agency and under the
// motto, the title centred under both, then body text across the page.
Header render_header(bool with_rules) {
  test::PageRenderer r(k_page_width, 1400);
  Header h;
  const double left_cx = 640;
  const double right_cx = 1730;
  const double pitch = r.line_pitch();
  double baseline = 220;
  h.left_right_edge = 0;
  h.right_left_edge = k_page_width;
  for (std::size_t i = 0; i < k_left.size(); ++i) {
    const auto left = r.draw_line(left_cx - text_width(k_left[i]) / 2, baseline, k_left[i]);
    const auto right = r.draw_line(right_cx - text_width(k_right[i]) / 2, baseline, k_right[i]);
    h.left_right_edge = std::max(h.left_right_edge, left.box.right());
    h.right_left_edge = std::min(h.right_left_edge, right.box.x);
    h.header_bottom = std::max({h.header_bottom, left.box.bottom(), right.box.bottom()});
    baseline += pitch * (i == 1 ? 1.6 : 1.0);
  }
  baseline += pitch * 1.5;
  const auto title = r.draw_line(k_page_width / 2.0 - text_width(k_title) / 2, baseline, k_title);
  h.title_top = title.box.y;
  for (const auto& line : k_body) {
    baseline += pitch;
    r.draw_line(300, baseline, line);
  }
  cv::Mat image = r.bitonal();
  if (with_rules) {
    const int rule_y = 220 + static_cast<int>(pitch) + 30;
    cv::line(image, {560, rule_y}, {720, rule_y}, 0, 3);
    cv::line(image, {1560, rule_y}, {1900, rule_y}, 0, 3);
  }
  h.image = image;
  return h;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    out += (out.empty() ? "" : "\n") + l;
  }
  return out;
}

std::string text_of(const std::vector<OcrLine>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < lines.size(); ++i) {
    std::string line;
    for (const auto& w : lines[i].words) {
      line += (line.empty() ? "" : " ") + w.text;
    }
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

OcrLine line_of(std::vector<std::string> words, Box box, int block = 0, int paragraph = 0) {
  OcrLine line;
  line.box = box;
  line.baseline = box.bottom();
  line.block = block;
  line.paragraph = paragraph;
  int x = box.x;
  for (auto& text : words) {
    line.words.push_back(OcrWord{std::move(text), Box{x, box.y, 40, box.h}, 0.9f});
    x += 50;
  }
  return line;
}

} // namespace

TEST_CASE("the gutter of a two-column header is found between its columns, above the title") {
  const Header h = render_header(false);
  const auto found = ocr::find_header_columns(h.image, 300);
  REQUIRE(found.has_value());
  CHECK(found->gutter_x > h.left_right_edge);
  CHECK(found->gutter_x < h.right_left_edge);
  CHECK(found->band_bottom > h.header_bottom);
  CHECK(found->band_bottom < h.title_top);
}

TEST_CASE("pages without a two-column header are left to the page pass") {
  SUBCASE("a centred motto over a title (a letter, a form)") {
    test::PageRenderer r(k_page_width, 1000);
    double baseline = 220;
    for (const std::string& text : {k_right[0], k_right[1], std::string("ĐƠN XIN NGHỈ PHÉP")}) {
      r.draw_line(k_page_width / 2.0 - text_width(text) / 2, baseline, text);
      baseline += r.line_pitch();
    }
    r.draw_line(300, baseline, k_body[1]);
    CHECK_FALSE(ocr::find_header_columns(r.bitonal(), 300).has_value());
  }
  SUBCASE("lines across the page") {
    test::PageRenderer r(k_page_width, 1000);
    double baseline = 220;
    for (const auto& text : k_body) {
      r.draw_line(300, baseline, text);
      baseline += r.line_pitch();
    }
    CHECK_FALSE(ocr::find_header_columns(r.bitonal(), 300).has_value());
  }
  SUBCASE("one column only") {
    test::PageRenderer r(k_page_width, 1000);
    double baseline = 220;
    for (const auto& text : k_left) {
      r.draw_line(300, baseline, text);
      baseline += r.line_pitch();
    }
    r.draw_line(300, baseline, k_body[0]);
    CHECK_FALSE(ocr::find_header_columns(r.bitonal(), 300).has_value());
  }
  SUBCASE("an empty or colour image") {
    CHECK_FALSE(ocr::find_header_columns(cv::Mat(), 300).has_value());
    CHECK_FALSE(ocr::find_header_columns(cv::Mat(100, 100, CV_8UC3, cv::Scalar::all(255)), 300));
    CHECK_FALSE(ocr::find_header_columns(cv::Mat(100, 100, CV_8UC1, cv::Scalar(255)), 300));
  }
}

TEST_CASE("rules are whitened, letters kept") {
  const Header plain = render_header(false);
  const Header ruled = render_header(true);
  cv::Mat cleaned = ruled.image.clone();
  ocr::whiten_rules(cleaned, 300);
  CHECK(cv::countNonZero(cleaned != plain.image) == 0);
  CHECK(cv::countNonZero(ruled.image != plain.image) > 0);
}

TEST_CASE("header columns replace the page pass's merged header lines, in column order") {
  PageText page;
  page.width = 2000;
  page.height = 3000;
  page.lines.push_back(line_of({"ỦY", "BAN", "____", "CỘNG", "HÒA"}, Box{100, 100, 1800, 50}));
  page.lines.push_back(line_of({"QUYẾT", "ĐỊNH"}, Box{800, 400, 400, 50}, 1, 1));
  page.lines.push_back(line_of({"Điều", "1."}, Box{100, 500, 400, 50}, 1, 2));
  PageText left;
  left.lines.push_back(line_of({"_ỦY", "BAN", "NHÂN_"}, Box{100, 100, 600, 50}, 0, 0));
  left.lines.push_back(line_of({"_____"}, Box{300, 160, 200, 10}, 0, 0));
  left.lines.push_back(line_of({"Số:", "12/QĐ-UBND"}, Box{150, 220, 400, 50}, 1, 1));
  PageText right;
  right.lines.push_back(line_of({"CỘNG", "HÒA"}, Box{1100, 100, 700, 50}, 0, 0));
  right.lines.push_back(line_of({"Độc", "lập", "-", "Tự", "do", "——"}, Box{1200, 160, 500, 50}));

  CHECK(ocr::merge_header_columns(page, ocr::HeaderColumns{300, 1000}, left, right));

  REQUIRE(page.lines.size() == 6);
  CHECK(text_of(page.lines, 0, 6) ==
        "ỦY BAN NHÂN\nSố: 12/QĐ-UBND\nCỘNG HÒA\nĐộc lập - Tự do\nQUYẾT ĐỊNH\nĐiều 1.");
  // Each column one block, paragraphs as read; the page pass's blocks follow.
  CHECK(page.lines[0].block == 0);
  CHECK(page.lines[1].block == 0);
  CHECK(page.lines[1].paragraph == 1);
  CHECK(page.lines[2].block == 1);
  CHECK(page.lines[2].paragraph == 2);
  CHECK(page.lines[3].paragraph == 2);
  CHECK(page.lines[4].block == 2);
  CHECK(page.lines[4].paragraph == 3);
  CHECK(page.lines[4].words.front().box.x == 800);
}

TEST_CASE("columns that lost text leave the page pass's reading as it was") {
  PageText page;
  page.lines.push_back(
      line_of({"ỦY", "BAN", "NHÂN", "DÂN", "CỘNG", "HÒA"}, Box{100, 100, 1800, 50}));
  page.lines.push_back(line_of({"QUYẾT", "ĐỊNH"}, Box{800, 400, 400, 50}, 1, 1));
  PageText left;
  left.lines.push_back(line_of({"ỦY", "BAN"}, Box{100, 100, 300, 50}));
  PageText right;
  right.lines.push_back(line_of({"____"}, Box{1100, 100, 300, 50}));
  CHECK_FALSE(ocr::merge_header_columns(page, ocr::HeaderColumns{300, 1000}, left, right));
  REQUIRE(page.lines.size() == 2);
  CHECK(text_of(page.lines, 0, 2) == "ỦY BAN NHÂN DÂN CỘNG HÒA\nQUYẾT ĐỊNH");
}

TEST_CASE("the engine reads a two-column header column by column, the rules dropped") {
  const Header h = render_header(true);
  ocr::OcrOptions options;
  ocr::OcrEngine engine(options);
  const PageText page = engine.recognize(h.image, 300);
  REQUIRE(page.lines.size() >= 8);
  const std::string header = text_of(page.lines, 0, 6);
  const std::string expected = joined(k_left) + "\n" + joined(k_right);
  CAPTURE(header);
  CHECK(cer(expected, header) < 0.05);
  CHECK(header.find('_') == std::string::npos);
  CHECK(page.lines[0].block == page.lines[2].block);
  CHECK(page.lines[3].block == page.lines[5].block);
  CHECK(page.lines[0].block != page.lines[3].block);
  CHECK(cer(k_title, text_of(page.lines, 6, 7)) < 0.15);
}
