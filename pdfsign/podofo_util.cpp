#include "pdfsign/podofo_util.hpp"

#include <mutex>

namespace sohoa::pdf {

void quiet_podofo() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}

std::string describe(const PoDoFo::PdfError& error) {
  std::string out = "PoDoFo error ";
  const char* name = PoDoFo::PdfError::ErrorName(error.GetError());
  out += name ? name : "unknown";
  const auto& callstack = error.GetCallstack();
  for (const auto& info : callstack) {
    if (!info.GetInformation().empty()) {
      out += ": " + info.GetInformation();
      break;
    }
  }
  return out;
}

PoDoFo::PdfString pdf_text(const std::string& utf8) {
  for (const char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
    }
  }
  return PoDoFo::PdfString(utf8);
}

const PoDoFo::PdfObject* resolve(const PoDoFo::PdfVecObjects& objects,
                                 const PoDoFo::PdfObject* object) {
  int depth = 0;
  while (object != nullptr && object->IsReference() && depth++ < 32) {
    object = objects.GetObject(object->GetReference());
  }
  return object != nullptr && object->IsReference() ? nullptr : object;
}

} // namespace sohoa::pdf
