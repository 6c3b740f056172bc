#include "sohoa/core/markup.hpp"

namespace sohoa {
namespace {

enum class Dialect { xml, html };

std::string escape(std::string_view text, Dialect dialect) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += dialect == Dialect::xml ? "&apos;" : "&#39;";
      break;
    default:
      if (dialect == Dialect::xml && static_cast<unsigned char>(c) < 0x20 && c != '\t' &&
          c != '\n' && c != '\r') {
        out += ' ';
      } else {
        out += c;
      }
    }
  }
  return out;
}

} // namespace

std::string escape_xml(std::string_view text) {
  return escape(text, Dialect::xml);
}

std::string escape_html(std::string_view text) {
  return escape(text, Dialect::html);
}

} // namespace sohoa
