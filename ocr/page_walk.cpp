#include "page_walk.hpp"
#include "handles.hpp"
#include "tess_words.hpp"
#include <cmath>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace sohoa::ocr {
namespace {

// y of the line's baseline at the middle of its box.
int baseline_y(const tesseract::ResultIterator& it, const Box& line_box) {
  int x1 = 0;
  int y1 = 0;
  int x2 = 0;
  int y2 = 0;
  if (!it.Baseline(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2)) {
    return line_box.bottom();
  }
  if (x2 == x1) {
    return y1;
  }
  const double mid = line_box.x + line_box.w / 2.0;
  return static_cast<int>(std::lround(y1 + (y2 - y1) * (mid - x1) / double(x2 - x1)));
}

} // namespace

PageText collect_page(tesseract::TessBaseAPI& api, int width, int height) {
  PageText page;
  page.width = width;
  page.height = height;
  ResultIteratorPtr it(api.GetIterator());
  if (!it) {
    return page;
  }
  int raw_block = -1;
  int raw_para = -1;
  int raw_line = -1;
  int line_of_last_word = -2;
  int block_of_last_line = -2;
  int para_of_last_line = -2;
  int block_index = -1;
  int para_index = -1;
  double confidence_sum = 0;
  std::size_t words = 0;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) {
      ++raw_block;
    }
    if (it->IsAtBeginningOf(tesseract::RIL_PARA)) {
      ++raw_para;
    }
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      ++raw_line;
    }
    if (it->Empty(tesseract::RIL_WORD)) {
      continue;
    }
    const TessString text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || is_blank(text.get())) {
      continue;
    }
    if (raw_line != line_of_last_word) {
      OcrLine line;
      int l = 0;
      int t = 0;
      int r = 0;
      int b = 0;
      if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) {
        line.box = box_from(l, t, r, b);
      }
      line.baseline = baseline_y(*it, line.box);
      if (raw_block != block_of_last_line) {
        ++block_index;
      }
      if (raw_para != para_of_last_line || raw_block != block_of_last_line) {
        ++para_index;
      }
      line.block = block_index;
      line.paragraph = para_index;
      block_of_last_line = raw_block;
      para_of_last_line = raw_para;
      line_of_last_word = raw_line;
      page.lines.push_back(std::move(line));
    }
    auto& line = page.lines.back();
    for (auto& piece : words_at(*it, text.get())) {
      confidence_sum += piece.confidence;
      ++words;
      line.box = unite(line.box, piece.box);
      line.words.push_back(std::move(piece));
    }
  } while (it->Next(tesseract::RIL_WORD));
  page.confidence = words == 0 ? 0.0f : static_cast<float>(confidence_sum / double(words));
  return page;
}

} // namespace sohoa::ocr
