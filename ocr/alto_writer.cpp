#include "sohoa/core/error.hpp"
#include "sohoa/ocr/alto.hpp"
#include "paragraph_runs.hpp"
#include "alto_format.hpp"
#include "sohoa/ocr/engine.hpp"
#include "unicode.hpp"
#include "xml_text_writer.hpp"

namespace sohoa::ocr {
namespace {

void write_box(XmlTextWriter& w, const Box& box) {
  w.attr("HPOS", box.x);
  w.attr("VPOS", box.y);
  w.attr("WIDTH", box.w);
  w.attr("HEIGHT", box.h);
}

void write_description(XmlTextWriter& w, const AltoInfo& info) {
  w.start("Description");
  w.element("MeasurementUnit", "pixel");
  w.start("sourceImageInformation");
  w.element("fileName", info.source_image);
  w.end();
  w.start("Processing");
  w.attr("ID", "OCR_0");
  w.element("processingStepDescription", "OCR with Tesseract " + tesseract_version() +
                                             " (LSTM), Leptonica " + leptonica_version());
  std::string dpi;
  for (const double d : info.page_dpi) {
    dpi += (dpi.empty() ? "" : ",") + std::to_string(static_cast<long>(d + 0.5));
  }
  w.element("processingStepSettings", "page dpi: " + (dpi.empty() ? "unknown" : dpi));
  w.start("processingSoftware");
  w.element("softwareName", "sohoa");
  w.element("softwareVersion", info.software_version);
  w.end();
  w.end();
  w.end();
}

void write_line(XmlTextWriter& w, const OcrLine& line, const std::string& id) {
  w.start("TextLine");
  w.attr("ID", id);
  write_box(w, line.box);
  w.attr("BASELINE", line.baseline);
  for (std::size_t i = 0; i < line.words.size(); ++i) {
    const OcrWord& word = line.words[i];
    if (i > 0) {
      const OcrWord& prev = line.words[i - 1];
      w.start("SP");
      w.attr("HPOS", prev.box.right());
      w.attr("VPOS", line.box.y);
      w.attr("WIDTH", std::max(0, word.box.x - prev.box.right()));
      w.end();
    }
    w.start("String");
    w.attr("ID", id + "_W" + std::to_string(i));
    w.attr("CONTENT", word.text);
    write_box(w, word.box);
    w.attr("WC", alto::format_fraction(word.confidence));
    if (word.read_twice()) {
      w.start("ALTERNATIVE");
      w.attr("PURPOSE", alto::k_second_reading_purpose);
      w.text(word.other_reading);
      w.end();
    }
    w.end();
  }
  w.end();
}

void write_page(XmlTextWriter& w, const PageText& page, int number) {
  const std::string page_id = "P" + std::to_string(number);
  w.start("Page");
  w.attr("ID", page_id);
  w.attr("PHYSICAL_IMG_NR", number);
  w.attr("WIDTH", page.width);
  w.attr("HEIGHT", page.height);
  w.attr("PC", alto::format_fraction(page.confidence));
  w.start("PrintSpace");
  w.attr("ID", page_id + "_PS");
  write_box(w, Box{0, 0, page.width, page.height});
  int block_number = 0;
  for (const ParagraphRun& run : paragraph_runs(page)) {
    const OcrLine& first = page.lines[run.first];
    const std::string block_id = page_id + "_TB" + std::to_string(block_number++) + "_B" +
                                 std::to_string(first.block) + "_PAR" +
                                 std::to_string(first.paragraph);
    w.start("TextBlock");
    w.attr("ID", block_id);
    write_box(w, run.box);
    int line_number = 0;
    for (std::size_t i = run.first; i < run.end; ++i) {
      // ALTO requires a String in every TextLine: a line without words is dropped.
      if (!page.lines[i].words.empty()) {
        write_line(w, page.lines[i], block_id + "_L" + std::to_string(line_number++));
      }
    }
    w.end();
  }
  w.end();
  w.end();
}

} // namespace

std::string to_alto(const std::vector<PageText>& pages, const AltoInfo& info) {
  alto::init_libxml2_once();
  XmlTextWriter w("alto_write_failed", "writing ALTO");
  w.start_document();
  w.start("alto");
  w.attr("xmlns", alto::k_namespace);
  w.attr("xmlns:xlink", "http://www.w3.org/1999/xlink");
  w.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  w.attr("xsi:schemaLocation", alto::k_schema_location);
  write_description(w, info);
  w.start("Layout");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    write_page(w, pages[p], static_cast<int>(p + 1));
  }
  w.end();
  w.end();
  return w.finish();
}

} // namespace sohoa::ocr
