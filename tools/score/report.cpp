#include "tools/score/report.hpp"

#include <cstdio>
#include <string>

namespace sohoa::score {

namespace {

std::string pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.1f%%", v * 100.0);
  return buf;
}

std::string cell(bool present, const EditCount& c) {
  return present ? pct(c.rate()) : "      -";
}

std::string pad(const std::string& s, std::size_t width) {
  // Pads by code points, not bytes, so Vietnamese labels line up.
  std::size_t cps = 0;
  for (unsigned char c : s) {
    cps += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  return s + std::string(cps < width ? width - cps : 0, ' ');
}

void row(std::ostream& out, const std::string& name, const Aggregate& a) {
  char num[64];
  std::snprintf(num, sizeof num, "%5zu %5zu %5zu ", a.docs, a.pages, a.missing_records);
  out << pad(name, 36) << num << cell(a.has_record, a.cer_record) << ' '
      << cell(a.has_record, a.wer_record) << ' ' << cell(a.has_record, a.bow_record) << ' '
      << cell(a.has_pdf, a.cer_pdf) << ' ' << cell(a.has_pdf, a.wer_pdf) << ' '
      << cell(a.has_tess, a.cer_tess) << ' ' << cell(a.has_tess, a.wer_tess) << ' '
      << cell(a.has_tess, a.bow_tess) << ' '
      << (a.has_record ? pct(a.docs ? static_cast<double>(a.type_correct) / a.docs : 0) : "      -")
      << ' ' << (a.has_record ? pct(a.fields.precision()) : "      -") << ' '
      << (a.has_record ? pct(a.fields.recall()) : "      -") << ' '
      << (a.has_record ? pct(a.fields.f1()) : "      -") << '\n';
}

nlohmann::ordered_json rate(bool present, const EditCount& c) {
  if (!present) {
    return nullptr;
  }
  return nlohmann::ordered_json{{"rate", c.rate()}, {"edits", c.edits}, {"reference", c.reference}};
}

nlohmann::ordered_json aggregate_json(const Aggregate& a) {
  nlohmann::ordered_json j;
  j["documents"] = a.docs;
  j["pages"] = a.pages;
  j["missing_records"] = a.missing_records;
  j["cer_record"] = rate(a.has_record, a.cer_record);
  j["wer_record"] = rate(a.has_record, a.wer_record);
  j["bow_wer_record"] = rate(a.has_record, a.bow_record);
  j["cer_pdf"] = rate(a.has_pdf, a.cer_pdf);
  j["wer_pdf"] = rate(a.has_pdf, a.wer_pdf);
  j["cer_tesseract"] = rate(a.has_tess, a.cer_tess);
  j["wer_tesseract"] = rate(a.has_tess, a.wer_tess);
  j["bow_wer_tesseract"] = rate(a.has_tess, a.bow_tess);
  if (a.has_record) {
    j["doc_type_accuracy"] = a.docs ? static_cast<double>(a.type_correct) / a.docs : 0.0;
    j["fields"] = {{"truth", a.fields.truth},
                   {"predicted", a.fields.predicted},
                   {"correct", a.fields.correct},
                   {"precision", a.fields.precision()},
                   {"recall", a.fields.recall()},
                   {"f1", a.fields.f1()},
                   {"unflagged", a.fields.unflagged},
                   {"unflagged_correct", a.fields.unflagged_correct},
                   {"unflagged_right", a.fields.unflagged_right()}};
  } else {
    j["doc_type_accuracy"] = nullptr;
    j["fields"] = nullptr;
  }
  return j;
}

} // namespace

void print_table(const Report& r, std::ostream& out) {
  out << pad("profile / doc_type", 36)
      << " docs pages  miss CER rec WER rec BoW rec CER pdf WER pdf CER tes WER tes BoW tes"
         " typeacc   fld P   fld R  fld F1\n";
  std::string last_profile;
  for (const auto& [key, agg] : r.groups) {
    row(out, key.first + " / " + key.second, agg);
    last_profile = key.first;
  }
  for (const auto& [profile, agg] : r.profiles) {
    row(out, profile + " (all)", agg);
  }
  row(out, "TOTAL", r.total);
  if (r.conditions.size() > 1) {
    out << '\n'
        << pad("layout / held-out condition", 36) << " docs pages  miss CER rec WER rec"
        << " BoW rec CER pdf WER pdf CER tes WER tes BoW tes typeacc   fld P   fld R  fld F1\n";
    for (const auto& [name, agg] : r.conditions) {
      row(out, name, agg);
    }
  }
  if (r.total.has_record) {
    out << "\nunflagged fields right (needs_review false; CONTRACT §5 asks >= 98%):\n";
    auto share = [&](const std::string& name, const FieldCounts& c) {
      char num[96];
      std::snprintf(num, sizeof num, "%zu / %zu %s", c.unflagged_correct, c.unflagged,
                    pct(c.unflagged_right()).c_str());
      out << "  " << pad(name, 34) << num << '\n';
    };
    for (const auto& [profile, agg] : r.profiles) {
      share(profile, agg.fields);
    }
    for (const auto& [name, agg] : r.conditions) {
      if (r.conditions.size() > 1) {
        share(name, agg.fields);
      }
    }
    share("TOTAL", r.total.fields);
  }
  if (r.bad_expected > 0) {
    out << "bad inputs failed as expected: " << r.bad_failed << " / " << r.bad_expected << '\n';
  }
  bool header = false;
  for (const auto& [type, fields] : r.per_field) {
    for (const auto& [field, c] : fields) {
      if (!header) {
        out << "\nfield recall (correct / in truth):\n";
        header = true;
      }
      out << "  " << pad(type + "." + field, 52) << c.correct << " / " << c.truth << '\n';
    }
  }
}

nlohmann::ordered_json to_json(const Report& r) {
  nlohmann::ordered_json j;
  j["schema"] = "sohoa.score/1";
  j["total"] = aggregate_json(r.total);
  nlohmann::ordered_json profiles = nlohmann::ordered_json::object();
  for (const auto& [p, a] : r.profiles) {
    profiles[p] = aggregate_json(a);
  }
  j["profiles"] = profiles;
  nlohmann::ordered_json conditions = nlohmann::ordered_json::object();
  for (const auto& [name, a] : r.conditions) {
    conditions[name] = aggregate_json(a);
  }
  j["conditions"] = conditions;
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const auto& [key, a] : r.groups) {
    auto g = aggregate_json(a);
    g["profile"] = key.first;
    g["doc_type"] = key.second;
    groups.push_back(g);
  }
  j["groups"] = groups;
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const auto& [type, per] : r.per_field) {
    for (const auto& [field, c] : per) {
      fields[type][field] = {{"truth", c.truth}, {"correct", c.correct}};
    }
  }
  j["per_field"] = fields;
  j["bad_inputs"] = {{"expected_failed", r.bad_expected}, {"failed", r.bad_failed}};
  nlohmann::ordered_json docs = nlohmann::ordered_json::array();
  for (const auto& s : r.documents) {
    nlohmann::ordered_json d;
    d["dossier_id"] = s.truth->dossier_id;
    d["document_id"] = s.truth->document_id;
    d["doc_type"] = s.truth->doc_type;
    d["profile"] = s.truth->profile;
    d["expected_status"] = s.truth->expected_status;
    if (s.truth->expected_status == "failed") {
      d["failed_as_expected"] = s.failed_as_expected;
    } else {
      d["record_found"] = s.record_found;
      d["predicted_type"] = s.predicted_type;
      d["cer_record"] = s.cer_record ? nlohmann::ordered_json(s.cer_record->rate()) : nullptr;
      d["cer_pdf"] = s.cer_pdf ? nlohmann::ordered_json(s.cer_pdf->rate()) : nullptr;
      d["cer_tesseract"] = s.cer_tess ? nlohmann::ordered_json(s.cer_tess->rate()) : nullptr;
      d["fields_correct"] = s.fields.correct;
      d["fields_truth"] = s.fields.truth;
      d["fields_predicted"] = s.fields.predicted;
    }
    docs.push_back(d);
  }
  j["documents"] = docs;
  return j;
}

} // namespace sohoa::score
