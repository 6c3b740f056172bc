#include "resume.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/core/name_text.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include <sys/stat.h>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

// Whether `file` is still the one `recorded` describes; `why` says what differs.
bool matches(const fs::path& file, const FileDigest& recorded, std::string& why) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) {
    why = "is missing";
    return false;
  }
  if (recorded.bytes != static_cast<long long>(size)) {
    why = "changed size";
    return false;
  }
  if (recorded.mtime_ns != 0 && recorded.mtime_ns == mtime_ns(file)) {
    return true; // same size and mtime: taken as unchanged (resume.hpp)
  }
  if (sha256_file(file) != recorded.sha256) {
    why = "changed content";
    return false;
  }
  return true;
}

std::string quoted(const std::string& name) {
  return "\"" + escape_invalid_utf8(name) + "\"";
}

// Empty when the manifest still describes `dossier` and its outputs; else the reason.
std::string why_stale(const fs::path& dossier_out, const DossierInput& dossier,
                      const Manifest& manifest) {
  const auto& listed = manifest.documents;
  if (listed.size() != dossier.documents.size()) {
    return "the dossier now holds " + std::to_string(dossier.documents.size()) +
           " documents, the manifest lists " + std::to_string(listed.size());
  }
  std::string why;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const ManifestDocument& entry = listed[i];
    const DocumentInput& document = dossier.documents[i];
    if (entry.document_id != document.id) {
      return "document " + quoted(document.id) + " is not the one the manifest lists";
    }
    const std::vector<FileDigest>& inputs = entry.inputs;
    if (inputs.size() != document.files.size()) {
      return "document " + quoted(document.id) + " now has a different number of files";
    }
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      const fs::path& file = document.files[k];
      if (inputs[k].name != source_name(dossier, file)) {
        return "document " + quoted(document.id) + " now has other files";
      }
      if (!matches(file, inputs[k], why)) {
        return "input " + quoted(source_name(dossier, file)) + " " + why;
      }
    }
    for (const FileDigest& output : entry.outputs) {
      const std::string& name = output.name;
      if (name.empty() || fs::path(name).has_parent_path() ||
          !matches(dossier_out / name, output, why)) {
        return "output " + quoted(name) + " " + (why.empty() ? "is not valid" : why);
      }
    }
  }
  return {};
}

} // namespace

long long mtime_ns(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    return 0;
  }
  return static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec;
}

FileDigest digest_file(const fs::path& file, std::string name) {
  FileDigest digest;
  digest.name = std::move(name);
  // mtime first: a file changed while it is hashed then differs from its record.
  digest.mtime_ns = mtime_ns(file);
  digest.bytes = static_cast<long long>(fs::file_size(file));
  digest.sha256 = sha256_file(file);
  return digest;
}

ResumeCheck check_resume(const fs::path& dossier_out, const DossierInput& dossier) {
  ResumeCheck check;
  ManifestFile manifest = read_manifest_file(dossier_out / "manifest.json");
  switch (manifest.state) {
  case ManifestFile::State::missing:
    return check;
  case ManifestFile::State::corrupt:
    check.redo_reason = manifest.problem;
    return check;
  case ManifestFile::State::incomplete:
    check.redo_reason = "an earlier run could not write all of it";
    return check;
  case ManifestFile::State::complete:
    break;
  }
  try {
    check.redo_reason = why_stale(dossier_out, dossier, manifest.value);
  } catch (const std::exception& e) {
    check.redo_reason = std::string("a file it lists cannot be read: ") + e.what();
  }
  if (check.redo_reason.empty()) {
    check.manifest = std::move(manifest.value);
  }
  return check;
}

} // namespace sohoa::pipeline
