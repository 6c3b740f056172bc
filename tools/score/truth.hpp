#pragma once
// Reads the generator's truth files: DIR/<dossier folder>/<document_id>.json.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sohoa::score {

struct TruthPage {
  std::string text;
  bool blank = false;
};

struct TruthDoc {
  std::string folder;     // dossier folder name in the input
  std::string dossier_id; // dossier_code from dossier.json, else the folder name
  std::string document_id;
  std::string doc_type;
  std::string profile; // clean, degraded, bad
  std::string expected_status = "ok";
  std::string layout = "standard";     // standard or holdout
  std::vector<std::string> conditions; // held-out scan conditions applied
  std::vector<std::string> files;      // input files in page order
  std::map<std::string, std::string> fields;
  std::vector<TruthPage> pages;
};

// Every document of the truth tree, sorted by folder then document id.
std::vector<TruthDoc> load_truth(const std::filesystem::path& truth_dir);
// The id the pipeline gives a dossier folder (CONTRACT.md §1): dossier.json's
// dossier_code when present, else the folder name.
std::string dossier_id_for(const std::filesystem::path& dossier_folder);

} // namespace sohoa::score
