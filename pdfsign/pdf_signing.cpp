#include "pdfsign/pdf_signing.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "pdfsign/openssl_handles.hpp"
#include "pdfsign/visible_stamp.hpp"

#include <podofo/podofo.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>


namespace sohoa::sign {
namespace {

using namespace PoDoFo;

[[noreturn]] void fail(ErrorCode code, const std::string& message) {
  throw Error(Stage::sign, code, message);
}

std::string pdf_date(long long unix_seconds) {
  return unix_to_vietnam_time(unix_seconds, "D:%Y%m%d%H%M%S+07'00'");
}

PdfString utf8_string(const std::string& text) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str()));
}

// Trap 2: Load() stamps /ModDate = now into Info. Read the original value with a
// bare parser so the update can put it back.
std::unique_ptr<PdfObject> original_mod_date(const std::filesystem::path& path) {
  PdfVecObjects objects;
  PdfParser parser(&objects, path.c_str(), true);
  const PdfObject* info = parser.GetTrailer()->GetIndirectKey("Info");
  if (info == nullptr || !info->IsDictionary()) {
    return nullptr;
  }
  const PdfObject* value = info->GetDictionary().GetKey("ModDate");
  return value != nullptr ? std::make_unique<PdfObject>(*value) : nullptr;
}

void restore_mod_date(PdfMemDocument& doc, const PdfObject* original) {
  PdfObject* info = doc.GetTrailer()->GetIndirectKey("Info");
  if (info == nullptr || !info->IsDictionary()) {
    return;
  }
  if (original != nullptr) {
    info->GetDictionary().AddKey("ModDate", *original);
  } else {
    info->GetDictionary().RemoveKey("ModDate");
  }
}

int count_fields(PdfAcroForm* form) {
  PdfObject* fields = form->GetObject()->GetIndirectKey("Fields");
  return fields != nullptr && fields->IsArray() ? static_cast<int>(fields->GetArray().size())
                                                : 0;
}

// Trap 7: while updating, PoDoFo's debug output prints the trailer (to stderr
// with Debian's build). Its two global switches silence it; no fd juggling.
void quiet_podofo() {
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
}

std::string build_update(const std::filesystem::path& path, const SignatureFieldSpec& spec,
                         size_t& beacon_pos, size_t& beacon_len) {
  std::unique_ptr<PdfObject> mod_date = original_mod_date(path);
  PdfMemDocument doc;
  doc.Load(path.c_str(), true);
  restore_mod_date(doc, mod_date.get());
  if (doc.GetPageCount() < 1) {
    fail("not_a_pdf", "the PDF has no page to carry the signature widget");
  }
  // Trap 3: no default appearance, or PoDoFo adds a non-embedded Helvetica.
  PdfAcroForm* form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
  form->GetObject()->GetDictionary().AddKey("SigFlags", PdfObject(pdf_int64(3)));
  const int index = count_fields(form) + 1;
  PdfPage* page = doc.GetPage(0);
  PdfRect rect(0, 0, 0, 0);
  if (!spec.stamp_lines.empty()) {
    rect = stamp_rect(page->GetMediaBox(), spec.stamp_lines);
  }
  PdfAnnotation* widget = page->CreateAnnotation(ePdfAnnotation_Widget, rect);
  widget->SetFlags(ePdfAnnotationFlags_Print); // /F 4, as PDF/A requires
  PdfSignatureField field(widget, form, &doc);
  field.SetFieldName(PdfString(
      (spec.document_timestamp ? "DocTimeStamp" : "Signature") + std::to_string(index)));
  if (!spec.stamp_lines.empty()) {
    const auto appearance = make_stamp_appearance(doc, rect, spec.stamp_lines);
    field.SetAppearanceStream(appearance.get());
  }
  field.EnsureSignatureObject();
  PdfObject* sig = field.GetSignatureObject();
  PdfDictionary& dict = sig->GetDictionary();
  if (spec.document_timestamp) {
    dict.AddKey(PdfName::KeyType, PdfName("DocTimeStamp"));
    dict.AddKey("SubFilter", PdfName("ETSI.RFC3161"));
  } else {
    // Trap 4: PoDoFo hard-codes adbe.pkcs7.detached.
    dict.AddKey("SubFilter", PdfName("ETSI.CAdES.detached"));
    if (!spec.reason.empty()) {
      field.SetSignatureReason(utf8_string(spec.reason));
    }
    if (!spec.location.empty()) {
      field.SetSignatureLocation(utf8_string(spec.location));
    }
    field.SetSignatureCreator(PdfName("sohoa"));
    dict.AddKey("M", PdfString(pdf_date(spec.signing_time)));
  }

  PdfRefCountedBuffer buffer;
  PdfOutputDevice memory(&buffer);
  PdfSignOutputDevice device(&memory);
  device.SetSignatureSize(spec.contents_size);
  field.SetSignature(*device.GetSignatureBeacon());
  doc.WriteUpdate(&device, true);
  if (!device.HasSignaturePosition()) {
    fail("signing_failed", "PoDoFo did not write the signature placeholder");
  }
  device.AdjustByteRange();
  device.Flush();
  beacon_len = device.GetSignatureSize() * 2 + 2;
  std::string bytes(buffer.GetBuffer(), memory.GetLength());
  // Find the placeholder again in the bytes to stay independent of PoDoFo's
  // bookkeeping: '<' sits just before it.
  const std::string& beacon = device.GetSignatureBeacon()->data();
  const size_t found = bytes.find(beacon);
  if (found == std::string::npos || found == 0) {
    fail("signing_failed", "the signature placeholder vanished");
  }
  beacon_pos = found - 1;
  return bytes;
}

std::string parse_int_at(const std::string& bytes, size_t& pos) {
  while (pos < bytes.size() && bytes[pos] == ' ') {
    ++pos;
  }
  const size_t start = pos;
  while (pos < bytes.size() && bytes[pos] >= '0' && bytes[pos] <= '9') {
    ++pos;
  }
  return bytes.substr(start, pos - start);
}

} // namespace

std::string write_signed_update(
    const std::filesystem::path& path, const SignatureFieldSpec& spec,
    const std::function<std::string(const std::string&)>& make_contents) {
  quiet_podofo();
  const std::string original = sohoa::read_file(path);
  size_t beacon_pos = 0;
  size_t beacon_len = 0;
  std::string bytes;
  try {
    bytes = build_update(path, spec, beacon_pos, beacon_len);
  } catch (const PdfError& e) {
    fail("signing_failed", std::string("PoDoFo: ") + PdfError::ErrorName(e.GetError()));
  }
  if (bytes.size() < original.size() ||
      std::memcmp(bytes.data(), original.data(), original.size()) != 0) {
    fail("signing_failed", "the update would not keep the original bytes as a prefix");
  }
  if (bytes[beacon_pos] != '<' || bytes[beacon_pos + beacon_len - 1] != '>') {
    fail("signing_failed", "unexpected layout around /Contents");
  }
  // Cross-check the /ByteRange PoDoFo wrote against the placeholder.
  const size_t br = bytes.rfind("/ByteRange", beacon_pos);
  size_t pos = bytes.find('[', br);
  if (br == std::string::npos || pos == std::string::npos) {
    fail("signing_failed", "no /ByteRange");
  }
  ++pos;
  const long long r0 = std::stoll("0" + parse_int_at(bytes, pos));
  const long long r1 = std::stoll("0" + parse_int_at(bytes, pos));
  const long long r2 = std::stoll("0" + parse_int_at(bytes, pos));
  const long long r3 = std::stoll("0" + parse_int_at(bytes, pos));
  if (r0 != 0 || r1 != static_cast<long long>(beacon_pos) ||
      r2 != static_cast<long long>(beacon_pos + beacon_len) ||
      r2 + r3 != static_cast<long long>(bytes.size())) {
    fail("signing_failed", "the /ByteRange does not frame /Contents");
  }
  EvpMdCtxPtr md(EVP_MD_CTX_new());
  unsigned char digest[32];
  unsigned int digest_size = 0;
  if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(md.get(), bytes.data(), static_cast<size_t>(r1)) != 1 ||
      EVP_DigestUpdate(md.get(), bytes.data() + r2, static_cast<size_t>(r3)) != 1 ||
      EVP_DigestFinal_ex(md.get(), digest, &digest_size) != 1) {
    fail("signing_failed", openssl_error("hashing the byte ranges failed"));
  }
  const std::string der =
      make_contents(std::string(reinterpret_cast<char*>(digest), digest_size));
  const std::string hex =
      hex_lower(reinterpret_cast<const unsigned char*>(der.data()), der.size());
  if (hex.size() > beacon_len - 2) {
    fail("signing_failed", "the signature (" + std::to_string(der.size()) +
                               " bytes) does not fit the reserved " +
                               std::to_string((beacon_len - 2) / 2));
  }
  std::memcpy(bytes.data() + beacon_pos + 1, hex.data(), hex.size());
  std::memset(bytes.data() + beacon_pos + 1 + hex.size(), '0', beacon_len - 2 - hex.size());
  return bytes;
}

std::string write_plain_update(const std::filesystem::path& path,
                               const std::function<void(PdfMemDocument&)>& edit) {
  quiet_podofo();
  const std::string original = sohoa::read_file(path);
  std::string bytes;
  try {
    std::unique_ptr<PdfObject> mod_date = original_mod_date(path);
    PdfMemDocument doc;
    doc.Load(path.c_str(), true);
    restore_mod_date(doc, mod_date.get());
    edit(doc);
    PdfRefCountedBuffer buffer;
    PdfOutputDevice memory(&buffer);
    doc.WriteUpdate(&memory, true);
    memory.Flush();
    bytes.assign(buffer.GetBuffer(), memory.GetLength());
  } catch (const PdfError& e) {
    fail("signing_failed", std::string("PoDoFo: ") + PdfError::ErrorName(e.GetError()));
  }
  if (bytes.size() < original.size() ||
      std::memcmp(bytes.data(), original.data(), original.size()) != 0) {
    fail("signing_failed", "the update would not keep the original bytes as a prefix");
  }
  return bytes;
}

} // namespace sohoa::sign
