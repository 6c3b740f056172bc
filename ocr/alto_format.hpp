#pragma once
// What the ALTO writer and reader agree on beyond the schema. Internal to ocr/.
//
// ALTO has no paragraph or block index of its own, so each TextBlock is one
// paragraph and its ID carries both indices: "P<page>_TB<n>_B<block>_PAR<para>".
// A TextBlock whose ID does not follow the scheme (ALTO from another tool) is
// read as a new block holding one new paragraph.
#include <charconv>
#include <libxml/parser.h>
#include <mutex>
#include <string>
#include <string_view>

namespace sohoa::ocr::alto {

inline constexpr const char* k_namespace = "http://www.loc.gov/standards/alto/ns-v4#";
// 4.1: TextLine BASELINE is a single float there (4.2 made it a point list).
inline constexpr const char* k_schema_location =
    "http://www.loc.gov/standards/alto/ns-v4# "
    "http://www.loc.gov/standards/alto/v4/alto-4-1.xsd";
inline constexpr int k_confidence_decimals = 3;
// A String's ALTERNATIVE of this PURPOSE is what a second look at the word read
// (OcrWord::other_reading), written even when it agrees with CONTENT.
inline constexpr const char* k_second_reading_purpose = "second-reading";

// libxml2 wants its global state set up once before threads use it.
inline void init_libxml2_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Locale-independent fixed-point text for WC and PC.
inline std::string format_fraction(double value) {
  char buf[32];
  const auto res =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, k_confidence_decimals);
  return std::string(buf, res.ptr);
}

} // namespace sohoa::ocr::alto
