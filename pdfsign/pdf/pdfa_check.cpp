#include "sohoa/pdf/pdfa_check.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "podofo_util.hpp"
#include "sohoa/pdf/xmp_reader.hpp"
#include "xmp.hpp"

#include <map>
#include <memory>
#include <set>

namespace sohoa::pdf {
namespace {

using namespace PoDoFo;

// Namespaces of the schemas PDF/A predefines (ISO 19005-2 6.6.2.3.1 and the
// XMP 2005 specification): their properties need no extension schema.
const std::set<std::string>& predefined_namespaces() {
  static const std::set<std::string> k{
      "http://purl.org/dc/elements/1.1/",
      "http://ns.adobe.com/xap/1.0/",
      "http://ns.adobe.com/xap/1.0/rights/",
      "http://ns.adobe.com/xap/1.0/mm/",
      "http://ns.adobe.com/xap/1.0/bj/",
      "http://ns.adobe.com/xap/1.0/t/pg/",
      "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
      "http://ns.adobe.com/pdf/1.3/",
      "http://ns.adobe.com/photoshop/1.0/",
      "http://ns.adobe.com/camera-raw-settings/1.0/",
      "http://ns.adobe.com/exif/1.0/",
      "http://ns.adobe.com/exif/1.0/aux/",
      "http://ns.adobe.com/tiff/1.0/",
      "http://www.aiim.org/pdfa/ns/id/",
      "http://www.aiim.org/pdfa/ns/extension/",
      "http://www.aiim.org/pdfa/ns/schema#",
      "http://www.aiim.org/pdfa/ns/property#",
      "http://www.aiim.org/pdfa/ns/type#",
      "http://www.aiim.org/pdfa/ns/field#",
  };
  return k;
}

class Checker {
public:
  Checker(const std::filesystem::path& file, std::optional<int> expected)
      : m_file(file), m_expected(expected) {}

  std::vector<PdfACheck> run() {
    std::string bytes;
    try {
      bytes = sohoa::read_file(m_file);
    } catch (const std::exception& e) {
      add("file readable", false, e.what());
      return m_checks;
    }
    check_header(bytes);
    PdfVecObjects objects;
    PdfParser parser(&objects);
    try {
      parser.ParseFile(bytes.data(), static_cast<long>(bytes.size()), false);
    } catch (const PdfError& e) {
      if (e.GetError() == ePdfError_InvalidPassword ||
          e.GetError() == ePdfError_InvalidEncryptionDict) {
        add("6.1.3-2 no encryption", false, "the file is encrypted");
      } else {
        add("file parses", false, describe(e));
      }
      return m_checks;
    }
    m_objects = &objects;
    const PdfObject* trailer = parser.GetTrailer();
    check_trailer(trailer, parser.GetEncrypted());
    const PdfObject* catalog = key(trailer, "Root");
    if (catalog == nullptr || !catalog->IsDictionary()) {
      add("document catalog", false, "trailer /Root is missing");
      return m_checks;
    }
    check_objects(objects);
    check_output_intent(catalog);
    const int part = check_metadata(catalog, key(trailer, "Info"));
    if (part == 3) {
      check_associated_files(catalog);
    }
    return m_checks;
  }

private:
  void add(const std::string& rule, bool ok, const std::string& detail) {
    m_checks.push_back({rule, ok, detail});
  }

  const PdfObject* get(const PdfObject* o) const { return resolve(*m_objects, o); }

  const PdfObject* key(const PdfObject* dict, const char* name) const {
    if (dict == nullptr || !dict->IsDictionary()) {
      return nullptr;
    }
    return get(dict->GetDictionary().GetKey(name));
  }

  static bool is_name(const PdfObject* o, const char* name) {
    return o != nullptr && o->IsName() && o->GetName().GetName() == name;
  }

  std::string stream_bytes(const PdfObject* o, bool decoded) const {
    return decoded ? stream_decoded(*o) : stream_raw(*o);
  }

  void check_header(const std::string& bytes) {
    const bool header =
        bytes.rfind("%PDF-1.", 0) == 0 && bytes.size() > 8 && bytes[7] >= '0' && bytes[7] <= '7';
    add("6.1.2-1 file header %PDF-1.n", header, header ? bytes.substr(0, 8) : "bad header");
    // The comment after the header line: at least four bytes above 127.
    std::size_t pos = bytes.find_first_of("\r\n");
    while (pos != std::string::npos && pos < bytes.size() &&
           (bytes[pos] == '\r' || bytes[pos] == '\n')) {
      ++pos;
    }
    int high = 0;
    if (pos != std::string::npos && pos < bytes.size() && bytes[pos] == '%') {
      for (std::size_t i = pos + 1; i < bytes.size() && i < pos + 5; ++i) {
        high += static_cast<unsigned char>(bytes[i]) > 127 ? 1 : 0;
      }
    }
    add("6.1.2-2 binary comment after the header", high >= 4, std::to_string(high) + " high bytes");
  }

  void check_trailer(const PdfObject* trailer, bool encrypted) {
    const PdfObject* id = key(trailer, "ID");
    const bool id_ok = id != nullptr && id->IsArray() && id->GetArray().size() == 2;
    add("6.1.3-1 trailer /ID", id_ok, id_ok ? "present" : "missing");
    const bool enc = encrypted || key(trailer, "Encrypt") != nullptr;
    add("6.1.3-2 no encryption", !enc, enc ? "trailer has /Encrypt" : "none");
  }

  void check_objects(PdfVecObjects& objects) {
    std::string lzw;
    std::string interpolate;
    std::string javascript;
    std::string unembedded;
    std::string no_cid_map;
    std::string notdef;
    for (PdfObject* o : objects) {
      if (o == nullptr || !o->IsDictionary()) {
        continue;
      }
      const std::string ref = o->Reference().ToString();
      const PdfObject* filter = key(o, "Filter");
      const auto is_lzw = [](const PdfObject* f) {
        return is_name(f, "LZWDecode") || is_name(f, "LZW");
      };
      bool has_lzw = is_lzw(filter);
      if (filter != nullptr && filter->IsArray()) {
        for (const auto& f : filter->GetArray()) {
          has_lzw = has_lzw || is_lzw(get(&f));
        }
      }
      if (has_lzw) {
        lzw += ref + " ";
      }
      const PdfObject* interp = key(o, "Interpolate");
      if (interp != nullptr && interp->IsBool() && interp->GetBool()) {
        interpolate += ref + " ";
      }
      // JavaScript actions, or a /JavaScript name tree in the /Names dictionary.
      if (is_name(key(o, "S"), "JavaScript") || key(o, "JS") != nullptr ||
          key(o, "JavaScript") != nullptr) {
        javascript += ref + " ";
      }
      if (is_name(key(o, "Type"), "Font")) {
        check_font(o, ref, unembedded, no_cid_map, notdef);
      }
    }
    add("6.1.7.2-1 no LZWDecode", lzw.empty(), lzw.empty() ? "none" : "in " + lzw);
    add("6.2.8-3 no /Interpolate true", interpolate.empty(),
        interpolate.empty() ? "none" : "in " + interpolate);
    add("6.6.1-1 no JavaScript", javascript.empty(),
        javascript.empty() ? "none" : "in " + javascript);
    add("6.2.11.4.1-1 fonts embedded", unembedded.empty(),
        unembedded.empty() ? "all embedded" : "not embedded: " + unembedded);
    add("6.2.11.3.2-1 CIDFontType2 has /CIDToGIDMap", no_cid_map.empty(),
        no_cid_map.empty() ? "ok" : "missing in " + no_cid_map);
    add("6.2.11.8-1 no glyph mapped to .notdef", notdef.empty(),
        notdef.empty() ? "no CID maps to glyph 0" : "CIDToGIDMap maps to 0 in " + notdef);
  }

  void check_font(const PdfObject* font, const std::string& ref, std::string& unembedded,
                  std::string& no_cid_map, std::string& notdef) {
    const PdfObject* subtype = key(font, "Subtype");
    if (is_name(subtype, "Type0") || is_name(subtype, "Type3")) {
      return; // the descendant is checked as its own object; Type3 glyphs are content
    }
    const PdfObject* fd = key(font, "FontDescriptor");
    const bool embedded =
        fd != nullptr && (key(fd, "FontFile") != nullptr || key(fd, "FontFile2") != nullptr ||
                          key(fd, "FontFile3") != nullptr);
    if (!embedded) {
      unembedded += ref + " ";
    }
    if (is_name(subtype, "CIDFontType2") && embedded) {
      const PdfObject* map = key(font, "CIDToGIDMap");
      if (map == nullptr) {
        no_cid_map += ref + " ";
      } else if (map->HasStream()) {
        // CID 0 may map to glyph 0; any other CID mapping there draws .notdef.
        const std::string m = stream_bytes(map, true);
        for (std::size_t i = 2; i + 1 < m.size(); i += 2) {
          if (m[i] == 0 && m[i + 1] == 0) {
            notdef += ref + " ";
            break;
          }
        }
      }
    }
  }

  void check_output_intent(const PdfObject* catalog) {
    const PdfObject* intents = key(catalog, "OutputIntents");
    std::string detail = "no /OutputIntents";
    bool ok = false;
    if (intents != nullptr && intents->IsArray()) {
      detail = "no GTS_PDFA1 intent";
      for (const auto& entry : intents->GetArray()) {
        const PdfObject* intent = get(&entry);
        if (!is_name(key(intent, "S"), "GTS_PDFA1")) {
          continue;
        }
        const PdfObject* profile = key(intent, "DestOutputProfile");
        if (profile == nullptr || !profile->HasStream()) {
          detail = "GTS_PDFA1 intent without DestOutputProfile";
          continue;
        }
        const PdfObject* n = key(profile, "N");
        const long long components = n != nullptr && n->IsNumber() ? n->GetNumber() : 0;
        std::string icc;
        try {
          icc = stream_bytes(profile, true);
        } catch (const PdfError& e) {
          detail = "ICC profile does not decode: " + describe(e);
          continue;
        }
        const std::string space = icc.size() >= 20 ? icc.substr(16, 4) : "";
        ok = components == 3 && space == "RGB ";
        detail = "ICC /N " + std::to_string(components) + ", profile colour space '" + space + "'";
      }
    }
    add("6.2.3-2 sRGB OutputIntent (ICC /N 3)", ok, detail);
  }

  // Returns the pdfaid:part the file claims (0 when unknown).
  int check_metadata(const PdfObject* catalog, const PdfObject* info) {
    const PdfObject* meta = key(catalog, "Metadata");
    if (meta == nullptr || !meta->HasStream()) {
      add("6.6.2.1-1 catalog /Metadata stream", false, "missing");
      return 0;
    }
    const bool typed =
        is_name(key(meta, "Type"), "Metadata") && is_name(key(meta, "Subtype"), "XML");
    add("6.6.2.1-1 catalog /Metadata stream", typed,
        typed ? "/Type /Metadata /Subtype /XML" : "wrong /Type or /Subtype");
    const bool filtered = key(meta, "Filter") != nullptr;
    add("XMP metadata stream uncompressed", !filtered,
        filtered ? "the metadata stream has a /Filter" : "no /Filter");
    std::string xmp;
    try {
      xmp = stream_bytes(meta, true);
    } catch (const PdfError& e) {
      add("XMP well-formed", false, describe(e));
      return 0;
    }
    const auto header_start = xmp.find("<?xpacket begin=");
    const auto header_end =
        header_start == std::string::npos ? header_start : xmp.find("?>", header_start);
    const std::string header = header_end == std::string::npos
                                   ? std::string()
                                   : xmp.substr(header_start, header_end - header_start);
    const bool header_ok = !header.empty() && header.find("bytes=") == std::string::npos &&
                           header.find("encoding=") == std::string::npos;
    add("6.6.2.1-2 xpacket header without bytes/encoding", header_ok,
        header.empty() ? "no xpacket header"
        : header_ok    ? "ok"
                       : header);
    std::string error;
    const std::optional<XmpPacket> packet = parse_xmp(xmp, error);
    if (!packet) {
      add("XMP well-formed", false, error);
      return 0;
    }
    add("XMP well-formed", true, "parsed");
    const PdfAIdentification id = pdfa_identification(*packet);
    bool part_ok = id.part == "2" || id.part == "3";
    std::string detail = "pdfaid:part '" + id.part + "'";
    if (m_expected && id.part != std::to_string(*m_expected)) {
      part_ok = false;
      detail += ", expected " + std::to_string(*m_expected);
    }
    add("6.6.4-1 pdfaid:part", part_ok, detail);
    const bool conf_ok = id.conformance == "B" || id.conformance == "U" || id.conformance == "A";
    add("6.6.4-2 pdfaid:conformance", conf_ok, "pdfaid:conformance '" + id.conformance + "'");

    check_extension_schemas(*packet);
    check_info_agreement(info, *packet);
    return part_ok ? std::stoi(id.part) : 0;
  }

  // Properties outside the predefined schemas need a pdfaExtension declaration
  // for their namespace URI.
  void check_extension_schemas(const XmpPacket& packet) {
    std::string missing;
    std::size_t custom = 0;
    for (const auto& property : packet.properties) {
      if (predefined_namespaces().count(property.ns) != 0) {
        continue;
      }
      ++custom;
      const auto d = packet.declared.find(property.ns);
      if (property.ns.empty() || d == packet.declared.end() ||
          d->second.count(property.name) == 0) {
        missing += property.written + (property.ns.empty() ? " (prefix not declared) " : " ");
      }
    }
    add("6.6.2.3.1-1 custom XMP properties declared in pdfaExtension", missing.empty(),
        missing.empty() ? std::to_string(custom) + " custom properties, all declared"
                        : "undeclared: " + missing);
  }

  void check_info_agreement(const PdfObject* info, const XmpPacket& xmp) {
    if (info == nullptr || !info->IsDictionary()) {
      add("Info dictionary agrees with XMP", true, "no Info dictionary");
      return;
    }
    struct Pair {
      const char* info_key;
      const char* ns;
      const char* name;
    };
    static const Pair k_pairs[] = {
        {"Title", k_xmp_ns_dc, "title"},
        {"Author", k_xmp_ns_dc, "creator"},
        {"Subject", k_xmp_ns_dc, "description"},
        {"Keywords", k_xmp_ns_pdf, "Keywords"},
        {"Creator", k_xmp_ns_xmp, "CreatorTool"},
        {"Producer", k_xmp_ns_pdf, "Producer"},
        {"CreationDate", k_xmp_ns_xmp, "CreateDate"},
        {"ModDate", k_xmp_ns_xmp, "ModifyDate"},
    };
    std::string mismatch;
    for (const auto& [info_key, ns, name] : k_pairs) {
      const PdfObject* v = key(info, info_key);
      if (v == nullptr || !(v->IsString() || v->IsHexString())) {
        continue;
      }
      const std::string info_value = v->GetString().GetStringUtf8();
      const std::string* xmp_value = xmp.find(ns, name);
      if (xmp_value == nullptr) {
        mismatch += std::string(info_key) + " (not in XMP) ";
        continue;
      }
      bool same = info_value == *xmp_value;
      if (std::string(info_key).find("Date") != std::string::npos) {
        PdfTime a;
        PdfTime b;
        same = parse_pdf_or_xmp_date(info_value, a) && parse_pdf_or_xmp_date(*xmp_value, b) &&
               a.utc == b.utc;
      }
      if (!same) {
        mismatch += std::string(info_key) + " ('" + info_value + "' vs '" + *xmp_value + "') ";
      }
    }
    add("Info dictionary agrees with XMP", mismatch.empty(),
        mismatch.empty() ? "all Info entries match" : "differ: " + mismatch);
  }

  void check_associated_files(const PdfObject* catalog) {
    const PdfObject* af = key(catalog, "AF");
    if (af == nullptr || !af->IsArray() || af->GetArray().empty()) {
      add("6.8 associated files (/AF)", false, "PDF/A-3 file without a catalog /AF array");
      return;
    }
    std::string problems;
    for (const auto& entry : af->GetArray()) {
      const PdfObject* spec = get(&entry);
      if (spec == nullptr || !spec->IsDictionary()) {
        problems += "bad /AF entry; ";
        continue;
      }
      if (key(spec, "F") == nullptr || key(spec, "UF") == nullptr) {
        problems += "file spec without /F and /UF; ";
      }
      const PdfObject* rel = key(spec, "AFRelationship");
      if (rel == nullptr || !rel->IsName()) {
        problems += "no /AFRelationship; ";
      }
      const PdfObject* ef = key(key(spec, "EF"), "F");
      if (ef == nullptr || !ef->HasStream()) {
        problems += "no embedded file stream; ";
        continue;
      }
      if (!key(ef, "Subtype") || !key(ef, "Subtype")->IsName()) {
        problems += "embedded file without MIME /Subtype; ";
      }
      if (key(key(ef, "Params"), "ModDate") == nullptr) {
        problems += "embedded file without /Params /ModDate; ";
      }
    }
    add("6.8 associated files (/AF)", problems.empty(),
        problems.empty() ? std::to_string(af->GetArray().size()) + " associated file(s)"
                         : problems);
  }

  std::filesystem::path m_file;
  std::optional<int> m_expected;
  PdfVecObjects* m_objects = nullptr;
  std::vector<PdfACheck> m_checks;
};

} // namespace

std::vector<PdfACheck> check_pdfa(const std::filesystem::path& file,
                                  std::optional<int> expected_part) {
  quiet_podofo();
  Checker checker(file, expected_part);
  try {
    return checker.run();
  } catch (const PdfError& e) {
    return {{"file parses", false, describe(e)}};
  }
}

bool pdfa_ok(const std::vector<PdfACheck>& checks) {
  if (checks.empty()) {
    return false;
  }
  for (const auto& c : checks) {
    if (!c.ok) {
      return false;
    }
  }
  return true;
}

} // namespace sohoa::pdf
