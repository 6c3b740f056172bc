#include "xmp.hpp"

#include "sohoa/core/markup.hpp"

#include <chrono>
#include <cstdio>
#include <utility>
#include <vector>

namespace sohoa::pdf {
namespace {

std::tm shifted_tm(const PdfTime& t) {
  const std::time_t local = t.utc + static_cast<std::time_t>(t.offset_minutes) * 60;
  std::tm tm{};
  gmtime_r(&local, &tm);
  return tm;
}

struct Property {
  const char* name;
  const char* value_type;
  const char* description;
};

// Every property we write in the sohoa namespace, declared for 6.6.2.3.1.
constexpr Property k_properties[] = {
    {"dossier_code", "Text", "Dossier (ho so) code"},
    {"document_id", "Text", "Document id within the dossier"},
    {"doc_type", "Text", "Document type id (forms.md)"},
    {"procedure_code", "Text", "Administrative procedure code"},
    {"agency_code", "Text", "Code of the receiving agency"},
    {"agency_name", "Text", "Name of the receiving agency"},
    {"officer", "Text", "Officer who digitized the dossier"},
    {"digitized_at", "Date", "Time of digitization"},
    {"source_sha256", "Seq Text", "SHA-256 of each input file"},
    {"software_version", "Text", "Version of the digitizing software"},
    {"result_code", "Text", "Result code of the digitization"},
    {"reviewed_at", "Date", "Time a clerk last corrected or confirmed a field"},
    {"reviewed_by", "Text", "Clerk who last corrected or confirmed a field"},
};

void simple(std::string& out, const char* qname, const std::string& value) {
  if (value.empty()) {
    return;
  }
  out += "   <";
  out += qname;
  out += '>';
  out += escape_xml(value);
  out += "</";
  out += qname;
  out += ">\n";
}

void lang_alt(std::string& out, const char* qname, const std::string& value) {
  if (value.empty()) {
    return;
  }
  out += std::string("   <") + qname + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         escape_xml(value) + "</rdf:li></rdf:Alt></" + qname + ">\n";
}

// The date and time of t, then its UTC offset as hours and minutes: "%c%02d:%02d"
// for XMP, "%c%02d'%02d'" for the Info dictionary.
std::string format_pdf_time(const PdfTime& t, const char* date_format, const char* offset_format) {
  const std::tm tm = shifted_tm(t);
  char date[48];
  std::snprintf(date, sizeof date, date_format, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  const int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  char offset[16];
  std::snprintf(offset, sizeof offset, offset_format, t.offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return std::string(date) + offset;
}

} // namespace

std::string xmp_date(const PdfTime& t) {
  return format_pdf_time(t, "%04d-%02d-%02dT%02d:%02d:%02d", "%c%02d:%02d");
}

std::string info_date(const PdfTime& t) {
  return format_pdf_time(t, "D:%04d%02d%02d%02d%02d%02d", "%c%02d'%02d'");
}

bool parse_pdf_or_xmp_date(const std::string& text, PdfTime& out) {
  std::string s = text;
  int fields[6] = {0, 1, 1, 0, 0, 0};
  std::size_t pos = 0;
  const bool pdf_form = s.rfind("D:", 0) == 0;
  if (pdf_form) {
    pos = 2;
  }
  const auto digits = [&](int n, int& value) {
    if (pos + static_cast<std::size_t>(n) > s.size()) {
      return false;
    }
    value = 0;
    for (int i = 0; i < n; ++i) {
      const char c = s[pos + static_cast<std::size_t>(i)];
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(n);
    return true;
  };
  const auto skip = [&](char c) {
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  if (!digits(4, fields[0])) {
    return false;
  }
  const int widths[5] = {2, 2, 2, 2, 2};
  const char seps[5] = {'-', '-', 'T', ':', ':'};
  for (int i = 0; i < 5; ++i) {
    if (!pdf_form && !skip(seps[i])) {
      break;
    }
    if (!digits(widths[i], fields[i + 1])) {
      if (pdf_form) {
        break;
      }
      return false;
    }
  }
  // Fractions of a second (XMP) are ignored.
  if (!pdf_form && skip('.')) {
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ++pos;
    }
  }
  int offset = 0;
  if (pos < s.size()) {
    const char sign = s[pos++];
    if (sign == '+' || sign == '-') {
      int hh = 0;
      int mm = 0;
      if (!digits(2, hh)) {
        return false;
      }
      skip(pdf_form ? '\'' : ':');
      if (pos < s.size() && digits(2, mm)) {
        skip('\'');
      }
      if (hh > 23 || mm > 59) {
        return false; // no zone is a day or more away from UTC
      }
      offset = (hh * 60 + mm) * (sign == '-' ? -1 : 1);
    } else if (sign != 'Z') {
      return false;
    }
  }
  // Every field is bounded before any arithmetic (60 seconds for a leap second).
  if (fields[3] > 23 || fields[4] > 59 || fields[5] > 60) {
    return false;
  }
  using namespace std::chrono;
  const year_month_day date{year{fields[0]}, month{static_cast<unsigned>(fields[1])},
                            std::chrono::day{static_cast<unsigned>(fields[2])}};
  if (!date.ok()) {
    return false; // 2026-02-30 is no date
  }
  // In seconds, not system_clock's nanoseconds: those overflow past the year 2262, and
  // four digits reach 9999.
  const sys_seconds at =
      sys_days{date} + hours{fields[3]} + minutes{fields[4]} + seconds{fields[5]} - minutes{offset};
  out.utc = static_cast<std::time_t>(at.time_since_epoch().count());
  out.offset_minutes = offset;
  return true;
}

std::string build_xmp(const XmpInput& in) {
  const LegalMetadata& m = *in.metadata;
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\"\n"
       "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
       "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
       "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
       "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
       "    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
       "    xmlns:sohoa=\"" +
       std::string(k_sohoa_ns) + "\">\n";
  simple(x, "pdfaid:part", in.part == PdfAPart::a3b ? "3" : "2");
  simple(x, "pdfaid:conformance", "B");
  simple(x, "dc:format", "application/pdf");
  lang_alt(x, "dc:title", m.title);
  if (!m.agency_name.empty()) {
    x += "   <dc:creator><rdf:Seq><rdf:li>" + escape_xml(m.agency_name) +
         "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!m.language.empty()) {
    x += "   <dc:language><rdf:Bag><rdf:li>" + escape_xml(m.language) +
         "</rdf:li></rdf:Bag></dc:language>\n";
  }
  simple(x, "xmp:CreateDate", in.create_date);
  simple(x, "xmp:ModifyDate", in.create_date);
  simple(x, "xmp:MetadataDate", in.create_date);
  simple(x, "xmp:CreatorTool", in.creator_tool);
  simple(x, "pdf:Producer", in.producer);
  simple(x, "xmpMM:DocumentID", in.document_id);
  simple(x, "xmpMM:InstanceID", in.instance_id);
  simple(x, "sohoa:dossier_code", m.dossier_code);
  simple(x, "sohoa:document_id", m.document_id);
  simple(x, "sohoa:doc_type", m.doc_type);
  simple(x, "sohoa:procedure_code", m.procedure_code);
  simple(x, "sohoa:agency_code", m.agency_code);
  simple(x, "sohoa:agency_name", m.agency_name);
  simple(x, "sohoa:officer", m.officer);
  simple(x, "sohoa:digitized_at", m.digitized_at);
  if (!m.source_sha256.empty()) {
    x += "   <sohoa:source_sha256><rdf:Seq>\n";
    for (const auto& h : m.source_sha256) {
      x += "    <rdf:li>" + escape_xml(h) + "</rdf:li>\n";
    }
    x += "   </rdf:Seq></sohoa:source_sha256>\n";
  }
  simple(x, "sohoa:software_version", m.software_version);
  simple(x, "sohoa:result_code", m.result_code);
  simple(x, "sohoa:reviewed_at", m.reviewed_at);
  simple(x, "sohoa:reviewed_by", m.reviewed_by);
  x += "  </rdf:Description>\n";

  x += "  <rdf:Description rdf:about=\"\"\n"
       "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
       "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
       "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
       "   <pdfaExtension:schemas>\n    <rdf:Bag>\n"
       "     <rdf:li rdf:parseType=\"Resource\">\n"
       "      <pdfaSchema:schema>sohoa legal-validity metadata</pdfaSchema:schema>\n"
       "      <pdfaSchema:namespaceURI>" +
       std::string(k_sohoa_ns) +
       "</pdfaSchema:namespaceURI>\n"
       "      <pdfaSchema:prefix>sohoa</pdfaSchema:prefix>\n"
       "      <pdfaSchema:property>\n       <rdf:Seq>\n";
  for (const auto& p : k_properties) {
    x += "        <rdf:li rdf:parseType=\"Resource\">\n";
    x += std::string("         <pdfaProperty:name>") + p.name + "</pdfaProperty:name>\n";
    x += std::string("         <pdfaProperty:valueType>") + p.value_type +
         "</pdfaProperty:valueType>\n";
    x += "         <pdfaProperty:category>external</pdfaProperty:category>\n";
    x += std::string("         <pdfaProperty:description>") + p.description +
         "</pdfaProperty:description>\n";
    x += "        </rdf:li>\n";
  }
  x += "       </rdf:Seq>\n      </pdfaSchema:property>\n     </rdf:li>\n    </rdf:Bag>\n"
       "   </pdfaExtension:schemas>\n  </rdf:Description>\n";
  x += " </rdf:RDF>\n</x:xmpmeta>\n";
  // Room for in-place edits by later tools, as XMP writers customarily leave.
  for (int i = 0; i < 20; ++i) {
    x += std::string(99, ' ') + "\n";
  }
  x += "<?xpacket end=\"w\"?>";
  return x;
}

} // namespace sohoa::pdf
