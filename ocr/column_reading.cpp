#include "column_reading.hpp"
#include "page_walk.hpp"
#include <algorithm>
#include <cctype>
#include <string_view>
#include <tesseract/baseapi.h>

namespace sohoa::ocr {
namespace {

// The columns must hold at least this share of the letters and digits the page
// pass read in the band they replace.
constexpr double k_min_column_share = 0.9;

// A column is a stack of centred lines of several sizes.
class ColumnMode {
public:
  explicit ColumnMode(tesseract::TessBaseAPI& api) : m_api(api), m_mode(api.GetPageSegMode()) {
    api.SetPageSegMode(tesseract::PSM_SINGLE_COLUMN);
  }
  ~ColumnMode() { m_api.SetPageSegMode(m_mode); }
  ColumnMode(const ColumnMode&) = delete;
  ColumnMode& operator=(const ColumnMode&) = delete;

private:
  tesseract::TessBaseAPI& m_api;
  tesseract::PageSegMode m_mode;
};

// The column cut out, its rules whitened, read as a page of its own; boxes in
// page pixels.
PageText read_column(tesseract::TessBaseAPI& api, const cv::Mat& image, const cv::Rect& rect,
                     int ppi) {
  const cv::Rect inside = rect & cv::Rect(0, 0, image.cols, image.rows);
  if (inside.width < 3 || inside.height < 3) {
    return {};
  }
  cv::Mat crop = image(inside).clone();
  whiten_rules(crop, ppi);
  api.SetImage(crop.data, crop.cols, crop.rows, 1, static_cast<int>(crop.step[0]));
  api.SetSourceResolution(ppi);
  if (api.Recognize(nullptr) != 0) {
    return {};
  }
  PageText column = collect_page(api, crop.cols, crop.rows);
  for (auto& line : column.lines) {
    line.box.x += inside.x;
    line.box.y += inside.y;
    line.baseline += inside.y;
    for (auto& w : line.words) {
      w.box.x += inside.x;
      w.box.y += inside.y;
    }
  }
  return column;
}

// Letters and digits in a line's words (bytes of UTF-8 beyond ASCII count as
// letters: Vietnamese letters with tone marks).
std::size_t alnum_count(const OcrLine& line) {
  std::size_t n = 0;
  for (const auto& w : line.words) {
    for (const char c : w.text) {
      const auto u = static_cast<unsigned char>(c);
      n += (std::isalnum(u) != 0 || (u >= 0xC0)) ? 1 : 0;
    }
  }
  return n;
}

// What OCR makes of a rule: underscores, or a run of dashes. A lone "-" is the
// motto's own ("Độc lập - Tự do - Hạnh phúc").
bool is_separator(std::string_view text) {
  static constexpr std::string_view k_dashes[] = {"_", "-", "\u2013", "\u2014", "=", "~"};
  std::size_t marks = 0;
  bool underscore = false;
  while (!text.empty()) {
    bool matched = false;
    for (std::string_view d : k_dashes) {
      if (text.substr(0, d.size()) == d) {
        underscore = underscore || d == "_";
        text.remove_prefix(d.size());
        ++marks;
        matched = true;
        break;
      }
    }
    if (!matched) {
      return false;
    }
  }
  return marks > 0 && (underscore || marks >= 2);
}

void trim_underscores(std::string& text) {
  const auto first = text.find_first_not_of('_');
  if (first == std::string::npos) {
    text.clear();
    return;
  }
  text.erase(0, first);
  text.erase(text.find_last_not_of('_') + 1);
}

// The column's lines without separators; lines left without words go.
std::vector<OcrLine> cleaned_lines(PageText column) {
  std::vector<OcrLine> out;
  for (auto& line : column.lines) {
    std::vector<OcrWord> words;
    for (auto& w : line.words) {
      if (is_separator(w.text)) {
        continue;
      }
      trim_underscores(w.text);
      if (!w.text.empty()) {
        words.push_back(std::move(w));
      }
    }
    if (words.empty()) {
      continue;
    }
    line.words = std::move(words);
    Box box;
    for (const auto& w : line.words) {
      box = unite(box, w.box);
    }
    line.box = box;
    out.push_back(std::move(line));
  }
  return out;
}

// Blocks and paragraphs numbered densely in line order. A header column is one
// block (so the PDF text layer keeps its lines together), its paragraphs as
// Tesseract found them; the page pass keeps its own blocks.
void renumber(std::vector<OcrLine>& lines, const std::vector<int>& source) {
  int block = -1;
  int paragraph = -1;
  int last_source = -1;
  int last_raw_block = -1;
  int last_raw_paragraph = -1;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool column = source[i] < 2;
    const bool new_source = source[i] != last_source;
    const bool new_raw_block = new_source || lines[i].block != last_raw_block;
    if (new_source || (!column && new_raw_block)) {
      ++block;
    }
    if (new_raw_block || lines[i].paragraph != last_raw_paragraph) {
      ++paragraph;
    }
    last_source = source[i];
    last_raw_block = lines[i].block;
    last_raw_paragraph = lines[i].paragraph;
    lines[i].block = block;
    lines[i].paragraph = paragraph;
  }
}

} // namespace

bool merge_header_columns(PageText& page, const HeaderColumns& header, PageText left,
                          PageText right) {
  const auto in_band = [&](const OcrLine& line) {
    return line.box.y + line.box.h / 2 < header.band_bottom;
  };
  std::vector<OcrLine> lines;
  std::vector<int> source; // 0 left column, 1 right column, 2 the page pass
  std::size_t column_chars = 0;
  for (auto& line : cleaned_lines(std::move(left))) {
    column_chars += alnum_count(line);
    lines.push_back(std::move(line));
    source.push_back(0);
  }
  for (auto& line : cleaned_lines(std::move(right))) {
    column_chars += alnum_count(line);
    lines.push_back(std::move(line));
    source.push_back(1);
  }
  std::size_t band_chars = 0;
  for (const auto& line : page.lines) {
    band_chars += in_band(line) ? alnum_count(line) : 0;
  }
  // Reading by columns changes the order, hardly the text: far fewer letters
  // than the page pass found there means the band or the gutter is wrong.
  if (static_cast<double>(column_chars) < k_min_column_share * static_cast<double>(band_chars)) {
    return false;
  }
  for (auto& line : page.lines) {
    if (in_band(line)) {
      continue;
    }
    lines.push_back(std::move(line));
    source.push_back(2);
  }
  renumber(lines, source);
  page.lines = std::move(lines);
  double sum = 0;
  std::size_t words = 0;
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      sum += w.confidence;
      ++words;
    }
  }
  page.confidence = words == 0 ? 0.0f : static_cast<float>(sum / double(words));
  return true;
}

void read_header_columns(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi,
                         PageText& page) {
  if (image.type() != CV_8UC1) {
    return;
  }
  const auto header = find_header_columns(image, ppi);
  if (!header) {
    return;
  }
  const ColumnMode mode(api);
  PageText left = read_column(api, image, header->left(), ppi);
  PageText right = read_column(api, image, header->right(image.cols), ppi);
  merge_header_columns(page, *header, std::move(left), std::move(right));
}

} // namespace sohoa::ocr
