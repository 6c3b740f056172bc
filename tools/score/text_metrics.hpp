#pragma once
// Character and word error rates on normalized Unicode text.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace sohoa::score {

// NFC (ICU), dotted-leader runs removed (3 or more of . … · _), every run of
// whitespace made one space, trimmed. Applied to both sides before comparing.
std::u32string normalize_text(const std::string& utf8);
// NFC, whitespace collapsed, trimmed: how field values are compared.
std::string normalize_value(const std::string& utf8);
std::string to_utf8(const std::u32string& text);

struct EditCount {
  std::size_t edits = 0;
  std::size_t reference = 0; // length of the reference (characters or words)
  double rate() const {
    return reference == 0 ? (edits == 0 ? 0.0 : 1.0)
                          : static_cast<double>(edits) / static_cast<double>(reference);
  }
  EditCount& operator+=(const EditCount& o) {
    edits += o.edits;
    reference += o.reference;
    return *this;
  }
};

template <typename Seq> std::size_t levenshtein(const Seq& a, const Seq& b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::u32string> split_words(const std::u32string& text);
// Edits needed to turn hyp into ref, over the reference length (code points).
EditCount char_errors(const std::string& ref, const std::string& hyp);
EditCount word_errors(const std::string& ref, const std::string& hyp);
// Word errors ignoring order (bag of words): max(|ref|, |hyp|) minus the words the
// two share. Reading order of columns and blocks then costs nothing.
EditCount bag_of_words_errors(const std::string& ref, const std::string& hyp);

} // namespace sohoa::score
