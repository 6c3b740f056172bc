#include "label_cues.hpp"
#include "classifier.hpp"
#include "text_fold.hpp"
#include <string>
#include <string_view>

namespace sohoa::forms {
namespace {

// A label part read with about one slip in four letters still counts: under a
// title already read, half the labels so read tell the form.
constexpr double k_label_similarity = 0.74;
// Shorter parts ("No.", "Sex") match too much by chance.
constexpr std::size_t k_min_label_letters = 7;
// Labels of a form sit on its first pages' lines; enough for the longest form.
constexpr std::size_t k_max_lines = 160;

std::vector<std::string> folded_lines(const std::vector<PageText>& pages) {
  std::vector<std::string> lines;
  for (const auto& page : pages) {
    for (const auto& line : page.lines) {
      if (lines.size() >= k_max_lines) {
        return lines;
      }
      std::string text;
      for (const auto& w : line.words) {
        text += fold_alnum(w.text);
      }
      if (!text.empty()) {
        lines.push_back(std::move(text));
      }
    }
  }
  return lines;
}

// "Họ và tên / Full name" -> its folded parts long enough to tell.
std::vector<std::string> label_parts(const std::string& label) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= label.size()) {
    const std::size_t slash = std::min(label.find('/', start), label.size());
    std::string part = fold_alnum(std::string_view(label).substr(start, slash - start));
    if (part.size() >= k_min_label_letters) {
      parts.push_back(std::move(part));
    }
    start = slash + 1;
  }
  return parts;
}

bool label_printed(const FieldSpec& field, const std::vector<std::string>& lines) {
  for (const auto& label : field.labels) {
    for (const auto& part : label_parts(label)) {
      for (const auto& line : lines) {
        if (best_substring_similarity(part, line) >= k_label_similarity) {
          return true;
        }
      }
    }
  }
  return false;
}

} // namespace

double printed_label_share(const FormType& type, const std::vector<PageText>& pages) {
  if (type.cues.must_have_fields.empty()) {
    return 0;
  }
  const std::vector<std::string> lines = folded_lines(pages);
  int printed = 0;
  for (const auto& id : type.cues.must_have_fields) {
    const FieldSpec* field = type.field(id);
    printed += field != nullptr && label_printed(*field, lines) ? 1 : 0;
  }
  return static_cast<double>(printed) / static_cast<double>(type.cues.must_have_fields.size());
}

} // namespace sohoa::forms
