#include "classifier.hpp"
#include "card_print.hpp"
#include "sohoa/forms/form_type.hpp"
#include "fuzzy.hpp"
#include "label_cues.hpp"
#include "label_extractor.hpp"
#include "region_extractor.hpp"
#include "sohoa/forms/card_model.hpp"
#include "text_fold.hpp"
#include <algorithm>
#include <numeric>

namespace sohoa::forms {
namespace {

constexpr double k_title_threshold = 0.82; // OCR slips in a title of ~25 letters
constexpr std::size_t k_title_lines = 18;  // titles sit in the first lines of page 1
// Lines of noise before the title do not count among those (is_noise_line), up to
// this many lines in all.
constexpr std::size_t k_max_title_window_lines = 60;
constexpr float k_min_word_confidence_of_text = 0.5F;
constexpr double k_card_min_ratio = 1.35; // ID-1 is 85.6 x 54 mm = 1.585
constexpr double k_card_max_ratio = 1.85;
// A card-shaped page whose title is lost (a stamp over it, a worn copy) is still a
// card's front when this many of the card's own printed labels are read.
constexpr int k_min_card_front_cues = 4;
// Printed labels the front of every card model can show (forms/card_model).
constexpr double k_card_front_cue_count = 13;
// English phrases a card front prints (forms/card_print).
constexpr double k_card_print_count = 10;
// Under this confidence, or this close to another acceptable type, a type is uncertain.
constexpr double k_certain_confidence = 0.65;
constexpr double k_certain_margin = 0.1;

// The folded text of the first lines of page 1, one entry per line and per pair
// of lines (titles wrap).
struct TitleWindows {
  std::vector<std::string> texts; // single lines first, then pairs
  std::size_t single_lines = 0;
};

// A line OCR made of noise (a dark shading, a photo's edge): no word of two
// letters or more read with some confidence. It does not count among the first
// lines: a title under such lines still heads the page.
bool is_noise_line(const OcrLine& line) {
  return std::none_of(line.words.begin(), line.words.end(), [](const OcrWord& w) {
    return w.confidence >= k_min_word_confidence_of_text && fold_alnum(w.text).size() >= 2;
  });
}

TitleWindows title_windows(const std::vector<PageText>& pages) {
  std::vector<std::string> lines;
  if (pages.empty()) {
    return {};
  }
  std::size_t counted = 0;
  for (const auto& line : pages.front().lines) {
    if (counted >= k_title_lines || lines.size() >= k_max_title_window_lines) {
      break;
    }
    std::string text;
    for (const auto& w : line.words) {
      text += fold_alnum(w.text);
    }
    if (!text.empty()) {
      lines.push_back(text);
      counted += is_noise_line(line) ? 0 : 1;
    }
  }
  TitleWindows out{lines, lines.size()};
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    out.texts.push_back(lines[i] + lines[i + 1]);
  }
  return out;
}

double title_score(const FormType& type, const TitleWindows& windows) {
  double best = 0;
  for (const auto& phrase : type.cues.title_phrases) {
    const std::string p = fold_alnum(phrase);
    for (std::size_t i = 0; i < windows.texts.size(); ++i) {
      const std::string& text = windows.texts[i];
      const double s = type.cues.title_whole_line
                           ? (i < windows.single_lines ? similarity(p, text) : 0.0)
                           : best_substring_similarity(p, text);
      best = std::max(best, s);
    }
  }
  for (const auto& phrase : type.cues.title_lines) {
    const std::string p = fold_alnum(phrase);
    for (std::size_t i = 0; i < windows.single_lines; ++i) {
      best = std::max(best, similarity(p, windows.texts[i]));
    }
  }
  return best >= k_title_threshold ? best : 0.0;
}

// A title that is a whole line of the first lines, not a phrase within one: the
// heading of the document itself, not a mention of it.
bool title_is_a_line(const FormType& type, const TitleWindows& windows) {
  for (const auto* phrases : {&type.cues.title_phrases, &type.cues.title_lines}) {
    for (const auto& phrase : *phrases) {
      const std::string p = fold_alnum(phrase);
      for (std::size_t i = 0; i < windows.single_lines; ++i) {
        if (similarity(p, windows.texts[i]) >= k_title_threshold) {
          return true;
        }
      }
    }
  }
  return false;
}

// A first-lines line that starts with a title of some other document.
bool has_foreign_title(const FormCatalog& catalog, const std::vector<PageText>& pages) {
  if (pages.empty()) {
    return false;
  }
  std::size_t seen = 0;
  for (const auto& line : pages.front().lines) {
    if (++seen > k_title_lines) {
      break;
    }
    std::vector<std::string> tokens;
    for (const auto& w : line.words) {
      const std::string t = fold_alnum(w.text);
      if (!t.empty()) {
        tokens.push_back(t);
      }
    }
    for (const auto& title : catalog.foreign_titles()) {
      const auto want = split_spaces(fold(title));
      if (want.empty() || want.size() > tokens.size()) {
        continue;
      }
      bool match = true;
      for (std::size_t i = 0; i < want.size() && match; ++i) {
        match = fold_alnum(want[i]) == tokens[i];
      }
      if (match) {
        return true;
      }
    }
  }
  return false;
}

bool card_shaped(const std::vector<PageText>& pages) {
  if (pages.empty() || pages.front().width <= 0 || pages.front().height <= 0) {
    return false;
  }
  const double ratio =
      static_cast<double>(pages.front().width) / static_cast<double>(pages.front().height);
  return ratio >= k_card_min_ratio && ratio <= k_card_max_ratio;
}

// Share of a card front's printed labels read on page 1, 0 unless enough of them
// are read for the page to be a card's front.
double card_front_cue_share(const std::vector<PageText>& pages) {
  if (pages.empty()) {
    return 0;
  }
  const CardIdentity id = identify_card(pages.front());
  if (id.side != CardSide::front || id.cues < k_min_card_front_cues) {
    return 0;
  }
  return std::min(1.0, id.cues / k_card_front_cue_count);
}

// Share of a card's English print read on page 1 (a card copied on A4, its
// title lost), 0 unless it shows a card (forms/card_print).
double card_print_share(const std::vector<PageText>& pages) {
  if (pages.empty()) {
    return 0;
  }
  const CardPrint print = read_card_print(pages.front());
  return shows_card_print(print) ? std::min(1.0, (print.header + print.labels) / k_card_print_count)
                                 : 0.0;
}

} // namespace

double best_substring_similarity(std::string_view phrase, std::string_view text) {
  if (phrase.empty()) {
    return 0;
  }
  // Semi-global alignment: the phrase must be matched whole, the text anywhere.
  std::vector<int> row(phrase.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  int best = row[phrase.size()];
  for (std::size_t j = 1; j <= text.size(); ++j) {
    int diagonal = row[0];
    row[0] = 0;
    for (std::size_t i = 1; i <= phrase.size(); ++i) {
      const int above = row[i];
      row[i] =
          std::min({above + 1, row[i - 1] + 1, diagonal + (phrase[i - 1] == text[j - 1] ? 0 : 1)});
      diagonal = above;
    }
    best = std::min(best, row[phrase.size()]);
  }
  return 1.0 - static_cast<double>(best) / static_cast<double>(phrase.size());
}

std::vector<TypeScore> score_types(const FormCatalog& catalog, const std::vector<PageText>& pages) {
  const TitleWindows windows = title_windows(pages);
  const bool card = card_shaped(pages);
  const bool foreign = has_foreign_title(catalog, pages);
  std::vector<TypeScore> out;
  for (const auto& type : catalog.types()) {
    TypeScore s;
    s.doc_type = type.doc_type;
    s.title = title_score(type, windows);
    const RawFields found =
        type.layout == "regions" ? extract_regions(type, pages) : extract_labelled(type, pages);
    int hits = 0;
    for (const auto& id : type.cues.must_have_fields) {
      hits += found.count(id) != 0 ? 1 : 0;
    }
    s.fields = static_cast<double>(hits) / static_cast<double>(type.cues.must_have_fields.size());
    s.shape = (type.cues.shape == "card") == card ? 1.0 : 0.0;
    if (s.title > 0) {
      // Under the title, the form's printed labels count as much as the values
      // found: poor OCR or a reading order of its own loses values, not labels.
      s.labels = printed_label_share(type, pages);
      const double evidence = std::max(s.fields, s.labels);
      s.score = 0.5 * s.title + 0.4 * evidence + 0.1 * s.shape;
      // A title alone can be a quotation ("theo Quyết định số ..."): some fields or
      // half the labels too.
      // A card's title on a line of its own heads a card wherever it lies (a card
      // copied on A4 whose small print the copy garbled), unless another title does.
      s.acceptable =
          s.fields >= 0.3 || s.labels >= 0.5 ||
          (type.cues.shape == "card" && (card || (!foreign && title_is_a_line(type, windows))));
    } else {
      // No title read: the labels must carry it, and no other title may head it.
      s.score = 0.7 * s.fields + 0.1 * s.shape;
      s.acceptable = !foreign && s.fields >= type.cues.min_label_ratio &&
                     (type.cues.shape != "card" || card || s.fields >= 0.99);
      if (!s.acceptable && !foreign && type.cues.shape == "card" && card) {
        // The card's own labels stand in for its title; the score stays low, so the
        // type is uncertain and the document reviewed.
        const double cues = card_front_cue_share(pages);
        s.acceptable = cues > 0;
        s.score = 0.7 * std::max(s.fields, 0.5 * cues) + 0.1 * s.shape;
      }
      if (!s.acceptable && !foreign && type.cues.shape == "card") {
        // Any page: a card's English print is no form's; scored as low.
        const double print = card_print_share(pages);
        s.acceptable = print > 0;
        s.score = 0.7 * std::max(s.fields, 0.5 * print) + 0.1 * s.shape;
      }
    }
    out.push_back(s);
  }
  return out;
}

Classification classify(const FormCatalog& catalog, const std::vector<PageText>& pages) {
  Classification best;
  double runner_up = 0;
  for (const auto& s : score_types(catalog, pages)) {
    if (!s.acceptable) {
      continue;
    }
    const double score = std::min(1.0, s.score);
    if (score > best.confidence) {
      runner_up = best.confidence;
      best.doc_type = s.doc_type;
      best.confidence = score;
    } else {
      runner_up = std::max(runner_up, score);
    }
  }
  best.uncertain = best.doc_type != "unknown" && (best.confidence < k_certain_confidence ||
                                                  best.confidence - runner_up < k_certain_margin);
  return best;
}

} // namespace sohoa::forms
