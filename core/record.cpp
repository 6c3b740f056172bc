#include "sohoa/core/record.hpp"
#include <cmath>
#include <nlohmann/json.hpp>

namespace sohoa {
namespace {

// Records are read by people and diffed by tools: keep numbers short.
double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

} // namespace

nlohmann::json to_json(const DocumentRecord& record) {
  using nlohmann::json;
  json pages = json::array();
  for (const auto& p : record.pages) {
    json page = {{"index", p.index},
                 {"source", p.source},
                 {"width", p.width},
                 {"height", p.height},
                 {"dpi", rounded(p.dpi, 1)},
                 {"rotation", p.rotation},
                 {"skew_deg", rounded(p.skew_deg, 2)},
                 {"blank", p.blank},
                 {"ocr_confidence", rounded(p.ocr_confidence, 3)}};
    if (p.source_page > 1) {
      page["source_page"] = p.source_page;
    }
    pages.push_back(std::move(page));
  }
  json fields = json::object();
  for (const auto& [id, f] : record.forms.fields) {
    fields[id] = {{"value", f.value},
                  {"confidence", rounded(f.confidence, 3)},
                  {"page", f.page},
                  {"bbox", {f.bbox.x, f.bbox.y, f.bbox.w, f.bbox.h}},
                  {"needs_review", f.needs_review}};
  }
  json issues = json::array();
  for (const auto& i : record.forms.issues) {
    issues.push_back({{"field", i.field}, {"code", i.code}, {"message", i.message}});
  }
  return {{"schema", "sohoa.document/1"},
          {"dossier_id", record.dossier_id},
          {"document_id", record.document_id},
          {"doc_type", record.forms.doc_type},
          {"doc_type_confidence", rounded(record.forms.doc_type_confidence, 3)},
          {"pages", std::move(pages)},
          {"fields", std::move(fields)},
          {"issues", std::move(issues)},
          {"text", record.text}};
}

DocumentRecord document_record_from_json(const nlohmann::json& j) {
  DocumentRecord r;
  r.dossier_id = j.at("dossier_id").get<std::string>();
  r.document_id = j.at("document_id").get<std::string>();
  r.forms.doc_type = j.value("doc_type", "unknown");
  r.forms.doc_type_confidence = j.value("doc_type_confidence", 0.0);
  for (const auto& p : j.at("pages")) {
    PageInfo info;
    info.index = p.at("index").get<int>();
    info.source = p.value("source", "");
    info.source_page = p.value("source_page", 1);
    info.width = p.value("width", 0);
    info.height = p.value("height", 0);
    info.dpi = p.value("dpi", 0.0);
    info.rotation = p.value("rotation", 0);
    info.skew_deg = p.value("skew_deg", 0.0);
    info.blank = p.value("blank", false);
    info.ocr_confidence = p.value("ocr_confidence", 0.0f);
    r.pages.push_back(info);
  }
  // Explicit iterators: nlohmann-json 3.11.2's items() proxy under structured
  // bindings reads a destroyed temporary (AddressSanitizer: stack-use-after-scope).
  const nlohmann::json fields = j.value("fields", nlohmann::json::object());
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    const std::string& id = it.key();
    const nlohmann::json& f = it.value();
    FieldValue v;
    v.value = f.value("value", "");
    v.confidence = f.value("confidence", 0.0f);
    v.page = f.value("page", 1);
    if (f.contains("bbox") && f["bbox"].size() == 4) {
      v.bbox = {f["bbox"][0].get<int>(), f["bbox"][1].get<int>(), f["bbox"][2].get<int>(),
                f["bbox"][3].get<int>()};
    }
    v.needs_review = f.value("needs_review", false);
    r.forms.fields[id] = v;
  }
  const nlohmann::json issues = j.value("issues", nlohmann::json::array());
  for (const auto& i : issues) {
    r.forms.issues.push_back({i.value("field", ""), i.value("code", ""), i.value("message", "")});
  }
  r.text = j.value("text", "");
  return r;
}

} // namespace sohoa
