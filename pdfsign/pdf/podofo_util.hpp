#pragma once
// Small helpers around PoDoFo 0.9.8, written once for every PoDoFo user of
// pdfsign/pdf/ (writer, reader, checker, signature updates, revision diff).
// Private to sohoa::pdf.
#include <podofo/podofo.h>

#include <memory>
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
// A PDF text string built by PoDoFo from UTF-8 whatever its characters.
PoDoFo::PdfString pdf_utf8_text(const std::string& utf8);

// Buffers PoDoFo allocates (GetCopy, GetFilteredCopy) are released with podofo_free.
struct PodofoFree {
  void operator()(char* p) const { PoDoFo::podofo_free(p); }
};
using PodofoBuffer = std::unique_ptr<char, PodofoFree>;

// Whether every filter a stream object names is one of the general ones (Flate, LZW,
// ASCIIHex, ASCII85, RunLength: what content streams use). Asked to decode an image
// filter (CCITT, JBIG2, JPX), PoDoFo 0.9.8 throws after allocating the filter, which then
// leaks, so streams naming one are refused before PoDoFo decodes them.
bool general_filters_only(const PoDoFo::PdfObject& object);

// Throws PdfError (ePdfError_UnsupportedFilter) unless general_filters_only: for the
// content streams of a page (one stream or an array of them) and Form XObjects.
void require_general_filters(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* object);

// A stream's bytes as stored, or decoded through its filters (which may throw
// PdfError, also for a filter general_filters_only refuses). Empty for an object
// without a stream.
std::string stream_raw(const PoDoFo::PdfObject& object);
std::string stream_decoded(const PoDoFo::PdfObject& object);

// The object itself or, for a reference, the object it points to (null when
// dangling).
const PoDoFo::PdfObject* resolve(const PoDoFo::PdfVecObjects& objects,
                                 const PoDoFo::PdfObject* object);

} // namespace sohoa::pdf
