#include "podofo_util.hpp"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <string>

namespace sohoa::pdf {

void quiet_podofo() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}

std::string describe(const PoDoFo::PdfError& error) {
  // PoDoFo's own texts ("ePdfError_NoEOFToken: Handler fixes issue #49") speak of
  // its internals; say what is wrong with the file instead.
  using namespace PoDoFo;
  switch (error.GetError()) {
  case ePdfError_NoEOFToken:
    return "the file has no end marker (%%EOF): it is truncated or not a finished PDF";
  case ePdfError_UnexpectedEOF:
    return "the file ends in the middle of its content: it is truncated";
  case ePdfError_NoXRef:
  case ePdfError_InvalidXRef:
  case ePdfError_InvalidXRefType:
  case ePdfError_InvalidXRefStream:
    return "its cross-reference table is missing or damaged";
  case ePdfError_NoTrailer:
  case ePdfError_InvalidTrailerSize:
    return "its trailer is missing or damaged";
  case ePdfError_NoPdfFile:
    return "it is not a PDF file";
  case ePdfError_InvalidPassword:
  case ePdfError_InvalidEncryptionDict:
    return "it is encrypted";
  case ePdfError_InvalidStream:
  case ePdfError_InvalidStreamLength:
  case ePdfError_Flate:
  case ePdfError_MissingEndStream:
    return "a data stream in it is damaged";
  case ePdfError_UnsupportedFilter:
    return "it uses a compression this program does not read";
  case ePdfError_UnsupportedFontFormat:
    return "it holds a font this program does not read";
  case ePdfError_OutOfMemory:
    return "it needs more memory than is available";
  case ePdfError_FileNotFound:
    return "the file cannot be opened";
  case ePdfError_InvalidHandle:
  case ePdfError_InvalidDataType:
  case ePdfError_InvalidName:
  case ePdfError_InvalidKey:
  case ePdfError_InvalidEnumValue:
  case ePdfError_NoObject:
  case ePdfError_BrokenFile:
  case ePdfError_InvalidContentStream:
  case ePdfError_InvalidPredictor:
  case ePdfError_InvalidHexString:
  case ePdfError_NoNumber:
    return "its structure is damaged";
  default:
    break;
  }
  const char* name = PdfError::ErrorName(error.GetError());
  std::string code = name ? name : "unknown";
  if (code.rfind("ePdfError_", 0) == 0) {
    code = code.substr(10);
  }
  return "it cannot be read as a PDF (" + code + ")";
}

PoDoFo::PdfString pdf_text(const std::string& utf8) {
  for (const char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
    }
  }
  return PoDoFo::PdfString(utf8);
}

PoDoFo::PdfString pdf_utf8_text(const std::string& utf8) {
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

namespace {

bool general_filter(const PoDoFo::PdfObject* name) {
  if (name == nullptr || !name->IsName()) {
    return false;
  }
  static const char* const k_general[] = {"FlateDecode",     "Fl",  "LZWDecode",     "LZW",
                                          "ASCIIHexDecode",  "AHx", "ASCII85Decode", "A85",
                                          "RunLengthDecode", "RL"};
  const std::string& n = name->GetName().GetName();
  return std::any_of(std::begin(k_general), std::end(k_general),
                     [&](const char* g) { return n == g; });
}

[[noreturn]] void refuse_filter(const std::string& what) {
  throw PoDoFo::PdfError(PoDoFo::ePdfError_UnsupportedFilter, __FILE__, __LINE__, what.c_str());
}

std::string stream_copy(const PoDoFo::PdfObject& object, bool decoded) {
  if (!object.HasStream()) {
    return {};
  }
  char* data = nullptr;
  PoDoFo::pdf_long length = 0;
  if (decoded) {
    if (!general_filters_only(object)) {
      refuse_filter("a stream to decode names a filter other than the general ones");
    }
    object.GetStream()->GetFilteredCopy(&data, &length);
  } else {
    object.GetStream()->GetCopy(&data, &length);
  }
  const PodofoBuffer holder(data);
  return data == nullptr ? std::string() : std::string(data, static_cast<std::size_t>(length));
}

} // namespace

std::string stream_raw(const PoDoFo::PdfObject& object) {
  return stream_copy(object, false);
}

std::string stream_decoded(const PoDoFo::PdfObject& object) {
  return stream_copy(object, true);
}

const PoDoFo::PdfObject* resolve(const PoDoFo::PdfVecObjects& objects,
                                 const PoDoFo::PdfObject* object) {
  int depth = 0;
  while (object != nullptr && object->IsReference() && depth++ < 32) {
    object = objects.GetObject(object->GetReference());
  }
  return object != nullptr && object->IsReference() ? nullptr : object;
}

bool general_filters_only(const PoDoFo::PdfObject& object) {
  if (!object.IsDictionary() || !object.GetDictionary().HasKey("Filter")) {
    return true;
  }
  // Filter names are direct objects in every PDF writer; an indirect one is refused
  // rather than followed (a stream's own dictionary has no owner to resolve it here).
  const PoDoFo::PdfObject* filter = object.GetDictionary().GetKey("Filter");
  if (filter->IsArray()) {
    const PoDoFo::PdfArray& names = filter->GetArray();
    return std::all_of(names.begin(), names.end(),
                       [](const PoDoFo::PdfObject& n) { return general_filter(&n); });
  }
  return general_filter(filter);
}

void require_general_filters(const PoDoFo::PdfVecObjects& objects,
                             const PoDoFo::PdfObject* object) {
  const PoDoFo::PdfObject* target = resolve(objects, object);
  if (target == nullptr) {
    return;
  }
  if (target->IsArray()) {
    for (const PoDoFo::PdfObject& part : target->GetArray()) {
      const PoDoFo::PdfObject* stream = resolve(objects, &part);
      if (stream != nullptr && !general_filters_only(*stream)) {
        refuse_filter("a content stream names an image filter");
      }
    }
  } else if (!general_filters_only(*target)) {
    refuse_filter("a content stream names an image filter");
  }
}

} // namespace sohoa::pdf
