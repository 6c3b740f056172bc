#include "alto_format.hpp"
#include "sohoa/ocr/engine.hpp"
#include "sohoa/ocr/hocr.hpp"
#include "paragraph_runs.hpp"
#include "xml_text_writer.hpp"

#include <cmath>

namespace sohoa::ocr {
namespace {

std::string bbox(const Box& b) {
  return "bbox " + std::to_string(b.x) + " " + std::to_string(b.y) + " " +
         std::to_string(b.right()) + " " + std::to_string(b.y + b.h);
}

void write_line(XmlTextWriter& w, const OcrLine& line, const std::string& id) {
  w.start("span");
  w.attr("class", "ocr_line");
  w.attr("id", id);
  // hOCR's baseline: slope, then the offset from the box's bottom edge.
  w.attr("title", bbox(line.box) + "; baseline 0 " +
                      std::to_string(line.baseline - (line.box.y + line.box.h)));
  for (std::size_t i = 0; i < line.words.size(); ++i) {
    const OcrWord& word = line.words[i];
    if (i > 0) {
      w.text(" ");
    }
    w.start("span");
    w.attr("class", "ocrx_word");
    w.attr("id", id + "_w" + std::to_string(i + 1));
    w.attr("title", bbox(word.box) + "; x_wconf " +
                        std::to_string(static_cast<int>(std::lround(word.confidence * 100))));
    w.text(word.text);
    w.end();
  }
  w.end();
}

void write_page(XmlTextWriter& w, const PageText& page, int number, double dpi,
                const std::string& image) {
  const std::string page_id = "page_" + std::to_string(number);
  const std::string res = std::to_string(static_cast<long>(dpi + 0.5));
  w.start("div");
  w.attr("class", "ocr_page");
  w.attr("id", page_id);
  w.attr("title", "image \"" + image + "\"; " + bbox(Box{0, 0, page.width, page.height}) +
                      "; ppageno " + std::to_string(number - 1) + "; scan_res " + res + " " + res);
  int area = 0;
  // One area and paragraph per run of lines sharing block and paragraph, as ALTO.
  for (const ParagraphRun& run : paragraph_runs(page)) {
    const std::string area_id = std::to_string(number) + "_" + std::to_string(++area);
    w.start("div");
    w.attr("class", "ocr_carea");
    w.attr("id", "block_" + area_id);
    w.attr("title", bbox(run.box));
    w.start("p");
    w.attr("class", "ocr_par");
    w.attr("id", "par_" + area_id);
    w.attr("title", bbox(run.box));
    int line_number = 0;
    for (std::size_t i = run.first; i < run.end; ++i) {
      if (!page.lines[i].words.empty()) {
        write_line(w, page.lines[i], "line_" + area_id + "_" + std::to_string(++line_number));
      }
    }
    w.end();
    w.end();
  }
  w.end();
}

} // namespace

std::string to_hocr(const std::vector<PageText>& pages, const AltoInfo& info) {
  alto::init_libxml2_once();
  XmlTextWriter w("hocr_write_failed", "writing hOCR");
  w.start_document();
  w.doctype("html", "-//W3C//DTD XHTML 1.0 Transitional//EN",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd");
  w.start("html");
  w.attr("xmlns", "http://www.w3.org/1999/xhtml");
  w.attr("xml:lang", "vi");
  w.attr("lang", "vi");
  w.start("head");
  w.element("title", info.source_image);
  w.start("meta");
  w.attr("http-equiv", "Content-Type");
  w.attr("content", "text/html;charset=utf-8");
  w.end();
  w.start("meta");
  w.attr("name", "ocr-system");
  w.attr("content", "sohoa " + info.software_version + " (Tesseract " + tesseract_version() + ")");
  w.end();
  w.start("meta");
  w.attr("name", "ocr-capabilities");
  w.attr("content", "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf");
  w.end();
  w.end();
  w.start("body");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const double dpi = p < info.page_dpi.size() ? info.page_dpi[p] : 300;
    write_page(w, pages[p], static_cast<int>(p + 1), dpi, info.source_image);
  }
  w.end();
  w.end();
  return w.finish();
}

} // namespace sohoa::ocr
