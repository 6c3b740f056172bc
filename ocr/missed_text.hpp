#pragma once
// Text Tesseract's layout analysis left out. Now and then it drops whole lines,
// or the part of a line after a dotted leader ("... 2. Giới tính: Nam"), and
// which ones changes with the resolution it is told. The ink no word box covers
// is grouped into line pieces; the engine reads those again one by one.
#include "sohoa/core/ocr_types.hpp"
#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::ocr {

// The median height of the page's word boxes (0 without words): the text size.
int median_word_height(const PageText& page);

// binary: CV_8UC1, ink dark; page: the words read on it, boxes in its pixels.
// Returns boxes of uncovered ink that looks like a run of at least three glyphs
// of the page's text size, top to bottom. Dotted leaders, specks, rules, photos
// and pages without any word give nothing.
std::vector<Box> missed_text_regions(const cv::Mat& binary, const PageText& page);

// Puts words read in a missed region into the page: into the line they sit on,
// in x order, or as a new line placed by its height on the page.
void merge_recovered_words(PageText& page, std::vector<OcrWord> words);

} // namespace sohoa::ocr
