#include "sohoa/pdf/revision_diff.hpp"

#include "podofo_util.hpp"
#include "sohoa/pdf/signature_scan.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

namespace sohoa::pdf {
namespace {

using namespace PoDoFo;

struct ParsedPdf {
  PdfVecObjects objects;
  std::unique_ptr<PdfParser> parser;
};

std::unique_ptr<ParsedPdf> parse(const std::string& bytes, long long size) {
  quiet_podofo();
  auto parsed = std::make_unique<ParsedPdf>();
  parsed->parser =
      std::make_unique<PdfParser>(&parsed->objects, bytes.data(), static_cast<long>(size), true);
  return parsed;
}

std::string text_of(const PdfObject* object) {
  std::string out;
  if (object != nullptr) {
    object->ToString(out, ePdfWriteMode_Compact);
  }
  return out;
}

std::string stream_of(const PdfObject* object) {
  return object == nullptr ? std::string() : stream_raw(*object);
}

std::string name_key(const PdfObject* object, const char* key) {
  if (object == nullptr || !object->IsDictionary()) {
    return {};
  }
  const PdfObject* value = object->GetDictionary().GetKey(key);
  return value != nullptr && value->IsName() ? value->GetName().GetName() : std::string();
}

// The keys an allowed later revision may change in an existing dictionary.
std::set<std::string> allowed_keys(const PdfObject* old_object) {
  const std::string type = name_key(old_object, "Type");
  if (type == "Catalog") {
    return {"AcroForm", "DSS", "Extensions"};
  }
  if (type == "Page") {
    return {"Annots"};
  }
  if (old_object->GetDictionary().HasKey("Fields")) {
    return {"Fields", "SigFlags"};
  }
  return {};
}

bool only_allowed_keys_differ(const PdfObject* old_object, const PdfObject* new_object,
                              std::string& changed) {
  const std::set<std::string> allowed = allowed_keys(old_object);
  std::set<std::string> keys;
  for (const auto& [key, value] : old_object->GetDictionary().GetKeys()) {
    keys.insert(key.GetName());
  }
  for (const auto& [key, value] : new_object->GetDictionary().GetKeys()) {
    keys.insert(key.GetName());
  }
  bool ok = true;
  for (const auto& key : keys) {
    if (text_of(old_object->GetDictionary().GetKey(key)) !=
        text_of(new_object->GetDictionary().GetKey(key))) {
      if (allowed.count(key) == 0) {
        changed += (changed.empty() ? "/" : ", /") + key;
        ok = false;
      }
    }
  }
  return ok;
}

// An array (e.g. /Annots or /Fields held indirectly) may only grow at its end.
bool array_only_grew(const PdfObject* old_object, const PdfObject* new_object) {
  const PdfArray& before = old_object->GetArray();
  const PdfArray& after = new_object->GetArray();
  if (after.size() < before.size()) {
    return false;
  }
  for (size_t i = 0; i < before.size(); ++i) {
    if (text_of(&before[i]) != text_of(&after[i])) {
      return false;
    }
  }
  return true;
}

bool allowed_new_object(const PdfObject* object) {
  if (!object->IsDictionary()) {
    return true; // arrays, numbers: harmless until an existing object points at them
  }
  const std::string type = name_key(object, "Type");
  const std::string subtype = name_key(object, "Subtype");
  if (type == "Catalog" || type == "Page" || type == "Pages") {
    return false;
  }
  if (type == "Annot" || (!subtype.empty() && object->GetDictionary().HasKey("Rect"))) {
    return subtype == "Widget" &&
           (name_key(object, "FT") == "Sig" || object->GetDictionary().HasKey("Parent"));
  }
  return true;
}

// Bytes after the last %%EOF (past `covered_end`) that are not blank: no revision
// holds them, so no signature covers them (pdfsig: "not wholly signed").
long long unsigned_trailing_bytes(const std::string& bytes, long long covered_end) {
  long long from = covered_end;
  const std::vector<long long> ends = revision_ends(bytes);
  if (!ends.empty()) {
    from = std::max(from, ends.back());
  }
  const auto first_byte = bytes.find_first_not_of(" \t\r\n\f", static_cast<size_t>(from));
  if (first_byte == std::string::npos) {
    return 0;
  }
  return static_cast<long long>(bytes.size() - first_byte);
}

bool is_pdf_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_word(char c) {
  return is_digit(c) || c == '_' || std::isalpha(static_cast<unsigned char>(c));
}

// Every "N G obj" header in `tail` (N up to 10 digits, G up to 5), in order. A hand
// scan backwards from each "obj", not std::regex: that recurses once per character
// matched and a tail of megabytes of white space overflows the stack.
std::vector<PdfReference> object_headers(const std::string& tail) {
  std::vector<PdfReference> refs;
  for (std::size_t at = tail.find("obj"); at != std::string::npos; at = tail.find("obj", at + 3)) {
    if (at + 3 < tail.size() && is_word(tail[at + 3])) {
      continue;
    }
    std::size_t p = at;
    const std::size_t space_end = p;
    while (p > 0 && is_pdf_space(tail[p - 1])) {
      --p;
    }
    const std::size_t gen_end = p;
    if (gen_end == space_end) {
      continue;
    }
    while (p > 0 && is_digit(tail[p - 1])) {
      --p;
    }
    const std::size_t gen_begin = p;
    if (gen_begin == gen_end || gen_end - gen_begin > 5) {
      continue;
    }
    while (p > 0 && is_pdf_space(tail[p - 1])) {
      --p;
    }
    const std::size_t num_end = p;
    if (num_end == gen_begin) {
      continue;
    }
    while (p > 0 && num_end - p < 10 && is_digit(tail[p - 1])) {
      --p;
    }
    if (p == num_end) {
      continue;
    }
    refs.emplace_back(
        static_cast<pdf_objnum>(std::stoul(tail.substr(p, num_end - p))),
        static_cast<pdf_gennum>(std::stoul(tail.substr(gen_begin, gen_end - gen_begin))));
  }
  return refs;
}

} // namespace

LaterChanges diff_later_revisions(const std::string& bytes, long long covered_end) {
  LaterChanges out;
  const long long size = static_cast<long long>(bytes.size());
  out.unsigned_trailing_bytes = unsigned_trailing_bytes(bytes, covered_end);
  if (out.unsigned_trailing_bytes > 0 || covered_end >= size) {
    return out;
  }
  const std::vector<PdfReference> refs =
      object_headers(bytes.substr(static_cast<size_t>(covered_end)));
  try {
    const auto before = parse(bytes, covered_end);
    const auto after = parse(bytes, size);
    for (const auto& ref : refs) {
      PdfObject* new_object = after->objects.GetObject(ref);
      if (new_object == nullptr) {
        continue;
      }
      const std::string type = name_key(new_object, "Type");
      out.signed_again = out.signed_again || type == "Sig" || type == "DocTimeStamp";
      out.dss_added = out.dss_added || type == "DSS";
      PdfObject* old_object = before->objects.GetObject(ref);
      const std::string label = ref.ToString() + (type.empty() ? "" : " /" + type);
      if (old_object == nullptr) {
        if (!allowed_new_object(new_object)) {
          out.forbidden.push_back(label);
        }
        continue;
      }
      if (text_of(old_object) == text_of(new_object) &&
          stream_of(old_object) == stream_of(new_object)) {
        continue;
      }
      std::string changed;
      const bool fine = (old_object->IsDictionary() && new_object->IsDictionary() &&
                         stream_of(old_object) == stream_of(new_object) &&
                         only_allowed_keys_differ(old_object, new_object, changed)) ||
                        (old_object->IsArray() && new_object->IsArray() &&
                         array_only_grew(old_object, new_object));
      if (!fine) {
        out.forbidden.push_back(label + (changed.empty() ? "" : " " + changed));
      }
    }
  } catch (const PdfError& e) {
    out.readable = false;
    out.parse_error = describe(e);
  }
  return out;
}

DssContents read_dss(const std::string& bytes) {
  DssContents out;
  try {
    const auto parsed = parse(bytes, static_cast<long long>(bytes.size()));
    const PdfObject* root = parsed->parser->GetTrailer()->GetIndirectKey("Root");
    const PdfObject* dss = root != nullptr ? root->GetIndirectKey("DSS") : nullptr;
    if (dss == nullptr || !dss->IsDictionary()) {
      return out;
    }
    out.found = true;
    const auto each_stream = [&](const char* key, auto&& use) {
      const PdfObject* array = dss->GetIndirectKey(key);
      if (array == nullptr || !array->IsArray()) {
        return;
      }
      for (const auto& item : array->GetArray()) {
        const PdfObject* object =
            item.IsReference() ? parsed->objects.GetObject(item.GetReference()) : &item;
        if (object == nullptr || !object->HasStream()) {
          continue;
        }
        use(stream_decoded(*object));
      }
    };
    each_stream("Certs", [&](const std::string& der) { out.certs.push_back(der); });
    each_stream("CRLs", [&](const std::string& der) { out.crls.push_back(der); });
    each_stream("OCSPs", [&](const std::string& der) { out.ocsps.push_back(der); });
    const PdfObject* vri = dss->GetIndirectKey("VRI");
    if (vri != nullptr && vri->IsDictionary()) {
      for (const auto& [key, value] : vri->GetDictionary().GetKeys()) {
        out.vri_keys.push_back(key.GetName());
      }
    }
    return out;
  } catch (const PdfError&) {
    return DssContents{};
  }
}

} // namespace sohoa::pdf
