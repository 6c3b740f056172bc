#pragma once
// The runs of a page's lines that share Tesseract's block and paragraph: one ALTO
// TextBlock, one hOCR ocr_carea/ocr_par each.
#include "sohoa/core/geometry.hpp"
#include "sohoa/core/ocr_types.hpp"
#include <cstddef>
#include <vector>

namespace sohoa::ocr {

struct ParagraphRun {
  std::size_t first = 0; // index of the run's first line in page.lines
  std::size_t end = 0;   // one past its last line
  Box box;               // the union of its lines' boxes
};

inline std::vector<ParagraphRun> paragraph_runs(const PageText& page) {
  std::vector<ParagraphRun> runs;
  std::size_t i = 0;
  while (i < page.lines.size()) {
    ParagraphRun run{i, i, Box{}};
    while (run.end < page.lines.size() && page.lines[run.end].block == page.lines[i].block &&
           page.lines[run.end].paragraph == page.lines[i].paragraph) {
      run.box = unite(run.box, page.lines[run.end].box);
      ++run.end;
    }
    runs.push_back(run);
    i = run.end;
  }
  return runs;
}

} // namespace sohoa::ocr
