#include "tools/score/text_metrics.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace sohoa::score {

namespace {

std::u32string nfc_code_points(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error("ICU: no NFC normalizer");
  }
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(utf8);
  const icu::UnicodeString out = nfc->normalize(in, status);
  if (U_FAILURE(status)) {
    throw std::runtime_error("ICU: NFC normalization failed");
  }
  std::u32string cps;
  for (int32_t i = 0; i < out.length();) {
    const UChar32 c = out.char32At(i);
    cps.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return cps;
}

bool is_space(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == U'\f';
}

bool is_leader(char32_t c) {
  return c == U'.' || c == U'…' || c == U'·' || c == U'_';
}

std::u32string collapse_spaces(const std::u32string& in) {
  std::u32string out;
  bool pending = false;
  for (char32_t c : in) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) {
      out.push_back(U' ');
      pending = false;
    }
    out.push_back(c);
  }
  return out;
}

} // namespace

std::string to_utf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::u32string normalize_text(const std::string& utf8) {
  const std::u32string in = nfc_code_points(utf8);
  // Drop leader runs: three or more leader characters, spaces allowed between them.
  std::u32string kept;
  std::size_t i = 0;
  while (i < in.size()) {
    if (is_leader(in[i])) {
      std::size_t j = i;
      std::size_t weight = 0;
      std::size_t last_leader = i;
      while (j < in.size() && (is_leader(in[j]) || in[j] == U' ')) {
        if (is_leader(in[j])) {
          weight += in[j] == U'…' ? 3 : 1;
          last_leader = j;
        }
        ++j;
      }
      if (weight >= 3) {
        kept.push_back(U' ');
        i = last_leader + 1;
        continue;
      }
    }
    kept.push_back(in[i]);
    ++i;
  }
  return collapse_spaces(kept);
}

std::string normalize_value(const std::string& utf8) {
  return to_utf8(collapse_spaces(nfc_code_points(utf8)));
}

std::vector<std::u32string> split_words(const std::u32string& text) {
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : text) {
    if (c == U' ') {
      if (!cur.empty()) {
        words.push_back(cur);
        cur.clear();
      }
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) {
    words.push_back(cur);
  }
  return words;
}

EditCount char_errors(const std::string& ref, const std::string& hyp) {
  const std::u32string r = normalize_text(ref);
  const std::u32string h = normalize_text(hyp);
  return {levenshtein(r, h), r.size()};
}

EditCount word_errors(const std::string& ref, const std::string& hyp) {
  const auto r = split_words(normalize_text(ref));
  const auto h = split_words(normalize_text(hyp));
  return {levenshtein(r, h), r.size()};
}

EditCount bag_of_words_errors(const std::string& ref, const std::string& hyp) {
  const auto r = split_words(normalize_text(ref));
  const auto h = split_words(normalize_text(hyp));
  std::map<std::u32string, std::size_t> counts;
  for (const auto& w : r) {
    ++counts[w];
  }
  std::size_t shared = 0;
  for (const auto& w : h) {
    auto it = counts.find(w);
    if (it != counts.end() && it->second > 0) {
      --it->second;
      ++shared;
    }
  }
  return {std::max(r.size(), h.size()) - shared, r.size()};
}

} // namespace sohoa::score
