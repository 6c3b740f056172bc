#include "visible_stamp.hpp"

#include "sohoa/core/error.hpp"
#include "podofo_util.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <filesystem>

namespace sohoa::pdf {
namespace {

using namespace PoDoFo;

constexpr const char* k_font_file =
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";
constexpr double k_font_size = 10;
constexpr double k_line_height = 12;
constexpr double k_padding = 4;
constexpr double k_margin = 20;

// One font object per document: the subset collects the glyphs of all lines.
PdfFont* stamp_font(PdfMemDocument& doc) {
  if (!std::filesystem::exists(k_font_file)) {
    throw Error(Stage::sign, "signing_failed",
                std::string("the stamp font is missing: ") + k_font_file);
  }
  PdfFont* font =
      doc.CreateFontSubset("Liberation Serif", false, false, false,
                           PdfEncodingFactory::GlobalIdentityEncodingInstance(), k_font_file);
  if (font == nullptr) {
    throw Error(Stage::sign, "signing_failed", "cannot load the stamp font");
  }
  font->SetFontSize(k_font_size);
  return font;
}

} // namespace

PdfRect stamp_rect(const PdfRect& media_box, const std::vector<std::string>& lines) {
  // Width from the font's metrics alone; no document needed.
  PdfMemDocument scratch;
  PdfFont* font = stamp_font(scratch);
  double width = 0;
  for (const auto& line : lines) {
    width = std::max(width, font->GetFontMetrics()->StringWidth(pdf_utf8_text(line)));
  }
  width += 2 * k_padding;
  const double height = k_line_height * static_cast<double>(lines.size()) + 2 * k_padding;
  const double right = media_box.GetLeft() + media_box.GetWidth() - k_margin;
  const double top = media_box.GetBottom() + media_box.GetHeight() - k_margin;
  return PdfRect(right - width, top - height, width, height);
}

std::unique_ptr<PdfXObject> make_stamp_appearance(PdfMemDocument& doc, const PdfRect& rect,
                                                  const std::vector<std::string>& lines) {
  PdfFont* font = stamp_font(doc);
  auto xobject =
      std::make_unique<PdfXObject>(PdfRect(0, 0, rect.GetWidth(), rect.GetHeight()), &doc);
  PdfPainter painter;
  painter.SetPage(xobject.get());
  painter.SetColor(0, 0, 0);
  painter.SetStrokingColor(0, 0, 0);
  painter.SetStrokeWidth(0.8);
  painter.Rectangle(0.4, 0.4, rect.GetWidth() - 0.8, rect.GetHeight() - 0.8);
  painter.Stroke();
  painter.SetFont(font);
  double y = rect.GetHeight() - k_padding - k_font_size;
  for (const auto& line : lines) {
    painter.DrawText(k_padding, y, pdf_utf8_text(line));
    y -= k_line_height;
  }
  painter.FinishPage();
  return xobject;
}

} // namespace sohoa::pdf
