#include "region_extractor.hpp"
#include "fuzzy.hpp"
#include "segments.hpp"
#include "text_fold.hpp"
#include <algorithm>
#include <regex>

namespace sohoa::forms {
namespace {

// Header columns (agency | motto) are closer than a layout gap: about one line height.
constexpr double k_header_gap = 1.2;

// "TM.ỦY BAN" -> "TM. ỦY BAN": OCR glues the authority prefix to the title.
std::string space_authority(const std::string& title) {
  static const std::regex glued(R"(^(TM|KT|TL|TUQ|Q)\.(\S))");
  return std::regex_replace(title, glued, "$1. $2");
}

bool has_alnum(const Segment& s) {
  return !fold_alnum(s.text).empty();
}

bool in_parentheses(const Segment& s) {
  return !s.text.empty() && s.text.front() == '(';
}

RawField raw_from(const std::vector<const Segment*>& parts, int page,
                  const OcrWord* skip = nullptr) {
  RawField raw;
  raw.page = page + 1;
  raw.found_by = FoundBy::region;
  raw.min_word_confidence = 1;
  float sum = 0;
  int n = 0;
  for (const Segment* s : parts) {
    for (const OcrWord* w : s->words) {
      if (w == skip) {
        continue;
      }
      if (!raw.text.empty()) {
        raw.text += ' ';
      }
      raw.text += w->text;
      raw.bbox = unite(raw.bbox, w->box);
      sum += w->confidence;
      raw.min_word_confidence = std::min(raw.min_word_confidence, w->confidence);
      raw.count_readings(*w);
      ++n;
    }
  }
  raw.confidence = n > 0 ? sum / static_cast<float>(n) : 0;
  raw.min_word_confidence = n > 0 ? raw.min_word_confidence : 0;
  raw.rows = std::max(1, static_cast<int>(parts.size()));
  return raw;
}

int median_height(const std::vector<Segment>& segments) {
  std::vector<int> h;
  for (const auto& s : segments) {
    h.push_back(s.box.h);
  }
  if (h.empty()) {
    return 1;
  }
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return std::max(1, h[h.size() / 2]);
}

// OCR glues a long agency line to the motto when the two nearly touch
// ("MINHCỘNG HÒA XÃ HỘI..."): the motto's first word is cut off again, the box
// shared out by letter count.
std::vector<PageText> unglue_motto(std::vector<PageText> pages) {
  static const std::string motto_start = "CỘNG";
  for (auto& page : pages) {
    for (auto& line : page.lines) {
      for (std::size_t i = 0; i < line.words.size(); ++i) {
        const OcrWord w = line.words[i];
        const std::size_t at = w.text.find(motto_start);
        if (at == std::string::npos || at == 0) {
          continue;
        }
        OcrWord left = w;
        OcrWord right = w;
        left.text = w.text.substr(0, at);
        right.text = w.text.substr(at);
        const auto total = static_cast<int>(utf8_length(w.text));
        const auto left_chars = static_cast<int>(utf8_length(left.text));
        left.box.w = w.box.w * left_chars / std::max(1, total);
        right.box.x = w.box.x + left.box.w;
        right.box.w = w.box.w - left.box.w;
        line.words[i] = left;
        line.words.insert(line.words.begin() + static_cast<std::ptrdiff_t>(i) + 1, right);
        ++i;
      }
    }
  }
  return pages;
}

class RegionReader {
public:
  RegionReader(const FormType& type, const std::vector<PageText>& pages)
      : m_type(type), m_pages(unglue_motto(pages)) {}

  RawFields run() {
    if (m_pages.empty()) {
      return {};
    }
    read_header(0);
    read_signature(last_page_with_text());
    return std::move(m_out);
  }

private:
  // The signature sits on the last page that holds text: a blank back side or
  // an empty trailing scan follows it often.
  int last_page_with_text() const {
    for (int p = static_cast<int>(m_pages.size()) - 1; p > 0; --p) {
      if (m_pages[p].word_count() > 0) {
        return p;
      }
    }
    return 0;
  }

  void put(Region region, RawField raw) {
    for (const auto& f : m_type.fields) {
      if (f.region == region && !raw.text.empty()) {
        m_out[f.id] = raw;
      }
    }
  }

  const Segment* find_type_name(const std::vector<Segment>& segments, int width) const {
    for (const auto& s : segments) {
      const double centre = static_cast<double>(s.center_x()) / width;
      if (centre < 0.25 || centre > 0.75 || !is_upper_case_text(s.text)) {
        continue;
      }
      for (const auto& kind : m_type.document_kinds) {
        if (similarity(fold_alnum(s.text), fold_alnum(kind)) >= 0.85) {
          return &s;
        }
      }
    }
    return nullptr;
  }

  void read_header(int page) {
    const auto segments = page_segments(m_pages[page], k_header_gap);
    const int width = page_width(m_pages[page]);
    const Segment* type_name = find_type_name(segments, width);
    const int header_bottom =
        type_name != nullptr ? type_name->box.y : page_height(m_pages[page]) / 3;
    static const std::regex number_line(R"(^so\s*[:.]?\s*\S*\d)");
    static const std::regex date_words(R"(ngay.*thang.*nam)");
    // The motto is the right column even where a long agency line pushes it left.
    static const std::regex motto(R"(^(cong hoa xa hoi|doc lap\b))");
    const Segment* number = nullptr;
    const Segment* place_date = nullptr;
    std::vector<const Segment*> left;
    for (const auto& s : segments) {
      if (s.box.y >= header_bottom) {
        break;
      }
      if (number == nullptr && std::regex_search(s.folded, number_line)) {
        number = &s;
        continue;
      }
      if (place_date == nullptr && s.center_x() >= width / 2 &&
          std::regex_search(s.folded, date_words)) {
        place_date = &s;
        continue;
      }
      if (s.center_x() < width / 2 && has_alnum(s) && !std::regex_search(s.folded, motto)) {
        left.push_back(&s);
      }
    }
    // The agency block: left header lines above "Số:" (the motto is on the right).
    std::vector<const Segment*> agency;
    for (const Segment* s : left) {
      if (number != nullptr && s->box.y >= number->box.y) {
        break;
      }
      agency.push_back(s);
    }
    put(Region::agency_block, raw_from(agency, page));
    if (number != nullptr) {
      const OcrWord* label = number->words.front();
      const bool label_only = fold_alnum(label->text) == "so";
      put(Region::number_line, raw_from({number}, page, label_only ? label : nullptr));
    }
    if (place_date != nullptr) {
      read_place_date(*place_date, page);
    }
    if (type_name != nullptr) {
      put(Region::type_name, raw_from({type_name}, page));
      read_summary(segments, *type_name, width, page);
    }
  }

  // "Bến Nghé, ngày 05 tháng 01 năm 2026": the place before the comma, the date after.
  void read_place_date(const Segment& s, int page) {
    std::size_t date_word = s.words.size();
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      if (fold_alnum(s.words[i]->text) == "ngay") {
        date_word = i;
        break;
      }
    }
    Segment place;
    Segment date;
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      Segment& part = i < date_word ? place : date;
      part.words.push_back(s.words[i]);
    }
    put(Region::place, raw_from({&place}, page));
    put(Region::place_date, raw_from({&date}, page));
  }

  void read_summary(const std::vector<Segment>& segments, const Segment& type_name, int width,
                    int page) {
    static const std::regex opening(R"(^(ve viec|v/v|v\.v)\b)");
    const int line_h = median_height(segments);
    std::vector<const Segment*> parts;
    int looked = 0;
    for (const auto& s : segments) {
      if (s.box.y <= type_name.box.y || s.line == type_name.line) {
        continue;
      }
      if (parts.empty()) {
        if (++looked > 3) {
          break;
        }
        if (std::regex_search(s.folded, opening)) {
          parts.push_back(&s);
        }
        continue;
      }
      const Segment& last = *parts.back();
      const double centre = static_cast<double>(s.center_x()) / width;
      const bool continues = s.box.y - last.box.bottom() < 1.2 * line_h && centre > 0.3 &&
                             centre < 0.7 && has_alnum(s) && !is_upper_case_text(s.text) &&
                             s.folded.rfind("can cu", 0) != 0;
      if (!continues) {
        break;
      }
      parts.push_back(&s);
    }
    if (!parts.empty()) {
      put(Region::summary, raw_from(parts, page));
    }
  }

  // Bottom right: the authority and title lines in capitals, the name under them.
  void read_signature(int page) {
    const auto segments = page_segments(m_pages[page], k_header_gap);
    const int width = page_width(m_pages[page]);
    int top = page_height(m_pages[page]) / 2;
    if (page == 0 && m_out.count("summary") != 0) {
      top = std::max(top, m_out["summary"].bbox.bottom());
    }
    for (const auto& s : segments) {
      if (s.folded.rfind("noi nhan", 0) == 0) {
        top = s.box.y - s.box.h;
        break;
      }
    }
    // The signature and the stamp over it read as letters with next to no
    // confidence ("CX,", "_U"): no print of the block.
    constexpr float k_min_print_confidence = 0.3F;
    std::vector<const Segment*> block;
    for (const auto& s : segments) {
      if (s.box.y >= top && s.box.x >= width * 45 / 100 && has_alnum(s) && !in_parentheses(s) &&
          s.confidence() >= k_min_print_confidence) {
        block.push_back(&s);
      }
    }
    std::vector<const Segment*> title;
    std::size_t i = 0;
    while (i < block.size() && is_upper_case_text(block[i]->text)) {
      title.push_back(block[i]);
      ++i;
    }
    const Segment* name = nullptr;
    for (; i < block.size(); ++i) {
      if (!is_upper_case_text(block[i]->text) && starts_upper(block[i]->text) &&
          split_spaces(block[i]->text).size() >= 2) {
        name = block[i];
      }
    }
    if (!title.empty()) {
      RawField raw = raw_from(title, page);
      raw.text = space_authority(raw.text);
      put(Region::signer_title, raw);
    }
    if (name != nullptr) {
      put(Region::signer_name, raw_from({name}, page));
    }
  }

  const FormType& m_type;
  const std::vector<PageText> m_pages;
  RawFields m_out;
};

} // namespace

RawFields extract_regions(const FormType& type, const std::vector<PageText>& pages) {
  return RegionReader(type, pages).run();
}

} // namespace sohoa::forms
