// Measurements rather than checks of behaviour: skipped by default, run with
//   test_ocr --test-suite=bench --no-skip
// They still assert the bounds the choices in ocr/ rely on.
#include "sohoa/ocr/engine.hpp"
#include "render.hpp"
#include <chrono>
#include <ctime>
#include <doctest/doctest.h>
#include <map>
#include <optional>

using namespace sohoa;

namespace {

struct FormPage {
  cv::Mat image;
  std::vector<std::string> lines;                          // all text drawn
  std::vector<std::pair<std::string, std::string>> fields; // label, value on one line
};

// An administrative form as printed: two-column header, bold centred title,
// "label: value ......" lines with dotted leaders, a signature block at right.
FormPage render_form_page() {
  test::PageRenderer r(2480, 3508);
  FormPage page;
  auto draw = [&](double x, double y, const std::string& text) {
    r.draw_line(x, y, text);
    page.lines.push_back(text);
  };
  r.set_font(12, true);
  draw(250, 250, "ỦY BAN NHÂN DÂN");
  draw(1250, 250, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  draw(250, 320, "PHƯỜNG HÀNG ĐÀO");
  draw(1450, 320, "Độc lập - Tự do - Hạnh phúc");
  r.set_font(14, true);
  draw(850, 520, "TỜ KHAI ĐĂNG KÝ KHAI SINH");
  r.set_font(12, false);
  draw(600, 620, "Kính gửi: Ủy ban nhân dân phường Hàng Đào");
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"Họ, chữ đệm, tên người yêu cầu:", "Nguyễn Văn An"},
      {"Nơi cư trú:", "Số 12 phố Hàng Bạc, quận Hoàn Kiếm"},
      {"Giấy tờ tùy thân:", "Căn cước công dân số 001203012345"},
      {"Quan hệ với người được khai sinh:", "Cha đẻ"},
      {"Họ, chữ đệm, tên:", "Nguyễn Minh Anh"},
      {"Ngày, tháng, năm sinh:", "12/03/2024"},
      {"Giới tính:", "Nữ"},
      {"Dân tộc:", "Kinh"},
      {"Quốc tịch:", "Việt Nam"},
      {"Nơi sinh:", "Bệnh viện Phụ sản Hà Nội"},
      {"Quê quán:", "xã Đông Hội, huyện Đông Anh, Hà Nội"},
      {"Số định danh cá nhân:", "001224001122"},
  };
  double y = 800;
  for (const auto& [label, value] : fields) {
    const std::string text = label + " " + value + " ..................";
    draw(250, y, text);
    page.fields.emplace_back(label, value);
    y += 110;
  }
  draw(250, y + 60, "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật.");
  draw(1500, y + 220, "Làm tại: Hà Nội, ngày 20 tháng 3 năm 2024");
  r.set_font(12, true);
  draw(1650, y + 300, "Người yêu cầu");
  r.set_font(12, false);
  draw(1600, y + 560, "Nguyễn Văn An");
  page.image = r.bitonal();
  return page;
}

// A full A4 page of running 12 pt text: the per-page time figure.
cv::Mat render_text_page(std::string& text) {
  test::PageRenderer r(2480, 3508);
  const std::vector<std::string> sentences = {
      "Ủy ban nhân dân phường Hàng Đào xác nhận hồ sơ đăng ký khai sinh đã đầy đủ.",
      "Người yêu cầu nộp bản sao giấy chứng sinh và giấy tờ tùy thân còn giá trị.",
      "Cơ quan đăng ký hộ tịch kiểm tra thông tin và ghi vào sổ đăng ký khai sinh.",
  };
  double y = 250;
  for (int i = 0; y < 3508 - 250; ++i) {
    const auto& s = sentences[i % sentences.size()];
    r.draw_line(250, y, s);
    text += (text.empty() ? "" : "\n") + s;
    y += r.line_pitch();
  }
  return r.bitonal();
}

std::map<std::string, int> word_bag(const std::string& text) {
  std::map<std::string, int> bag;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (end > start) {
      ++bag[text.substr(start, end - start)];
    }
    start = end + 1;
  }
  return bag;
}

double word_recall(const std::string& expected, const std::string& got) {
  const auto want = word_bag(expected);
  auto have = word_bag(got);
  int total = 0;
  int found = 0;
  for (const auto& [w, n] : want) {
    total += n;
    found += std::min(n, have[w]);
  }
  return total == 0 ? 1.0 : double(found) / total;
}

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

} // namespace

TEST_SUITE("bench") {

  TEST_CASE("page segmentation modes on a rendered form page" * doctest::skip()) {
    const FormPage form = render_form_page();
    std::string expected;
    for (const auto& l : form.lines) {
      expected += (expected.empty() ? "" : "\n") + l;
    }
    for (const auto mode : {ocr::Segmentation::automatic, ocr::Segmentation::single_column,
                            ocr::Segmentation::single_block}) {
      ocr::OcrOptions options;
      options.segmentation = mode;
      ocr::OcrEngine engine(options);
      engine.recognize(form.image, 300); // warm-up
      const double cpu0 = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
      const PageText page = engine.recognize(form.image, 300);
      const double cpu_ms = (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0) * 1000;
      // A field is usable when its label and value come out on one OCR line, and
      // the fields come in the order printed.
      int fields_on_one_line = 0;
      int fields_in_order = 0;
      std::size_t last_line = 0;
      for (const auto& [label, value] : form.fields) {
        for (std::size_t i = 0; i < page.lines.size(); ++i) {
          std::string text;
          for (const auto& w : page.lines[i].words) {
            text += (text.empty() ? "" : " ") + w.text;
          }
          if (text.find(label) != std::string::npos && text.find(value) != std::string::npos) {
            ++fields_on_one_line;
            fields_in_order += i >= last_line ? 1 : 0;
            last_line = i;
            break;
          }
        }
      }
      const double recall = word_recall(expected, page.plain_text());
      const double page_cer = test::cer(test::collapse_whitespace(expected),
                                        test::collapse_whitespace(page.plain_text()));
      MESSAGE("PSM " << static_cast<int>(mode) << ": " << cpu_ms << " ms CPU, CER " << page_cer
                     << ", word recall " << recall << ", fields on one line " << fields_on_one_line
                     << "/" << form.fields.size() << ", in order " << fields_in_order << ", lines "
                     << page.lines.size() << ", confidence " << page.confidence);
      CHECK(recall > 0.9);
    }
  }

  TEST_CASE("time to read a 300 dpi A4 page of text" * doctest::skip()) {
    std::string expected;
    const cv::Mat image = render_text_page(expected);
    ocr::OcrEngine engine(ocr::OcrOptions{});
    engine.recognize(image, 300); // warm-up: first-use allocations
    const int runs = 3;
    // CPU time as well as wall time: the shared 2-core machine is often loaded.
    const double cpu0 = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    const auto t0 = std::chrono::steady_clock::now();
    PageText page;
    for (int i = 0; i < runs; ++i) {
      page = engine.recognize(image, 300);
    }
    const double wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() /
        runs;
    const double cpu_ms = (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0) * 1000 / runs;
    const double page_cer = test::cer(test::collapse_whitespace(expected),
                                      test::collapse_whitespace(page.plain_text()));
    // Which words were misread, for the report.
    std::string misread;
    const auto want = word_bag(expected);
    for (const auto& [w, n] : word_bag(page.plain_text())) {
      const auto it = want.find(w);
      if (it == want.end() || it->second < n) {
        misread += w + " ";
      }
    }
    MESSAGE("A4 300 dpi, " << page.word_count() << " words: " << wall_ms << " ms wall, " << cpu_ms
                           << " ms CPU per page, CER " << page_cer << "; unexpected: " << misread);
    CHECK(page_cer < 0.02);
    // One thread's worth of CPU: OpenMP teams would show up as CPU above wall time.
    CHECK(cpu_ms < wall_ms * 1.2);
  }

  TEST_CASE("time of orientation detection on a 300 dpi A4 page" * doctest::skip()) {
    std::string expected;
    cv::Mat turned;
    cv::rotate(render_text_page(expected), turned, cv::ROTATE_90_CLOCKWISE);
    ocr::OcrEngine engine(ocr::OcrOptions{});
    engine.detect_orientation(turned, 300); // loads the osd model
    const double cpu0 = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    std::optional<ocr::OrientationGuess> guess;
    for (int i = 0; i < 3; ++i) {
      guess = engine.detect_orientation(turned, 300);
    }
    const double cpu_ms = (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0) * 1000 / 3;
    REQUIRE(guess.has_value());
    MESSAGE("OSD on A4: " << cpu_ms << " ms CPU, turn " << guess->clockwise_degrees
                          << ", confidence " << guess->confidence);
    CHECK(guess->clockwise_degrees == 270);
  }

} // TEST_SUITE
