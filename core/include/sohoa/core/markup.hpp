#pragma once
// Text put inside XML or HTML markup (element content and quoted attribute values).
// One escape serves both: they differ only in how an apostrophe is written and in
// what XML 1.0 forbids.
#include <string>
#include <string_view>

namespace sohoa {

// For XML 1.0 (XMP packets): & < > " ' as entities (&apos;); a control character
// other than tab, newline and carriage return, which XML 1.0 does not allow even
// escaped, becomes a space. Every other byte, UTF-8 included, is kept.
std::string escape_xml(std::string_view text);

// For HTML pages: & < > " as entities and ' as &#39; (HTML 4 has no &apos;);
// every other byte is kept.
std::string escape_html(std::string_view text);

} // namespace sohoa
