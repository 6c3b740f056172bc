#pragma once
// Reads a page's two-column header (header_columns.hpp) column by column and puts
// it in the page's reading order: the left column's lines, then the right
// column's, then the rest of the page as the page pass read it. Internal to ocr/.
#include "sohoa/core/ocr_types.hpp"
#include "header_columns.hpp"
#include <opencv2/core.hpp>

namespace tesseract {
class TessBaseAPI;
}

namespace sohoa::ocr {

// When the page has a two-column header, its lines in `page` are replaced by the
// two columns read alone. image: the CV_8UC1 page the API read (others: nothing
// done). The API's page segmentation mode is restored; its image is replaced.
void read_header_columns(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi,
                         PageText& page);

// The merge alone: the page's lines in the header band (their middle above
// header.band_bottom) give way to `left` then `right`, blocks and paragraphs
// renumbered in the new order, separator words ("___", "———") dropped from the
// columns and "_" trimmed off their words. Nothing changes (false) when the
// columns hold far fewer letters than the lines they would replace.
bool merge_header_columns(PageText& page, const HeaderColumns& header, PageText left,
                          PageText right);

} // namespace sohoa::ocr
