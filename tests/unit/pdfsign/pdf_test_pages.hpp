#pragma once
// Synthetic page images and OCR text for the PDF writer tests: word boxes laid
// out the way OCR reports them (proportional widths, real gaps), including the
// layouts text extraction gets wrong: label ...... value lines, two columns,
// tight word gaps.
#include "sohoa/core/ocr_types.hpp"

#include <opencv2/core.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace sohoa::test {

// Approximate advance of a character of a proportional font, in units of the
// line height.
inline double char_width(char32_t c) {
  if (c == 'i' || c == 'l' || c == '.' || c == ',' || c == ':' || c == 'I' || c == '1' ||
      c == 'j' || c == 't' || c == 'f' || c == '/') {
    return 0.28;
  }
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
    return 0.78;
  }
  if (c >= 'A' && c <= 'Z') {
    return 0.64;
  }
  return 0.5;
}

inline std::u32string to_u32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : 3;
    char32_t cp = n == 0 ? b : n == 1 ? (b & 0x1F) : n == 2 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k <= n && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(n) + 1;
  }
  return out;
}

// Lays words out from x on one line; gap_ratio is the inter-word gap in line
// heights. Returns the x after the last word.
inline int lay_words(OcrLine& line, const std::string& text, int x, int y, int height,
                     double gap_ratio) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    double w = 0;
    for (const char32_t c : to_u32(word)) {
      w += char_width(c) * height;
    }
    OcrWord ow;
    ow.text = word;
    ow.box = {x, y, static_cast<int>(w + 0.5), height};
    ow.confidence = 0.95f;
    line.words.push_back(ow);
    line.box = unite(line.box, ow.box);
    x += static_cast<int>(w + gap_ratio * height + 0.5);
  }
  line.baseline = y + height - height / 5;
  return x;
}

struct PageBuilder {
  PageText page;
  int height = 42; // about 10 pt at 300 dpi
  int y = 200;

  void line(const std::string& text, int x, int block, int paragraph, double gap = 0.32) {
    OcrLine l;
    l.block = block;
    l.paragraph = paragraph;
    lay_words(l, text, x, y, height, gap);
    page.lines.push_back(l);
    y += height * 3 / 2 + 8;
  }
  // "label ....... value": the value starts at value_x whatever the label's length.
  void field(const std::string& label, const std::string& value, int x, int value_x, int block,
             int paragraph) {
    OcrLine l;
    l.block = block;
    l.paragraph = paragraph;
    lay_words(l, label, x, y, height, 0.32);
    lay_words(l, value, value_x, y, height, 0.32);
    page.lines.push_back(l);
    y += height * 3 / 2 + 8;
  }
};

constexpr int k_a4_width = 2480;
constexpr int k_a4_height = 3508;

// The test pages: name and text, boxes on an A4 page at 300 dpi.
inline std::vector<std::pair<std::string, PageText>> test_pages() {
  std::vector<std::pair<std::string, PageText>> pages;
  {
    PageBuilder b;
    b.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640, 0, 0);
    b.line("Độc lập - Tự do - Hạnh phúc", 860, 0, 1);
    b.y += 60;
    b.line("TỜ KHAI ĐĂNG KÝ KHAI SINH", 820, 1, 2);
    b.y += 40;
    b.line("Kính gửi: Ủy ban nhân dân phường Bến Nghé, quận 1, thành phố Hồ Chí Minh.", 200, 2, 3);
    b.line("Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014 và Nghị định số 123/2015/NĐ-CP,", 200, 2,
           4);
    b.line("tôi đề nghị cơ quan đăng ký khai sinh cho người có tên dưới đây và chịu trách", 200, 2,
           4);
    b.line("nhiệm trước pháp luật về sự cam đoan của mình.", 200, 2, 4);
    pages.emplace_back("paragraphs", b.page);
  }
  {
    PageBuilder b;
    b.line("PHẦN KÊ KHAI CỦA NGƯỜI YÊU CẦU", 700, 0, 0);
    b.field("Họ, chữ đệm, tên người yêu cầu:", "Trần Thị Bích Ngọc", 200, 1250, 1, 1);
    b.field("Nơi cư trú:", "12 Lê Lợi, phường Bến Nghé, quận 1", 200, 1250, 1, 1);
    b.field("Giấy tờ tùy thân:", "CCCD số 079190001234", 200, 1250, 1, 1);
    b.field("Quan hệ với người được khai sinh:", "Mẹ", 200, 1250, 1, 1);
    b.field("Họ và tên:", "Nguyễn Minh Anh", 200, 1250, 1, 1);
    b.field("Giới tính:", "Nữ", 200, 700, 1, 1);
    b.field("Ngày, tháng, năm sinh:", "05/03/2024", 200, 1250, 1, 1);
    b.field("Nơi sinh:", "Bệnh viện Từ Dũ, thành phố Hồ Chí Minh", 200, 1250, 1, 1);
    b.field("Dân tộc:", "Kinh", 200, 700, 1, 1);
    b.field("Quốc tịch:", "Việt Nam", 200, 1250, 1, 1);
    pages.emplace_back("form_fields", b.page);
  }
  {
    PageBuilder b;
    const char* left[] = {"Bên A (bên bán): Công ty TNHH", "Minh Phát, mã số thuế",
                          "0312345678, địa chỉ số 5", "Nguyễn Huệ, quận 1."};
    const char* right[] = {"Bên B (bên mua): ông Lê Văn", "Hùng, sinh năm 1980, căn",
                           "cước số 079080005678, ở", "phường Đa Kao, quận 1."};
    const int y0 = b.y;
    for (const char* l : left) {
      b.line(l, 200, 0, 0);
    }
    b.y = y0;
    for (const char* r : right) {
      b.line(r, 1320, 1, 1);
    }
    pages.emplace_back("two_columns", b.page);
  }
  {
    PageBuilder b;
    b.line("Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm.", 200, 0,
           0, 0.14);
    b.line("Làm tại: phường Bến Nghé, ngày 22 tháng 11 năm 2026", 900, 1, 1, 0.18);
    b.line("NGƯỜI YÊU CẦU", 1500, 2, 2);
    b.line("(Ký, ghi rõ họ, chữ đệm, tên)", 1380, 2, 2);
    b.y += 200;
    b.line("Trần Thị Bích Ngọc", 1440, 3, 3);
    pages.emplace_back("tight_and_signature", b.page);
  }
  {
    PageBuilder b;
    b.line("STT Họ và tên Năm sinh Quan hệ", 200, 0, 0);
    b.field("1 Nguyễn Văn Hải", "1975", 200, 1200, 1, 1);
    b.field("2 Phạm Thị Lan", "1978", 200, 1200, 1, 1);
    b.field("3 Nguyễn Minh Anh", "2024", 200, 1200, 1, 1);
    b.field("Số: 123/2026/TP-HT", "Quyển số: 01", 200, 1600, 2, 2);
    pages.emplace_back("table_rows", b.page);
  }
  {
    // The national-standard header: agency left, motto right, body below.
    PageBuilder b;
    const int y0 = b.y;
    b.line("ỦY BAN NHÂN DÂN", 300, 0, 0);
    b.line("PHƯỜNG BẾN NGHÉ", 300, 0, 0);
    b.line("Số: 125/QĐ-UBND", 320, 0, 1);
    b.y = y0;
    b.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1150, 1, 2);
    b.line("Độc lập - Tự do - Hạnh phúc", 1330, 1, 2);
    b.y += 10;
    b.line("Bến Nghé, ngày 22 tháng 11 năm 2026", 1300, 1, 3);
    b.y += 80;
    b.line("QUYẾT ĐỊNH", 1100, 2, 4);
    b.line("Về việc cấp bản sao trích lục khai sinh", 850, 2, 5);
    b.y += 40;
    b.line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", 200, 3, 6);
    b.line("Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014;", 200, 3, 7);
    b.line("Xét đề nghị của công chức tư pháp - hộ tịch,", 200, 3, 8);
    pages.emplace_back("header_blocks", b.page);
  }
  for (auto& [name, p] : pages) {
    p.width = k_a4_width;
    p.height = k_a4_height;
    (void)name;
  }
  return pages;
}

// Lines trimmed, runs of spaces collapsed, blank lines and form feeds dropped.
inline std::string normalize_lines(const std::string& text) {
  std::string out;
  std::string line;
  auto flush = [&] {
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    if (!line.empty()) {
      if (!out.empty()) {
        out += '\n';
      }
      out += line;
    }
    line.clear();
  };
  for (const char c : text) {
    if (c == '\n' || c == '\f') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ') {
        line += ' ';
      }
    } else {
      line += c;
    }
  }
  flush();
  return out;
}

// Character error rate of hyp against ref (Levenshtein over code points).
inline double cer(const std::string& ref_utf8, const std::string& hyp_utf8) {
  const auto ref = to_u32(ref_utf8);
  const auto hyp = to_u32(hyp_utf8);
  if (ref.empty()) {
    return hyp.empty() ? 0.0 : 1.0;
  }
  std::vector<std::size_t> prev(hyp.size() + 1);
  std::vector<std::size_t> cur(hyp.size() + 1);
  for (std::size_t j = 0; j <= hyp.size(); ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= ref.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= hyp.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[hyp.size()]) / static_cast<double>(ref.size());
}

// Runs a shell command and returns its stdout.
inline std::string run_capture(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    if (status) {
      *status = -1;
    }
    return out;
  }
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    out.append(buf.data(), n);
  }
  const int rc = pclose(pipe);
  if (status) {
    *status = rc;
  }
  return out;
}

} // namespace sohoa::test

#include <opencv2/imgproc.hpp>

namespace sohoa::test {

// A scan-like A4 page at 300 dpi: printed text lines, a red seal, paper noise.
inline cv::Mat scan_like_page(bool colour, unsigned seed = 1) {
  cv::Mat page(k_a4_height, k_a4_width, CV_8UC3, cv::Scalar(236, 240, 242));
  cv::RNG rng(seed);
  for (int y = 260; y < k_a4_height - 300; y += 64) {
    int x = 200;
    while (x < k_a4_width - 400) {
      const int len = 2 + static_cast<int>(rng.uniform(0, 8));
      std::string word;
      for (int i = 0; i < len; ++i) {
        word += static_cast<char>('a' + rng.uniform(0, 26));
      }
      cv::putText(page, word, {x, y}, cv::FONT_HERSHEY_SIMPLEX, 1.3, cv::Scalar(30, 30, 30), 3,
                  cv::LINE_AA);
      x += len * 30 + 30;
    }
  }
  cv::circle(page, {1900, 3000}, 180, cv::Scalar(40, 40, 210), 10, cv::LINE_AA);
  cv::putText(page, "SEAL", {1790, 3030}, cv::FONT_HERSHEY_SIMPLEX, 2.5, cv::Scalar(40, 40, 210), 6,
              cv::LINE_AA);
  cv::Mat jitter(page.size(), CV_8UC3);
  rng.fill(jitter, cv::RNG::UNIFORM, 0, 3);
  cv::add(page, jitter, page);
  if (!colour) {
    cv::Mat grey;
    cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
    return grey;
  }
  return page;
}

// The same page as a bitonal (0/255) image.
inline cv::Mat bitonal_page(unsigned seed = 1) {
  cv::Mat grey = scan_like_page(false, seed);
  cv::Mat bw;
  cv::threshold(grey, bw, 160, 255, cv::THRESH_BINARY);
  return bw;
}

} // namespace sohoa::test

namespace sohoa::test {

// A random page layout (seeded): one or two columns, line heights 28-60 px,
// line pitch from tight to double, word gaps 0.12-0.6 line heights, label ...
// value lines, paragraph breaks. For property tests of the text layer.
inline PageText random_page(int seed, bool* two_columns = nullptr) {
  static const char* k_words[] = {
      "Nguyễn", "Văn",  "An",   "phường", "Bến",  "Nghé", "ngày", "22", "tháng", "11",
      "năm",    "2026", "Ủy",   "ban",    "nhân", "dân",  "quận", "1,", "số:",   "123/2015/NĐ-CP",
      "Họ",     "tên:", "đăng", "ký",     "khai", "sinh", "Giấy", "tờ", "CCCD",  "079190001234",
      "Mẹ",     "Cha",  "Việt", "Nam",    "Kinh", "(Ký,", "ghi",  "rõ)"};
  constexpr int k_count = static_cast<int>(sizeof k_words / sizeof k_words[0]);
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  PageBuilder b;
  b.height = rng.uniform(28, 61);
  const int pitch_extra = rng.uniform(0, b.height);
  const bool two = rng.uniform(0, 3) == 0;
  if (two_columns != nullptr) {
    *two_columns = two;
  }
  int paragraph = 0;
  const int y0 = b.y;
  for (int col = 0; col < (two ? 2 : 1); ++col) {
    b.y = y0;
    const int x0 = col == 0 ? 200 : 1350;
    const int width = two ? 900 : 2000;
    const int lines = rng.uniform(5, 21);
    for (int l = 0; l < lines; ++l) {
      std::string text;
      double text_width = 0;
      const int words = rng.uniform(1, 11);
      for (int k = 0; k < words; ++k) {
        const std::string w = k_words[rng.uniform(0, k_count)];
        double ww = 0;
        for (const char32_t c : to_u32(w)) {
          ww += char_width(c) * b.height;
        }
        if (text_width + ww + 0.6 * b.height > width) {
          break;
        }
        text += (text.empty() ? "" : " ") + w;
        text_width += ww + 0.6 * b.height;
      }
      if (text.empty()) {
        text = "x";
      }
      const double gap = rng.uniform(0.12, 0.6);
      const int value_x =
          std::max(x0 + static_cast<int>(text_width) + b.height, x0 + rng.uniform(600, 1400));
      if (!two && rng.uniform(0, 4) == 0 && value_x < 2000) {
        b.field(text, k_words[rng.uniform(0, k_count)], x0, value_x, col, paragraph);
      } else {
        b.line(text, x0, col, paragraph, gap);
      }
      // PageBuilder advanced 1.5 heights + 8; set the pitch we want instead.
      b.y += pitch_extra - (b.height * 3 / 2 + 8) + b.height + rng.uniform(0, b.height / 2 + 1);
      if (rng.uniform(0, 5) == 0) {
        ++paragraph;
        b.y += b.height;
      }
    }
    ++paragraph;
  }
  b.page.width = k_a4_width;
  b.page.height = k_a4_height;
  return b.page;
}

} // namespace sohoa::test
