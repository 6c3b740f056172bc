#pragma once
// ID cards (ISO/IEC 7810 ID-1, 85.6 x 54 mm) on a cleaned page: an A4 copy carrying
// one or two card sides anywhere on it, or a scan cropped to the card. Each card
// found is warped upright to one normalized size and resolution, so its 5-7 pt
// print is binarized and read at a size Tesseract reads well.
#include "sohoa/core/page.hpp"

#include <array>
#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::imaging {

inline constexpr double k_card_width_mm = 85.6;
inline constexpr double k_card_height_mm = 54.0;
// Resolution of a normalized card: its smallest print (4.4 pt) is then about
// 25 px tall, inside the x-heights Tesseract's LSTM reads best.
inline constexpr double k_normalized_card_dpi = 600;
// Paper kept around a normalized card: its printed border stays off the image's
// edge, and print running onto the border stays whole.
inline constexpr double k_normalized_card_margin_mm = 2.0;

struct CardOnPage {
  std::array<cv::Point2f, 4>
      corners;              // archival pixels: top-left, top-right, bottom-right, bottom-left
  bool whole_image = false; // no outline found: the image is cropped to the card
};

// The cards on a page image (BGR or grey) at dpi, largest first, at most two. An
// outline counts when its size is an ID-1 card's at this resolution (within 15 %)
// and it is a filled rectangle; a page with much ink outside the outlines (a form
// with a box of that size) has none. An image that is itself card-sized is one
// card when no outline is found in it.
std::vector<CardOnPage> find_cards(const cv::Mat& archival, double dpi);

// Cards copied on a sheet whose border the copy lost (a light card on white paper
// keeps only its print after a two-level threshold or a faint copy): each compact
// block of print of a card's size, at most two, largest first, as the block with a
// few millimetres of margin, widened to the card's proportions. None on an image
// that is itself card-sized. A block may be any paragraph of that size: callers
// keep it only when its reading shows a card.
std::vector<CardOnPage> find_card_print_blocks(const cv::Mat& archival, double dpi);

struct NormalizedCard {
  CleanPage page;      // the card upright at k_normalized_card_dpi: archival and ocr_image
  cv::Rect card;       // the card itself in page's pixels, inside the margin
  cv::Matx33d to_page; // homography from the normalized card's pixels to the page's
};

// The card's quadrilateral of page.archival warped to the normalized size, and the
// image OCR reads made from it the way clean_page makes a page's.
NormalizedCard normalize_card(const CleanPage& page, const CardOnPage& card);

// The same card turned half a turn (a card placed upside down on the copier).
void turn_card_half(NormalizedCard& card);

} // namespace sohoa::imaging
