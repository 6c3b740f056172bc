#include "tess_words.hpp"
#include "handles.hpp"
#include "unicode.hpp"
#include <algorithm>
#include <string>

namespace sohoa::ocr {
namespace {

bool is_leader_symbol(const std::string& symbol) {
  return symbol == "." || symbol == "\u2026" || symbol == "\u00b7" || symbol == "_" ||
         symbol == "-" || symbol == "\u2013";
}

struct Symbol {
  std::string text;
  Box box;
  float confidence = 0;
  bool leader = false;
};

OcrWord word_of(const std::vector<Symbol>& symbols, std::size_t begin, std::size_t end) {
  OcrWord w;
  float sum = 0;
  for (std::size_t i = begin; i < end; ++i) {
    w.text += symbols[i].text;
    w.box = unite(w.box, symbols[i].box);
    sum += symbols[i].confidence;
  }
  w.text = to_nfc(w.text);
  w.confidence = std::clamp(sum / static_cast<float>(end - begin), 0.0F, 1.0F);
  return w;
}

// Forms print dotted leaders right against the value ("1994............."), and
// Tesseract reads value and leader as one word whose confidence the dots drag
// down and whose box spans the leader. Runs of three or more leader symbols
// become words of their own, with their own boxes and confidences.
std::vector<OcrWord> split_leaders(const tesseract::ResultIterator& word_it, OcrWord word) {
  constexpr std::size_t k_min_leader_run = 3;
  std::vector<Symbol> symbols;
  tesseract::ResultIterator it(word_it);
  do {
    const TessString text(it.GetUTF8Text(tesseract::RIL_SYMBOL));
    int l = 0;
    int t = 0;
    int r = 0;
    int b = 0;
    if (!text || !it.BoundingBox(tesseract::RIL_SYMBOL, &l, &t, &r, &b)) {
      return {std::move(word)};
    }
    Symbol sym{text.get(), box_from(l, t, r, b), it.Confidence(tesseract::RIL_SYMBOL) / 100.0F,
               false};
    sym.leader = is_leader_symbol(sym.text);
    symbols.push_back(std::move(sym));
    if (it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL)) {
      break;
    }
  } while (it.Next(tesseract::RIL_SYMBOL));
  // Runs: maximal stretches of leader / non-leader symbols; a short leader run
  // (a full stop, "Q.1") stays with its neighbours.
  std::vector<std::pair<std::size_t, std::size_t>> cuts; // [begin, end) of leader runs
  for (std::size_t i = 0; i < symbols.size();) {
    std::size_t j = i;
    while (j < symbols.size() && symbols[j].leader) {
      ++j;
    }
    if (j - i >= k_min_leader_run) {
      cuts.emplace_back(i, j);
    }
    i = j == i ? i + 1 : j;
  }
  if (cuts.empty() ||
      (cuts.size() == 1 && cuts[0].first == 0 && cuts[0].second == symbols.size())) {
    return {std::move(word)};
  }
  std::vector<OcrWord> out;
  std::size_t start = 0;
  for (const auto& [begin, end] : cuts) {
    if (begin > start) {
      out.push_back(word_of(symbols, start, begin));
    }
    out.push_back(word_of(symbols, begin, end));
    start = end;
  }
  if (start < symbols.size()) {
    out.push_back(word_of(symbols, start, symbols.size()));
  }
  return out;
}

} // namespace

Box box_from(int left, int top, int right, int bottom) {
  return {left, top, std::max(0, right - left), std::max(0, bottom - top)};
}

bool is_blank(const char* text) {
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
      return false;
    }
  }
  return true;
}

std::vector<OcrWord> words_at(const tesseract::ResultIterator& it, const char* text) {
  OcrWord word;
  word.text = to_nfc(text);
  int l = 0;
  int t = 0;
  int r = 0;
  int b = 0;
  if (it.BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) {
    word.box = box_from(l, t, r, b);
  }
  word.confidence = std::clamp(it.Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
  return split_leaders(it, std::move(word));
}

std::vector<OcrWord> read_words(tesseract::TessBaseAPI& api) {
  std::vector<OcrWord> words;
  ResultIteratorPtr it(api.GetIterator());
  if (!it) {
    return words;
  }
  do {
    if (it->Empty(tesseract::RIL_WORD)) {
      continue;
    }
    const TessString text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || is_blank(text.get())) {
      continue;
    }
    for (auto& piece : words_at(*it, text.get())) {
      words.push_back(std::move(piece));
    }
  } while (it->Next(tesseract::RIL_WORD));
  return words;
}

} // namespace sohoa::ocr
