#include "tools/score/scoring.hpp"
#include "tools/score/output_files.hpp"

#include <array>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

namespace sohoa::score {

namespace fs = std::filesystem;

double FieldCounts::precision() const {
  return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted);
}
double FieldCounts::recall() const {
  return truth == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(truth);
}
double FieldCounts::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
double FieldCounts::unflagged_right() const {
  return unflagged == 0 ? 1.0
                        : static_cast<double>(unflagged_correct) / static_cast<double>(unflagged);
}
FieldCounts& FieldCounts::operator+=(const FieldCounts& o) {
  truth += o.truth;
  predicted += o.predicted;
  correct += o.correct;
  unflagged += o.unflagged;
  unflagged_correct += o.unflagged_correct;
  return *this;
}

std::vector<std::string> split_pages(const std::string& text) {
  std::vector<std::string> pages;
  std::string cur;
  for (char c : text) {
    if (c == '\f') {
      pages.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  pages.push_back(cur);
  // pdftotext ends every page with \f: drop the empty tail it leaves.
  if (pages.size() > 1 && pages.back().find_first_not_of(" \n\r\t") == std::string::npos) {
    pages.pop_back();
  }
  return pages;
}

std::string join_nonblank(const TruthDoc& truth, const std::vector<std::string>& ocr_pages) {
  std::string out;
  const bool aligned = ocr_pages.size() == truth.pages.size();
  for (std::size_t i = 0; i < ocr_pages.size(); ++i) {
    if (aligned && truth.pages[i].blank) {
      continue;
    }
    out += ocr_pages[i];
    out += '\n';
  }
  return out;
}

namespace {

std::string truth_text(const TruthDoc& t) {
  std::string out;
  for (const auto& p : t.pages) {
    if (!p.blank) {
      out += p.text;
      out += '\n';
    }
  }
  return out;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

struct PipeCloser {
  void operator()(FILE* f) const { pclose(f); }
};

// Looks for a row naming this document with status "failed" anywhere in the batch report.
bool report_says_failed(const nlohmann::json& j, const std::string& doc_id) {
  if (j.is_object()) {
    const auto id = j.find("document_id");
    const auto st = j.find("status");
    if (id != j.end() && st != j.end() && id->is_string() && st->is_string() &&
        (id->get<std::string>() == doc_id) && st->get<std::string>() == "failed") {
      return true;
    }
    for (const auto& [k, v] : j.items()) {
      if (report_says_failed(v, doc_id)) {
        return true;
      }
    }
  } else if (j.is_array()) {
    for (const auto& v : j) {
      if (report_says_failed(v, doc_id)) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

std::optional<std::string> pdf_text(const fs::path& pdf) {
  const std::string cmd = "pdftotext -enc UTF-8 " + shell_quote(pdf.string()) + " - 2>/dev/null";
  std::unique_ptr<FILE, PipeCloser> pipe(popen(cmd.c_str(), "r"));
  if (!pipe) {
    return std::nullopt;
  }
  std::string out;
  std::array<char, 8192> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0) {
    out.append(buf.data(), n);
  }
  const int rc = pclose(pipe.release());
  if (rc != 0) {
    return std::nullopt;
  }
  return out;
}

DocScore score_document(const TruthDoc& t, const ScoreOptions& opt) {
  DocScore s;
  s.truth = &t;
  const std::string ref = truth_text(t);
  for (const auto& [k, v] : t.fields) {
    s.field_ok[k] = false;
  }
  s.fields.truth = t.fields.size();
  if (!opt.out_dir.empty()) {
    fs::path dir = opt.out_dir / t.dossier_id;
    if (!fs::exists(dir / (t.document_id + ".json")) && fs::exists(opt.out_dir / t.folder)) {
      dir = opt.out_dir / t.folder;
    }
    const auto record = read_json_if_valid(dir / (t.document_id + ".json"));
    if (t.expected_status == "failed") {
      const auto batch = read_json_if_valid(opt.out_dir / "batch-report.json");
      const bool record_failed =
          record && record->is_object() && record->value("status", std::string()) == "failed";
      s.failed_as_expected =
          !record || record_failed || (batch && report_says_failed(*batch, t.document_id));
      return s;
    }
    if (record && record->is_object()) {
      s.record_found = true;
      s.predicted_type = record->value("doc_type", std::string());
      const std::string text = (*record).contains("text") && (*record)["text"].is_string()
                                   ? (*record)["text"].get<std::string>()
                                   : std::string();
      const std::string hyp = join_nonblank(t, split_pages(text));
      s.cer_record = char_errors(ref, hyp);
      s.wer_record = word_errors(ref, hyp);
      s.bow_record = bag_of_words_errors(ref, hyp);
      if (record->contains("fields") && (*record)["fields"].is_object()) {
        for (const auto& [k, v] : (*record)["fields"].items()) {
          ++s.fields.predicted;
          const nlohmann::json value = v.is_object() && v.contains("value") ? v["value"] : v;
          const std::string got =
              normalize_value(value.is_string() ? value.get<std::string>() : value.dump());
          const auto want = t.fields.find(k);
          const bool right = want != t.fields.end() && normalize_value(want->second) == got;
          if (right) {
            ++s.fields.correct;
            s.field_ok[k] = true;
          }
          const bool flagged = v.is_object() && v.value("needs_review", false);
          if (!flagged) {
            ++s.fields.unflagged;
            s.fields.unflagged_correct += right ? 1 : 0;
          }
        }
      }
    } else {
      s.cer_record = char_errors(ref, "");
      s.wer_record = word_errors(ref, "");
      s.bow_record = bag_of_words_errors(ref, "");
    }
    const fs::path pdf = dir / (t.document_id + ".pdf");
    const auto text = fs::exists(pdf) ? pdf_text(pdf) : std::nullopt;
    if (text) {
      s.pdf_found = true;
      const std::string hyp = join_nonblank(t, split_pages(*text));
      s.cer_pdf = char_errors(ref, hyp);
      s.wer_pdf = word_errors(ref, hyp);
    } else {
      s.cer_pdf = char_errors(ref, "");
      s.wer_pdf = word_errors(ref, "");
    }
  }
  if (!opt.tesseract_dir.empty() && t.expected_status != "failed") {
    std::optional<std::string> text =
        read_file_if_present(opt.tesseract_dir / t.folder / (t.document_id + ".txt"));
    if (!text) {
      text = read_file_if_present(opt.tesseract_dir / t.dossier_id / (t.document_id + ".txt"));
    }
    if (!text && !t.files.empty()) {
      // One text per input file (what `tesseract FILE base` writes), in page order.
      std::string joined;
      bool all = true;
      for (const auto& f : t.files) {
        const auto part = read_file_if_present(opt.tesseract_dir / t.folder /
                                               (fs::path(f).stem().string() + ".txt"));
        all = all && part.has_value();
        joined += part.value_or("");
      }
      if (all) {
        text = joined;
      }
    }
    s.tesseract_found = text.has_value();
    const std::string hyp = text ? join_nonblank(t, split_pages(*text)) : std::string();
    s.cer_tess = char_errors(ref, hyp);
    s.wer_tess = word_errors(ref, hyp);
    s.bow_tess = bag_of_words_errors(ref, hyp);
  }
  return s;
}

void Aggregate::add(const DocScore& s) {
  ++docs;
  for (const auto& p : s.truth->pages) {
    pages += p.blank ? 0 : 1;
  }
  if (s.cer_record) {
    has_record = true;
    missing_records += s.record_found ? 0 : 1;
    type_correct += s.predicted_type == s.truth->doc_type ? 1 : 0;
    cer_record += *s.cer_record;
    wer_record += *s.wer_record;
    bow_record += *s.bow_record;
    fields += s.fields;
  }
  if (s.cer_pdf) {
    has_pdf = true;
    cer_pdf += *s.cer_pdf;
    wer_pdf += *s.wer_pdf;
  }
  if (s.cer_tess) {
    has_tess = true;
    cer_tess += *s.cer_tess;
    wer_tess += *s.wer_tess;
    bow_tess += *s.bow_tess;
  }
}

Report score_all(const std::vector<TruthDoc>& truth, const ScoreOptions& options) {
  Report r;
  for (const auto& t : truth) {
    r.documents.push_back(score_document(t, options));
  }
  for (const auto& s : r.documents) {
    const TruthDoc& t = *s.truth;
    if (t.expected_status == "failed") {
      ++r.bad_expected;
      r.bad_failed += s.failed_as_expected ? 1 : 0;
      continue;
    }
    r.groups[{t.profile, t.doc_type}].add(s);
    r.profiles[t.profile].add(s);
    r.conditions[t.layout].add(s);
    if (t.layout != "standard" || !t.conditions.empty()) {
      for (const auto& c : t.conditions) {
        r.conditions[t.layout + ": " + c].add(s);
      }
      if (t.conditions.empty()) {
        r.conditions[t.layout + ": no condition"].add(s);
      }
    }
    r.total.add(s);
    if (s.cer_record) {
      auto& per_type = r.per_field[t.doc_type];
      for (const auto& [field, ok] : s.field_ok) {
        FieldCounts& c = per_type[field];
        ++c.truth;
        c.correct += ok ? 1 : 0;
      }
    }
  }
  return r;
}

} // namespace sohoa::score
