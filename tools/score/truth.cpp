#include "tools/score/truth.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sohoa::score {

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

std::string as_text(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

} // namespace

std::string dossier_id_for(const fs::path& dossier_folder) {
  const fs::path json = dossier_folder / "dossier.json";
  if (fs::exists(json)) {
    const auto j = read_json(json);
    if (j.is_object() && j.contains("dossier_code") && j["dossier_code"].is_string() &&
        !j["dossier_code"].get<std::string>().empty()) {
      return j["dossier_code"].get<std::string>();
    }
  }
  return dossier_folder.filename().string();
}

std::vector<TruthDoc> load_truth(const fs::path& truth_dir) {
  if (!fs::is_directory(truth_dir)) {
    throw std::runtime_error("no truth folder " + truth_dir.string());
  }
  std::vector<TruthDoc> docs;
  for (const auto& dossier : fs::directory_iterator(truth_dir)) {
    if (!dossier.is_directory()) {
      continue;
    }
    for (const auto& file : fs::directory_iterator(dossier.path())) {
      if (file.path().extension() != ".json") {
        continue;
      }
      const auto j = read_json(file.path());
      TruthDoc d;
      d.folder = dossier.path().filename().string();
      d.document_id = j.value("document_id", file.path().stem().string());
      d.dossier_id = j.value("dossier_id", std::string());
      if (d.dossier_id.empty()) {
        d.dossier_id = dossier_id_for(truth_dir.parent_path() / "input" / d.folder);
      }
      d.doc_type = j.value("doc_type", std::string("unknown"));
      d.profile = j.value("profile", std::string("clean"));
      d.expected_status = j.value("expected_status", std::string("ok"));
      d.layout = j.value("layout", std::string("standard"));
      if (j.contains("conditions") && j["conditions"].is_array()) {
        for (const auto& c : j["conditions"]) {
          d.conditions.push_back(c.get<std::string>());
        }
      }
      if (j.contains("fields") && j["fields"].is_object()) {
        for (const auto& [k, v] : j["fields"].items()) {
          d.fields[k] = as_text(v);
        }
      }
      if (j.contains("files") && j["files"].is_array()) {
        for (const auto& f : j["files"]) {
          d.files.push_back(f.get<std::string>());
        }
      }
      if (j.contains("pages") && j["pages"].is_array()) {
        for (const auto& p : j["pages"]) {
          d.pages.push_back({p.value("text", std::string()), p.value("blank", false)});
        }
      }
      docs.push_back(std::move(d));
    }
  }
  std::sort(docs.begin(), docs.end(), [](const TruthDoc& a, const TruthDoc& b) {
    return a.folder != b.folder ? a.folder < b.folder : a.document_id < b.document_id;
  });
  return docs;
}

} // namespace sohoa::score
