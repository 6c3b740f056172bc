#include "read_cards.hpp"

#include "card_layout.hpp"

#include "sohoa/core/timing_span.hpp"
#include "sohoa/forms/card_model.hpp"
#include "sohoa/imaging/card.hpp"
#include "sohoa/imaging/cleanup.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace sohoa::pipeline {
namespace {

// Under this mean word confidence a card's reading may be upside down: the card
// turned half is read too (a card laid on the copier the other way up).
constexpr float k_doubtful_card_confidence = 0.75F;
// The half-turned reading must beat the upright one by this much (the two readings
// of a poor card wobble by a few points; an upside-down card reads far worse).
constexpr float k_min_gain_to_turn = 0.05F;

// A page whose reading shows this many of a card's printed titles and labels
// (forms/card_model) may hold a card whose border is lost...
constexpr int k_min_page_card_cues = 2;
// ...and a block of print read on its own is that card when it shows this many.
constexpr int k_min_print_block_cues = 4;

struct Reading {
  PageText text;
  cv::Matx33d to_page;
  cv::Rect card; // the card in the read image's pixels
  int cues = 0;  // printed card titles and labels read (forms/card_model)
};

Reading reading_of(PageText text, const cv::Matx33d& to_page, const cv::Rect& card = {}) {
  const int cues = forms::identify_card(text).cues;
  return {std::move(text), to_page, card, cues};
}

// More of the card's printed titles and labels read wins; then confidence, by
// at least margin.
bool better(const Reading& a, const Reading& b, float margin) {
  if (a.cues != b.cues) {
    return a.cues > b.cues;
  }
  return a.text.confidence > b.text.confidence + margin;
}

Reading read_card(imaging::NormalizedCard& card, PageReader& reader) {
  Reading upright = reading_of(reader.recognize(card.page), card.to_page, card.card);
  if (upright.text.confidence >= k_doubtful_card_confidence) {
    return upright;
  }
  imaging::turn_card_half(card);
  Reading turned = reading_of(reader.recognize(card.page), card.to_page, card.card);
  return better(turned, upright, k_min_gain_to_turn) ? turned : upright;
}

Box map_box(const Box& b, const cv::Matx33d& h, int width, int height) {
  const std::vector<cv::Point2f> corners = {
      {static_cast<float>(b.x), static_cast<float>(b.y)},
      {static_cast<float>(b.right()), static_cast<float>(b.y)},
      {static_cast<float>(b.right()), static_cast<float>(b.bottom())},
      {static_cast<float>(b.x), static_cast<float>(b.bottom())}};
  std::vector<cv::Point2f> mapped;
  cv::perspectiveTransform(corners, mapped, cv::Mat(h));
  const cv::Rect r = cv::boundingRect(mapped) & cv::Rect(0, 0, width, height);
  return {r.x, r.y, r.width, r.height};
}

// The card's reading moved into page pixels.
std::vector<OcrLine> on_page(const Reading& reading, int width, int height) {
  std::vector<OcrLine> lines = reading.text.lines;
  for (auto& line : lines) {
    const Box old_box = line.box;
    line.box = map_box(line.box, reading.to_page, width, height);
    // The baseline keeps its share of the line's height.
    const double share = old_box.h > 0 ? double(line.baseline - old_box.y) / old_box.h : 1.0;
    line.baseline = line.box.y + static_cast<int>(share * line.box.h);
    for (auto& word : line.words) {
      word.box = map_box(word.box, reading.to_page, width, height);
    }
  }
  return lines;
}

bool inside(const std::array<cv::Point2f, 4>& corners, const Box& box) {
  const std::vector<cv::Point2f> poly(corners.begin(), corners.end());
  const cv::Point2f centre(box.x + box.w / 2.0F, box.y + box.h / 2.0F);
  return cv::pointPolygonTest(poly, centre, false) >= 0;
}

float mean_confidence(const std::vector<OcrLine>& lines) {
  double sum = 0;
  std::size_t words = 0;
  for (const auto& line : lines) {
    for (const auto& w : line.words) {
      sum += w.confidence;
      ++words;
    }
  }
  return words == 0 ? 0.0F : static_cast<float>(sum / double(words));
}

// Replaces the page's lines on the card by the card's own, in the reading order
// where the card's first line stood; block and paragraph numbers kept apart.
void replace_lines(PageText& text, const std::array<cv::Point2f, 4>& corners,
                   std::vector<OcrLine> card_lines) {
  int next_block = 0;
  int next_paragraph = 0;
  for (const auto& line : text.lines) {
    next_block = std::max(next_block, line.block + 1);
    next_paragraph = std::max(next_paragraph, line.paragraph + 1);
  }
  for (auto& line : card_lines) {
    line.block += next_block;
    line.paragraph += next_paragraph;
  }
  const float card_top = std::min(corners[0].y, corners[1].y);
  std::vector<OcrLine> merged;
  bool placed = false;
  for (auto& line : text.lines) {
    const bool on_card = inside(corners, line.box);
    if (!placed && (on_card || line.box.y > card_top)) {
      merged.insert(merged.end(), card_lines.begin(), card_lines.end());
      placed = true;
    }
    if (!on_card) {
      merged.push_back(std::move(line));
    }
  }
  if (!placed) {
    merged.insert(merged.end(), card_lines.begin(), card_lines.end());
  }
  text.lines = std::move(merged);
  text.confidence = mean_confidence(text.lines);
}

} // namespace

int reread_cards(CleanPage& page, PageText& text, PageReader& reader) {
  if (page.blank || page.archival.empty()) {
    return 0;
  }
  // Cards are found and read on the image the PDF keeps, its paper grain smoothed.
  // Smoothing deferred by cleanup waits for a card to be seen without it (outlines
  // are looked for at 100 dpi, where the grain has averaged out); a page without
  // one is not smoothed on the reading's path. The outlines are then found again:
  // their corners move by a pixel or so with the smoothing.
  auto cards = imaging::find_cards(page.archival, page.dpi);
  if (!cards.empty() && page.paper_grain_pending_at) {
    imaging::smooth_deferred_paper_grain(page);
    cards = imaging::find_cards(page.archival, page.dpi);
  }
  // No outline, but the page's own reading shows a card: a copy that lost the
  // card's border. Its print blocks are read, and kept only as a card.
  const bool by_print = cards.empty() && forms::identify_card(text).cues >= k_min_page_card_cues;
  if (by_print) {
    if (page.paper_grain_pending_at) {
      imaging::smooth_deferred_paper_grain(page);
    }
    cards = imaging::find_card_print_blocks(page.archival, page.dpi);
  }
  int kept = 0;
  for (const auto& card : cards) {
    TimingSpan span("read.card_reread");
    imaging::NormalizedCard normalized = imaging::normalize_card(page, card);
    Reading reading = read_card(normalized, reader);
    order_card_zones(reading.text, reading.card);
    if (reading.text.lines.empty() || (by_print && reading.cues < k_min_print_block_cues)) {
      continue;
    }
    PageText before;
    for (const auto& line : text.lines) {
      if (inside(card.corners, line.box)) {
        before.lines.push_back(line);
      }
    }
    before.confidence = mean_confidence(before.lines);
    // The page's own reading of the card stays when it reads at least as well.
    if (!before.lines.empty() && !better(reading, reading_of(before, {}), 0)) {
      continue;
    }
    replace_lines(text, card.corners, on_page(reading, page.archival.cols, page.archival.rows));
    ++kept;
  }
  return kept;
}

} // namespace sohoa::pipeline
