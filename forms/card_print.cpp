#include "card_print.hpp"

#include "classifier.hpp"
#include "text_fold.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace sohoa::forms {
namespace {

// One edit in five letters: "SOClALIST REPUBUC OF VIET NAM" still counts.
constexpr double k_min_similarity = 0.8;
// Header and labels together: a card front prints 3 header and 6-7 label phrases;
// a form quoting "Full name" in a bilingual box prints one or two.
constexpr int k_min_phrases = 4;

const std::vector<std::string>& header_phrases() {
  static const std::vector<std::string> phrases = {"socialistrepublicofvietnam",
                                                   "independencefreedomhappiness", "identitycard"};
  return phrases;
}

const std::vector<std::string>& label_phrases() {
  static const std::vector<std::string> phrases = {"fullname",
                                                   "dateofbirth",
                                                   "nationality",
                                                   "placeoforigin",
                                                   "placeofresidence",
                                                   "dateofexpiry",
                                                   "personalidentificationnumber"};
  return phrases;
}

int phrases_read(const std::vector<std::string>& phrases, const std::vector<std::string>& lines) {
  return static_cast<int>(std::count_if(phrases.begin(), phrases.end(), [&](const auto& p) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      return best_substring_similarity(p, line) >= k_min_similarity;
    });
  }));
}

} // namespace

CardPrint read_card_print(const PageText& text) {
  std::vector<std::string> lines;
  for (const auto& line : text.lines) {
    std::string folded;
    for (const auto& w : line.words) {
      folded += fold_alnum(w.text);
    }
    if (!folded.empty()) {
      lines.push_back(std::move(folded));
    }
  }
  return {phrases_read(header_phrases(), lines), phrases_read(label_phrases(), lines)};
}

bool shows_card_print(const CardPrint& print) {
  return print.header > 0 && print.header + print.labels >= k_min_phrases;
}

} // namespace sohoa::forms
