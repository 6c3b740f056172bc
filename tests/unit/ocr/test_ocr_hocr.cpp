// hOCR beside ALTO: well-formed XHTML, and exactly the words, boxes and
// confidences the ALTO file carries, page by page and line by line.
#include "sohoa/ocr/alto.hpp"
#include "sohoa/ocr/hocr.hpp"
#include "sohoa/core/libxml_handles.hpp"

#include <doctest/doctest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cmath>
#include <memory>
#include <string>

using namespace sohoa;

namespace {

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string content(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

// Elements by their hOCR class, in document order.
void collect(const xmlNode* n, const std::string& cls, std::vector<const xmlNode*>& out) {
  for (; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      if (attr(n, "class") == cls) {
        out.push_back(n);
      }
      collect(n->children, cls, out);
    }
  }
}

PageText page(int width, int height, std::vector<OcrLine> lines) {
  PageText p;
  p.width = width;
  p.height = height;
  p.lines = std::move(lines);
  return p;
}

} // namespace

TEST_CASE("hOCR holds the ALTO words with bbox and x_wconf, as well-formed XHTML") {
  const std::vector<PageText> pages{
      page(2480, 3508,
           {{{180, 200, 900, 60},
             248,
             0,
             0,
             {{"ỦY", {180, 200, 90, 60}, 0.961f}, {"BAN", {290, 200, 120, 60}, 0.93f}}},
            {{180, 400, 2000, 60},
             449,
             1,
             1,
             {{"Họ,", {180, 400, 110, 60}, 0.5f}, {"<tên>&", {300, 400, 120, 62}, 0.25f}}}}),
      page(1000, 1400, {{{10, 20, 300, 40}, 55, 0, 0, {{"trang", {10, 20, 300, 40}, 0.8f}}}})};
  ocr::AltoInfo info{"to-khai", "0.1.0", {300, 200}};
  const std::string hocr = ocr::to_hocr(pages, info);
  CHECK(hocr.find("<!DOCTYPE html") != std::string::npos);
  libxml::DocPtr doc(xmlReadMemory(hocr.data(), static_cast<int>(hocr.size()), "x.hocr", nullptr,
                                   XML_PARSE_NONET));
  REQUIRE(doc);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  REQUIRE(root != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->name)) == "html");
  REQUIRE(root->ns != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->ns->href)) ==
        "http://www.w3.org/1999/xhtml");

  std::vector<const xmlNode*> page_nodes;
  std::vector<const xmlNode*> lines;
  std::vector<const xmlNode*> words;
  collect(root, "ocr_page", page_nodes);
  collect(root, "ocr_line", lines);
  collect(root, "ocrx_word", words);
  REQUIRE(page_nodes.size() == 2);
  CHECK(attr(page_nodes[0], "title").find("bbox 0 0 2480 3508") != std::string::npos);
  CHECK(attr(page_nodes[1], "title").find("scan_res 200 200") != std::string::npos);
  CHECK(lines.size() == 3);
  CHECK(attr(lines[0], "title") == "bbox 180 200 1080 260; baseline 0 -12");

  // The same words as the ALTO file gives back.
  const auto alto = ocr::from_alto(ocr::to_alto(pages, info));
  std::size_t k = 0;
  for (const auto& p : alto) {
    for (const auto& l : p.lines) {
      for (const auto& w : l.words) {
        REQUIRE(k < words.size());
        CHECK(content(words[k]) == w.text);
        const std::string want = "bbox " + std::to_string(w.box.x) + " " + std::to_string(w.box.y) +
                                 " " + std::to_string(w.box.right()) + " " +
                                 std::to_string(w.box.y + w.box.h) + "; x_wconf " +
                                 std::to_string(static_cast<int>(std::lround(w.confidence * 100)));
        CHECK(attr(words[k], "title") == want);
        ++k;
      }
    }
  }
  CHECK(k == words.size());
  CHECK(k == 5);
}
