#pragma once
// Small helpers around PoDoFo 0.9.8 shared by the writer, reader and checker.
// Internal to pdfsign/.
#include <podofo/podofo.h>

#include <string>

namespace sohoa::pdf {

// Turns off PoDoFo's logging and debug output (it prints to stdout), once.
void quiet_podofo();

// "PoDoFo error <name>: <information>" for messages.
std::string describe(const PoDoFo::PdfError& error);

// Integers must be wrapped: a bare 0 binds to the PdfObject* overload (trap 1).
inline PoDoFo::PdfObject pdf_int(long long v) {
  return PoDoFo::PdfObject(static_cast<PoDoFo::pdf_int64>(v));
}
inline PoDoFo::PdfObject pdf_real(double v) {
  return PoDoFo::PdfObject(v);
}

// A PDF text string: PDFDocEncoding when ASCII, else UTF-16BE.
PoDoFo::PdfString pdf_text(const std::string& utf8);

// The object itself or, for a reference, the object it points to (null when
// dangling).
const PoDoFo::PdfObject* resolve(const PoDoFo::PdfVecObjects& objects,
                                 const PoDoFo::PdfObject* object);

} // namespace sohoa::pdf
