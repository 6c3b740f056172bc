#pragma once
// PDF pages built directly with PoDoFo for the reader and PDF/A-check tests: what
// other tools write, not what our writer does.
#include <podofo/podofo.h>

namespace sohoa::test {

// A new A4 page whose resources name the standard Helvetica (not embedded) as /F1.
inline PoDoFo::PdfPage* page_with_helvetica(PoDoFo::PdfMemDocument& doc) {
  using namespace PoDoFo;
  PdfPage* page = doc.CreatePage(PdfRect(0, 0, 595, 842));
  PdfObject* font = doc.GetObjects().CreateObject("Font");
  font->GetDictionary().AddKey("Subtype", PdfName("Type1"));
  font->GetDictionary().AddKey("BaseFont", PdfName("Helvetica"));
  PdfDictionary fonts;
  fonts.AddKey("F1", font->Reference());
  page->GetResources()->GetDictionary().AddKey("Font", fonts);
  return page;
}

} // namespace sohoa::test
