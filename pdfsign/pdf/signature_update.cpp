#include "sohoa/pdf/signature_update.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "podofo_util.hpp"
#include "visible_stamp.hpp"
#include "xmp.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>

namespace sohoa::pdf {
namespace {

using namespace PoDoFo;

[[noreturn]] void fail(ErrorCode code, const std::string& message) {
  throw Error(Stage::sign, code, message);
}

// Vietnam time: UTC+7 without daylight saving since 1975.
std::string pdf_date(long long unix_seconds) {
  return info_date(PdfTime{static_cast<std::time_t>(unix_seconds), 7 * 60});
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
  return fields != nullptr && fields->IsArray() ? static_cast<int>(fields->GetArray().size()) : 0;
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
  field.SetFieldName(
      PdfString((spec.document_timestamp ? "DocTimeStamp" : "Signature") + std::to_string(index)));
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
      field.SetSignatureReason(pdf_utf8_text(spec.reason));
    }
    if (!spec.location.empty()) {
      field.SetSignatureLocation(pdf_utf8_text(spec.location));
    }
    field.SetSignatureCreator(PdfName("sohoa"));
    dict.AddKey("M", PdfString(pdf_date(spec.signing_time)));
    // PoDoFo dates the widget with the machine's now: the signing time instead.
    widget->GetObject()->GetDictionary().AddKey("M", PdfString(pdf_date(spec.signing_time)));
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

PreparedSignature prepare_signature_update(const std::filesystem::path& path,
                                           const SignatureFieldSpec& spec) {
  quiet_podofo();
  const std::string original = sohoa::read_file(path);
  PreparedSignature out;
  try {
    out.bytes = build_update(path, spec, out.contents_offset, out.contents_length);
  } catch (const PdfError& e) {
    fail("signing_failed", std::string("PoDoFo: ") + PdfError::ErrorName(e.GetError()));
  }
  const std::string& bytes = out.bytes;
  const size_t beacon_pos = out.contents_offset;
  const size_t beacon_len = out.contents_length;
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
  for (long long& value : out.range) {
    value = std::stoll("0" + parse_int_at(bytes, pos));
  }
  if (out.range[0] != 0 || out.range[1] != static_cast<long long>(beacon_pos) ||
      out.range[2] != static_cast<long long>(beacon_pos + beacon_len) ||
      out.range[2] + out.range[3] != static_cast<long long>(bytes.size())) {
    fail("signing_failed", "the /ByteRange does not frame /Contents");
  }
  return out;
}

std::string fill_signature_contents(PreparedSignature prepared, const std::string& der) {
  static constexpr char k_hex[] = "0123456789abcdef";
  const size_t capacity = prepared.contents_length - 2;
  if (der.size() * 2 > capacity) {
    fail("signing_failed", "the signature (" + std::to_string(der.size()) +
                               " bytes) does not fit the reserved " + std::to_string(capacity / 2));
  }
  char* out = prepared.bytes.data() + prepared.contents_offset + 1;
  for (const char c : der) {
    const auto byte = static_cast<unsigned char>(c);
    *out++ = k_hex[byte >> 4];
    *out++ = k_hex[byte & 0x0f];
  }
  std::memset(out, '0', capacity - der.size() * 2);
  return std::move(prepared.bytes);
}

std::string write_dss_update(const std::filesystem::path& path, const DssUpdate& update) {
  quiet_podofo();
  const std::string original = sohoa::read_file(path);
  std::string bytes;
  try {
    std::unique_ptr<PdfObject> mod_date = original_mod_date(path);
    PdfMemDocument doc;
    doc.Load(path.c_str(), true);
    restore_mod_date(doc, mod_date.get());
    PdfObject* old_dss = doc.GetCatalog()->GetIndirectKey("DSS");
    if (old_dss != nullptr && !old_dss->IsDictionary()) {
      old_dss = nullptr;
    }
    // One list of the store: the references already there (with their bytes, so a
    // blob given again is not stored twice), then the new ones.
    const auto merge = [&](const char* key, const std::vector<std::string>& items) {
      PdfArray array;
      std::vector<std::string> known;
      const PdfObject* old_array = old_dss != nullptr ? old_dss->GetIndirectKey(key) : nullptr;
      if (old_array != nullptr && old_array->IsArray()) {
        for (const auto& item : old_array->GetArray()) {
          const PdfObject* object =
              item.IsReference() ? doc.GetObjects().GetObject(item.GetReference()) : nullptr;
          if (object != nullptr && object->HasStream()) {
            array.push_back(item);
            known.push_back(stream_decoded(*object));
          }
        }
      }
      std::vector<PdfReference> refs;
      for (const auto& item : items) {
        const auto it = std::find(known.begin(), known.end(), item);
        if (it != known.end()) {
          refs.push_back(array[static_cast<size_t>(it - known.begin())].GetReference());
          continue;
        }
        PdfObject* object = doc.GetObjects().CreateObject();
        object->GetStream()->Set(item.data(), static_cast<pdf_long>(item.size()));
        array.push_back(object->Reference());
        known.push_back(item);
        refs.push_back(object->Reference());
      }
      return std::make_pair(array, refs);
    };
    const auto [certs, cert_refs] = merge("Certs", update.certs);
    const auto [crls, crl_refs] = merge("CRLs", update.crls);
    const auto [ocsps, ocsp_refs] = merge("OCSPs", update.ocsps);
    PdfDictionary vri;
    const PdfObject* old_vri = old_dss != nullptr ? old_dss->GetIndirectKey("VRI") : nullptr;
    if (old_vri != nullptr && old_vri->IsDictionary()) {
      vri = old_vri->GetDictionary();
    }
    for (const auto& entry : update.vri) {
      PdfDictionary item;
      const auto refer = [&](const char* key, const std::vector<size_t>& which,
                             const std::vector<PdfReference>& refs) {
        PdfArray array;
        for (const size_t index : which) {
          if (index < refs.size()) {
            array.push_back(refs[index]);
          }
        }
        if (!array.empty()) {
          item.AddKey(key, array);
        }
      };
      refer("Cert", entry.certs, cert_refs);
      refer("CRL", entry.crls, crl_refs);
      refer("OCSP", entry.ocsps, ocsp_refs);
      vri.AddKey(PdfName(entry.key), item);
    }
    PdfObject* dss = doc.GetObjects().CreateObject("DSS");
    dss->GetDictionary().AddKey("Certs", certs);
    dss->GetDictionary().AddKey("CRLs", crls);
    if (!ocsps.empty()) {
      dss->GetDictionary().AddKey("OCSPs", ocsps);
    }
    if (!vri.GetKeys().empty()) {
      dss->GetDictionary().AddKey("VRI", vri);
    }
    doc.GetCatalog()->GetDictionary().AddKey("DSS", dss->Reference());
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

} // namespace sohoa::pdf
