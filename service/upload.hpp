#pragma once
// An uploaded dossier checked before anything is written: page files with safe
// names in upload order, and dossier.json if one came.
#include <optional>
#include <string>
#include <vector>

namespace sohoa::service {

struct UploadPart {
  std::string name;     // form field name
  std::string filename; // as the browser sent it: untrusted
  std::string content;
};

struct PageFile {
  std::string name; // safe as one path component, accepted extension, unique
  std::string content;
};

struct CheckedUpload {
  std::vector<PageFile> files;             // upload order
  std::optional<std::string> dossier_json; // the part named or filed as dossier.json
  std::optional<std::string> dossier_code; // from it, when it has one
};

// Throws ApiError 400 (no_files, bad_file_name, unsupported_format, duplicate_file,
// bad_dossier_json) or 413 too_many_files. Only the last path component of a file
// name is kept and sanitized; a name that sanitizes to nothing is refused.
CheckedUpload check_upload(std::vector<UploadPart> parts, int max_files);

// dossier.json for the staged folder: the uploaded one, with "documents" added in
// upload order (one document per file) when it lists none, so reading order is the
// order the clerk scanned in, not file-name order.
std::string staged_dossier_json(const CheckedUpload& upload);

} // namespace sohoa::service
