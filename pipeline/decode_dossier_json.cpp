#include "decode_dossier_json.hpp"
#include "json_file.hpp"
#include <nlohmann/json.hpp>

namespace sohoa::pipeline {

namespace {

using nlohmann::json;

constexpr std::size_t k_max_documents = 10000;
constexpr std::size_t k_max_files_per_document = 10000;

std::string describe_type(const json& value) {
  return value.type_name();
}

// A string member: absent -> nullopt silently; wrong type -> nullopt with a problem.
std::optional<std::string> string_member(const json& object, const char* key,
                                         const std::string& where,
                                         std::vector<std::string>& problems) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    problems.push_back(where + "\"" + key + "\" must be a string, not " + describe_type(*it) +
                       "; ignored");
    return std::nullopt;
  }
  return it->get<std::string>();
}

void read_metadata(const json& root, DossierSpec& spec) {
  struct Key {
    const char* name;
    std::string DossierMetadata::*member;
  };
  static const Key k_keys[] = {
      {"dossier_code", &DossierMetadata::dossier_code},
      {"procedure_code", &DossierMetadata::procedure_code},
      {"agency_code", &DossierMetadata::agency_code},
      {"agency_name", &DossierMetadata::agency_name},
      {"officer", &DossierMetadata::officer},
  };
  for (const Key& key : k_keys) {
    if (auto value = string_member(root, key.name, "", spec.problems)) {
      spec.metadata.*key.member = std::move(*value);
      if (key.member == &DossierMetadata::dossier_code) {
        spec.has_dossier_code = !spec.metadata.dossier_code.empty();
      }
    }
  }
}

void read_document(const json& entry, std::size_t index, DossierSpec& spec) {
  const std::string where = "documents[" + std::to_string(index) + "]: ";
  if (!entry.is_object()) {
    spec.problems.push_back(where + "must be an object, not " + describe_type(entry) + "; ignored");
    return;
  }
  DocumentSpec doc;
  if (auto id = string_member(entry, "id", where, spec.problems)) {
    doc.id = std::move(*id);
  }
  doc.doc_type = string_member(entry, "doc_type", where, spec.problems);
  if (doc.doc_type && doc.doc_type->empty()) {
    doc.doc_type.reset();
  }
  const auto files = entry.find("files");
  if (files != entry.end() && !files->is_null()) {
    if (!files->is_array()) {
      spec.problems.push_back(where + "\"files\" must be an array of file names, not " +
                              describe_type(*files));
    } else {
      for (std::size_t i = 0; i < files->size(); ++i) {
        const json& file = (*files)[i];
        if (doc.files.size() >= k_max_files_per_document) {
          spec.problems.push_back(where + "too many files; the rest are ignored");
          break;
        }
        if (!file.is_string() || file.get_ref<const std::string&>().empty()) {
          spec.problems.push_back(where + "files[" + std::to_string(i) +
                                  "] must be a non-empty file name; ignored");
          continue;
        }
        doc.files.push_back(file.get<std::string>());
      }
    }
  }
  spec.documents.push_back(std::move(doc));
}

} // namespace

DossierSpec parse_dossier_json(std::string_view text) {
  DossierSpec spec;
  if (text.size() > k_max_dossier_json_bytes) {
    spec.malformed = true;
    spec.problems.push_back("dossier.json is larger than " +
                            std::to_string(k_max_dossier_json_bytes) + " bytes");
    return spec;
  }
  // Comments are not JSON. A parse error is caught here: nothing escapes.
  std::string parse_problem;
  const json root = parse_json_text(text, parse_problem);
  if (root.is_discarded()) {
    spec.malformed = true;
    spec.problems.push_back("dossier.json is not valid JSON (UTF-8): " + parse_problem);
    return spec;
  }
  if (!root.is_object()) {
    spec.malformed = true;
    spec.problems.push_back("dossier.json must hold a JSON object, not " + describe_type(root));
    return spec;
  }
  read_metadata(root, spec);
  const auto documents = root.find("documents");
  if (documents != root.end() && !documents->is_null()) {
    if (!documents->is_array()) {
      spec.problems.push_back("\"documents\" must be an array, not " + describe_type(*documents) +
                              "; ignored");
    } else {
      for (std::size_t i = 0; i < documents->size() && i < k_max_documents; ++i) {
        read_document((*documents)[i], i, spec);
      }
      if (documents->size() > k_max_documents) {
        spec.problems.push_back("more than " + std::to_string(k_max_documents) +
                                " documents; the rest are ignored");
      }
    }
  }
  return spec;
}

} // namespace sohoa::pipeline
