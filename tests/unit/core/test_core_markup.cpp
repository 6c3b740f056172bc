// The one escape for text inside XML (XMP) and HTML (the counter's pages).
#include "sohoa/core/markup.hpp"
#include <doctest/doctest.h>

#include <string>

using namespace sohoa;

TEST_CASE("XML: the five entities, and control characters XML 1.0 forbids become spaces") {
  CHECK(escape_xml(R"(a & b <c> "d" 'e')") == "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
  CHECK(escape_xml(std::string("x\x01y\x1Fz\x7F", 6)) == "x y z\x7F");
  CHECK(escape_xml("tab\tline\nret\r") == "tab\tline\nret\r");
  CHECK(escape_xml(std::string("nul\0end", 7)) == "nul end");
  CHECK(escape_xml("Sở Tư pháp") == "Sở Tư pháp");
  CHECK(escape_xml("") == "");
}

TEST_CASE("HTML: the apostrophe as a numeric reference, every other byte kept") {
  CHECK(escape_html(R"(<a href="x">O'Neil & co</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;");
  CHECK(escape_html(std::string("x\x01y", 3)) == std::string("x\x01y", 3));
  CHECK(escape_html("Hồ sơ 001/2026") == "Hồ sơ 001/2026");
}
