#include "read_page.hpp"
#include "read_cards.hpp"

#include "sohoa/core/timing_span.hpp"
#include "sohoa/imaging/cleanup.hpp"

#include <utility>
#include <vector>

namespace sohoa::pipeline {
namespace {

// OSD's orientation confidence below which a page is left as the imaging stage set
// it (Tesseract's own guidance treats values under ~2 as guesses).
constexpr float k_min_osd_confidence = 2.0F;
// When a reading is poor, a weaker OSD answer is still worth trying: the turned
// page is read too and the better reading is kept. A small card on an A4 scan
// gives OSD little text, and answers near 1.5 there even when right.
constexpr float k_min_osd_confidence_to_try = 0.5F;
// Mean word confidence under which a page's orientation is put in doubt.
constexpr float k_doubtful_ocr_confidence = 0.75F;
// A half-turned reading must beat the upright one by this much: both readings of a
// poor scan wobble by a few points, an upside-down page reads far worse.
constexpr float k_min_confidence_gain_to_turn = 0.05F;
// Under this the reading is mostly garbage: a page turned a quarter wrongly by a
// dark shading's profile (a photo under uneven light) whose few words of text are
// read as vertical marks. The quarter turns are read too.
constexpr float k_garbage_ocr_confidence = 0.45F;

class EngineReader final : public PageReader {
public:
  explicit EngineReader(ocr::OcrEngine& engine) : m_engine(engine) {}
  PageText recognize(const CleanPage& page) override {
    return m_engine.recognize(page.ocr_image, page.dpi);
  }
  std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage& page) override {
    return m_engine.detect_orientation(page.ocr_image, page.dpi);
  }

private:
  ocr::OcrEngine& m_engine;
};

// Asks the engine once per orientation of one page (never for other images): the policy comes back
// to an orientation it has read (a second quarter turn from a kept one) or asked OSD about (a poor
// reading after an unsure one), and the same pixels get the same answer. A re-read costs as much as
// the first reading, an OSD call nearly half.
class RememberingReader final : public PageReader {
public:
  explicit RememberingReader(PageReader& engine) : m_engine(engine) {}

  PageText recognize(const CleanPage& page) override {
    return remembered(m_readings, page, [&] { return m_engine.recognize(page); });
  }

  std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage& page) override {
    return remembered(m_guesses, page, [&] { return m_engine.detect_orientation(page); });
  }

private:
  // The answer given for the page's orientation, asked of the engine the first time.
  template <typename Answer, typename Ask>
  static Answer remembered(std::vector<std::pair<int, Answer>>& answers, const CleanPage& page,
                           const Ask& ask) {
    for (const auto& [rotation, answer] : answers) {
      if (rotation == page.rotation) {
        return answer;
      }
    }
    Answer answer = ask();
    answers.emplace_back(page.rotation, answer);
    return answer;
  }

  PageReader& m_engine;
  std::vector<std::pair<int, PageText>> m_readings;
  std::vector<std::pair<int, std::optional<ocr::OrientationGuess>>> m_guesses;
};

// The page turned and read again; kept as a whole when its reading wins.
struct Candidate {
  CleanPage page;
  PageText text;
};

Candidate read_turned(const CleanPage& page, int clockwise_degrees, PageReader& reader) {
  TimingSpan span("read.turned_reread");
  Candidate c{page, {}};
  imaging::rotate_clean_page(c.page, clockwise_degrees);
  c.text = reader.recognize(c.page);
  return c;
}

void keep(CleanPage& page, PageText& text, Candidate&& candidate) {
  page = std::move(candidate.page);
  text = std::move(candidate.text);
}

} // namespace

bool reads_sideways(const PageText& text) {
  int words = 0;
  int upright = 0;
  for (const auto& line : text.lines) {
    for (const auto& w : line.words) {
      if (w.text.size() < 3 || w.box.empty()) {
        continue; // punctuation and single letters are as tall as wide
      }
      ++words;
      upright += w.box.h > w.box.w ? 1 : 0;
    }
  }
  return words >= 3 && upright * 3 > words * 2;
}

PageText read_page(CleanPage& page, bool orientation_settled, PageReader& engine) {
  RememberingReader reader(engine);
  PageText text = reader.recognize(page);
  if (!orientation_settled &&
      (reads_sideways(text) || text.confidence < k_doubtful_ocr_confidence)) {
    // The image heuristic was unsure and the page reads poorly as it stands:
    // Tesseract's OSD gives the second opinion. A confident upright reading needs
    // none (OSD costs nearly half a reading).
    if (const auto osd = reader.detect_orientation(page);
        osd && osd->clockwise_degrees != 0 && osd->confidence >= k_min_osd_confidence) {
      Candidate turned = read_turned(page, osd->clockwise_degrees, reader);
      keep(page, text, std::move(turned));
    }
  }
  if (reads_sideways(text)) {
    // Tesseract reads a page turned a quarter as vertical lines, and confidently:
    // a sparse page (a signature block alone) the heuristics turned wrongly.
    // The quarter turns that make its words lie flat are read and compared.
    for (const int degrees : {90, 270}) {
      Candidate turned = read_turned(page, degrees, reader);
      const bool better = reads_sideways(text) || turned.text.confidence > text.confidence;
      if (!reads_sideways(turned.text) && better) {
        keep(page, text, std::move(turned));
      }
    }
  }
  if (text.confidence < k_doubtful_ocr_confidence) {
    // Poor reading: a page the heuristics turned wrongly (small cards, mostly
    // capitals) reads as garbage. Ask OSD, and keep the better of the two readings.
    const auto osd = reader.detect_orientation(page);
    bool half_turn_tried = false;
    if (osd && osd->clockwise_degrees != 0 && osd->confidence >= k_min_osd_confidence_to_try) {
      Candidate turned = read_turned(page, osd->clockwise_degrees, reader);
      half_turn_tried = osd->clockwise_degrees == 180;
      if (turned.text.confidence > text.confidence) {
        keep(page, text, std::move(turned));
      }
    }
    if (!half_turn_tried && text.confidence < k_doubtful_ocr_confidence) {
      // Upside-down pages with little text (a card copied front and back on A4)
      // fool the image heuristic and OSD alike: the half-turned reading decides.
      Candidate turned = read_turned(page, 180, reader);
      if (turned.text.confidence > text.confidence + k_min_confidence_gain_to_turn) {
        keep(page, text, std::move(turned));
      }
    }
  }
  if (text.confidence < k_garbage_ocr_confidence) {
    for (const int degrees : {90, 270}) {
      Candidate turned = read_turned(page, degrees, reader);
      if (turned.text.confidence > text.confidence + k_min_confidence_gain_to_turn) {
        keep(page, text, std::move(turned));
        break;
      }
    }
  }
  // Cards on the page, once it is upright, are read again from their own image:
  // other pixels, so the engine itself (the remembering reader knows the page's
  // orientations only and would hand back the page's reading).
  reread_cards(page, text, engine);
  return text;
}

PageText read_page(CleanPage& page, bool orientation_settled, ocr::OcrEngine& engine) {
  EngineReader reader(engine);
  return read_page(page, orientation_settled, reader);
}

} // namespace sohoa::pipeline
