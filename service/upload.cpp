#include "upload.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "api_error.hpp"
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

namespace sohoa::service {
namespace fs = std::filesystem;

namespace {

bool is_dossier_json(const UploadPart& part) {
  return part.name == "dossier.json" || part.filename == "dossier.json";
}

// "C:\scans\p1.jpg", "../../p1.jpg" -> "p1.jpg": browsers on some systems send paths.
std::string last_component(const std::string& filename) {
  const auto cut = filename.find_last_of("/\\");
  return cut == std::string::npos ? filename : filename.substr(cut + 1);
}

} // namespace

CheckedUpload check_upload(std::vector<UploadPart> parts, int max_files) {
  CheckedUpload out;
  std::set<std::string> seen;
  for (auto& part : parts) {
    if (is_dossier_json(part)) {
      if (out.dossier_json) {
        throw ApiError(400, "bad_dossier_json", "more than one dossier.json");
      }
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(part.content);
      } catch (const std::exception& e) {
        throw ApiError(400, "bad_dossier_json", std::string("dossier.json: ") + e.what());
      }
      if (!j.is_object()) {
        throw ApiError(400, "bad_dossier_json", "dossier.json must be a JSON object");
      }
      if (j.contains("dossier_code") && j["dossier_code"].is_string() &&
          !j["dossier_code"].get<std::string>().empty()) {
        out.dossier_code = j["dossier_code"].get<std::string>();
      }
      out.dossier_json = std::move(part.content);
      continue;
    }
    if (part.filename.empty()) {
      continue; // a plain form field, not a file
    }
    const std::string name = pipeline::sanitize_id(last_component(part.filename));
    if (name.empty()) {
      throw ApiError(400, "bad_file_name", "a file has no usable name");
    }
    if (!pipeline::is_accepted_extension(name)) {
      throw ApiError(400, "unsupported_format",
                     name + ": accepted are .tif, .tiff, .png, .jpg, .jpeg and .pdf");
    }
    if (!seen.insert(name).second) {
      throw ApiError(400, "duplicate_file", name + " was sent twice");
    }
    if (static_cast<int>(seen.size()) > max_files) {
      throw ApiError(413, "too_many_files",
                     "at most " + std::to_string(max_files) + " files in one dossier");
    }
    out.files.push_back({name, std::move(part.content)});
  }
  if (out.files.empty()) {
    throw ApiError(400, "no_files", "the upload holds no page file");
  }
  return out;
}

std::string staged_dossier_json(const CheckedUpload& upload) {
  nlohmann::json j =
      upload.dossier_json ? nlohmann::json::parse(*upload.dossier_json) : nlohmann::json::object();
  if (!j.contains("documents")) {
    auto documents = nlohmann::json::array();
    std::set<std::string> ids;
    for (const auto& file : upload.files) {
      std::string id = fs::path(file.name).stem().string();
      for (int n = 2; !ids.insert(id).second; ++n) {
        id = fs::path(file.name).stem().string() + "-" + std::to_string(n);
      }
      documents.push_back({{"id", id}, {"files", {file.name}}});
    }
    j["documents"] = documents;
  }
  return j.dump(2) + "\n";
}

} // namespace sohoa::service
