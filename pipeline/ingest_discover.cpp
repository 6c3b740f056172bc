// discover_inputs: which dossiers and documents INPUT holds (CONTRACT.md section 1).
// The decisions are listed next to discover_inputs in ingest.hpp.
#include "sohoa/core/error.hpp"
#include "sohoa/core/name_text.hpp"
#include "decode_dossier_json.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace sohoa::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_max_id_bytes = 200;
constexpr const char* k_dossier_json = "dossier.json";

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

// Not documents: hidden files (.DS_Store, editor swap files), Windows' thumbnail and
// folder settings, and the dossier description itself.
bool is_ignored_name(const std::string& name) {
  if (name.empty() || name[0] == '.') {
    return true;
  }
  const std::string lower = lower_ascii(name);
  return lower == "thumbs.db" || lower == "desktop.ini" || lower == k_dossier_json;
}

struct Entry {
  std::string name;
  fs::path path; // absolute, normalized
  bool is_folder = false;
  std::string refused; // why it is not read (a link leading outside the input root)
};

// True when `path` is `root` or below it (both canonical).
bool is_within(const fs::path& path, const fs::path& root) {
  const fs::path inside = path.lexically_relative(root);
  return !inside.empty() && *inside.begin() != "..";
}

// Why a symbolic link may not be followed, or "" when it may: a link into the input
// root is fine (a page shared by two dossiers); one leading out of it would digitize
// and hash a file elsewhere on the machine. A dangling link is left to fail on reading.
std::string link_refusal(const fs::directory_entry& entry, const fs::path& root) {
  std::error_code ec;
  if (root.empty() || !entry.is_symlink(ec)) {
    return {};
  }
  const fs::path target = fs::canonical(entry.path(), ec);
  if (ec || is_within(target, root)) {
    return {};
  }
  return "refused: it is a link leading outside the input folder " +
         escape_invalid_utf8(root.string()) + " (to " + escape_invalid_utf8(target.string()) + ")";
}

fs::path absolute_normal(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) {
    absolute = path;
  }
  absolute = absolute.lexically_normal();
  if (!absolute.has_filename() && absolute.has_parent_path() && absolute != absolute.root_path()) {
    absolute = absolute.parent_path(); // "dir/" -> "dir"
  }
  return absolute;
}

// `root`: the canonical INPUT folder links must stay in (empty: no check).
std::vector<Entry> list_folder(const fs::path& folder, const fs::path& root) {
  std::vector<Entry> entries;
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    throw Error(Stage::config, "unreadable_input",
                "cannot list the folder " + escape_invalid_utf8(folder.string()) + ": " +
                    ec.message());
  }
  for (const fs::directory_entry& entry : it) {
    std::string name = entry.path().filename().string();
    if (is_ignored_name(name)) {
      continue;
    }
    std::error_code type_ec;
    std::string refused = link_refusal(entry, root);
    const bool folder_entry = refused.empty() && entry.is_directory(type_ec); // follows links
    entries.push_back(
        {std::move(name), absolute_normal(entry.path()), folder_entry, std::move(refused)});
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return natural_less(a.name, b.name); });
  return entries;
}

std::string folder_name(const fs::path& folder) {
  return folder.filename().string();
}

// Adds "-2", "-3", ... until `id` is not in `used`; records it.
std::string make_unique(std::string id, std::set<std::string>& used) {
  if (used.insert(id).second) {
    return id;
  }
  for (int n = 2;; ++n) {
    std::string candidate = id + "-" + std::to_string(n);
    if (used.insert(candidate).second) {
      return candidate;
    }
  }
}

std::string id_or(std::string_view raw, const char* fallback) {
  std::string id = sanitize_id(raw);
  return id.empty() ? std::string(fallback) : id;
}

bool has_control_char(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// A dossier.json file name -> the file inside `folder`, or the reason it is refused.
// Refuses absolute paths, anything that leaves the folder after normalization, and
// symlinks resolving outside it: dossier.json is untrusted input.
std::optional<fs::path> resolve_inside(const fs::path& folder, const std::string& name,
                                       std::string& reason) {
  if (has_control_char(name)) {
    reason = "the file name holds control characters";
    return std::nullopt;
  }
  const fs::path relative(name);
  if (relative.has_root_path()) {
    reason = "absolute paths are not allowed; name a file inside the dossier folder";
    return std::nullopt;
  }
  const fs::path normal = relative.lexically_normal();
  if (normal.empty() || normal == "." || *normal.begin() == "..") {
    reason = "the path leaves the dossier folder";
    return std::nullopt;
  }
  const fs::path full = folder / normal;
  std::error_code ec;
  if (fs::exists(full, ec)) {
    const fs::path real_folder = fs::canonical(folder, ec);
    const fs::path real_file = ec ? fs::path() : fs::canonical(full, ec);
    const fs::path inside = real_file.lexically_relative(real_folder);
    if (ec || inside.empty() || *inside.begin() == "..") {
      reason = "the path resolves (through a link) outside the dossier folder";
      return std::nullopt;
    }
  }
  return full;
}

std::optional<std::string> read_small_file(const fs::path& file, std::size_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string text;
  text.resize(limit + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    return std::nullopt;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// One dossier folder: dossier.json's documents first, then every other file.
DossierInput read_dossier_folder(const fs::path& folder, const fs::path& root) {
  DossierInput dossier;
  dossier.folder = folder;
  const std::vector<Entry> entries = list_folder(folder, root);

  DossierSpec spec;
  const fs::path json_path = folder / k_dossier_json;
  std::error_code ec;
  if (fs::is_regular_file(json_path, ec)) {
    if (auto text = read_small_file(json_path, k_max_dossier_json_bytes)) {
      spec = parse_dossier_json(*text);
    } else {
      spec.malformed = true;
      spec.problems.push_back("dossier.json cannot be read");
    }
  }
  for (const std::string& problem : spec.problems) {
    dossier.document_errors.emplace_back("", "dossier.json: " + problem);
  }
  if (spec.malformed) {
    // Digitizing without the dossier code and grouping would file the documents
    // under the wrong id: the dossier fails until dossier.json is fixed. The listing
    // below (one document per file) still shows what the folder holds.
    dossier.failure = DossierInput::Failure{"invalid_dossier_json", spec.problems.front(),
                                            escape_invalid_utf8(json_path.string())};
    spec = DossierSpec{};
  }
  dossier.metadata = spec.metadata;
  dossier.id = spec.has_dossier_code ? id_or(spec.metadata.dossier_code, "dossier")
                                     : id_or(folder_name(folder), "dossier");

  // "manifest" would overwrite manifest.json next to the documents' records.
  std::set<std::string> used_ids{"manifest"};
  std::set<fs::path> used_files;
  for (std::size_t i = 0; i < spec.documents.size(); ++i) {
    const DocumentSpec& doc_spec = spec.documents[i];
    std::string raw_id = doc_spec.id;
    if (raw_id.empty() && !doc_spec.files.empty()) {
      raw_id = fs::path(doc_spec.files.front()).stem().string();
    }
    if (raw_id.empty()) {
      dossier.document_errors.emplace_back("", "dossier.json: documents[" + std::to_string(i) +
                                                   "] has no id and no files; ignored");
      continue;
    }
    DocumentInput doc;
    doc.id = make_unique(id_or(raw_id, "document"), used_ids);
    doc.doc_type = doc_spec.doc_type;
    if (doc_spec.files.empty()) {
      dossier.document_errors.emplace_back(doc.id, "dossier.json lists no files for it");
    }
    for (const std::string& name : doc_spec.files) {
      std::string reason;
      const std::optional<fs::path> file = resolve_inside(folder, name, reason);
      if (!file) {
        dossier.document_errors.emplace_back(doc.id, "file \"" + name + "\" refused: " + reason);
        continue;
      }
      std::error_code status_ec;
      const fs::file_status status = fs::status(*file, status_ec);
      if (!fs::exists(status)) {
        dossier.document_errors.emplace_back(doc.id, "listed file \"" + name + "\" does not exist");
        continue;
      }
      if (fs::is_directory(status)) {
        dossier.document_errors.emplace_back(doc.id, "\"" + name + "\" is a folder, not a file");
        continue;
      }
      doc.files.push_back(*file);
      used_files.insert(*file);
    }
    dossier.documents.push_back(std::move(doc));
  }

  // Files dossier.json does not list are documents of their own, after the listed
  // ones: a scan left out of dossier.json is still digitized, never dropped.
  for (const Entry& entry : entries) {
    if (used_files.count(entry.path) != 0) {
      continue;
    }
    DocumentInput doc;
    doc.id = make_unique(id_or(fs::path(entry.name).stem().string(), "document"), used_ids);
    if (!entry.refused.empty()) {
      dossier.document_errors.emplace_back(doc.id, "\"" + escape_invalid_utf8(entry.name) + "\" " +
                                                       entry.refused);
    } else if (entry.is_folder) {
      dossier.document_errors.emplace_back(doc.id,
                                           "\"" + escape_invalid_utf8(entry.name) +
                                               "\" is a folder: a dossier folder holds files only");
    } else {
      doc.files.push_back(entry.path);
    }
    dossier.documents.push_back(std::move(doc));
  }
  if (dossier.documents.empty()) {
    dossier.document_errors.emplace_back("", "the dossier folder holds no document files");
  }
  return dossier;
}

DossierInput single_file_dossier(const fs::path& file) {
  DossierInput dossier;
  dossier.folder = file.parent_path();
  dossier.id = id_or(file.stem().string(), "document");
  DocumentInput doc;
  doc.id = dossier.id == "manifest" ? "manifest-2" : dossier.id;
  doc.files.push_back(file);
  dossier.documents.push_back(std::move(doc));
  return dossier;
}

// A link in a batch folder leading outside the input: a dossier that fails, named.
DossierInput refused_dossier(const Entry& entry) {
  DossierInput dossier;
  dossier.folder = entry.path;
  dossier.id = id_or(entry.name, "dossier");
  dossier.failure = DossierInput::Failure{
      "link_outside_input", "\"" + escape_invalid_utf8(entry.name) + "\" " + entry.refused,
      escape_invalid_utf8(entry.path.string())};
  return dossier;
}

bool has_sub_folder(const std::vector<Entry>& entries) {
  return std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return e.is_folder; });
}

} // namespace

std::string sanitize_id(std::string_view name) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      const bool bad = c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' ||
                       c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
      out += bad ? '_' : static_cast<char>(c);
      ++i;
      continue;
    }
    // A byte outside well-formed UTF-8 is kept visible as "%XX" (escape_invalid_utf8):
    // the id stays the same on every run and names differing in such bytes differ.
    const std::size_t length = utf8_sequence_length(name, i);
    if (length == 0) {
      out += escape_invalid_utf8(name.substr(i, 1));
      ++i;
      continue;
    }
    const bool c1_control =
        length == 2 && c == 0xC2 && static_cast<unsigned char>(name[i + 1]) <= 0x9F;
    if (c1_control) {
      out += '_';
    } else {
      out.append(name.substr(i, length));
    }
    i += length;
  }
  // Trim blanks; a leading dot would hide the file (and "." / ".." are no names).
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) {
    return {};
  }
  out = out.substr(first, out.find_last_not_of(' ') - first + 1);
  if (out[0] == '.') {
    out[0] = '_';
  }
  if (out.size() > k_max_id_bytes) {
    std::size_t cut = k_max_id_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
      --cut; // do not split a character
    }
    out.resize(cut);
  }
  return out;
}

bool natural_less(std::string_view a, std::string_view b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ai = i;
      std::size_t bj = j;
      while (ai < a.size() && a[ai] == '0') {
        ++ai;
      }
      while (bj < b.size() && b[bj] == '0') {
        ++bj;
      }
      std::size_t ae = ai;
      std::size_t be = bj;
      while (ae < a.size() && digit(a[ae])) {
        ++ae;
      }
      while (be < b.size() && digit(b[be])) {
        ++be;
      }
      // More significant digits is the larger number; then digit by digit.
      if (ae - ai != be - bj) {
        return ae - ai < be - bj;
      }
      const int cmp = a.substr(ai, ae - ai).compare(b.substr(bj, be - bj));
      if (cmp != 0) {
        return cmp < 0;
      }
      i = ae;
      j = be;
      continue;
    }
    const auto ca = static_cast<unsigned char>(a[i]);
    const auto cb = static_cast<unsigned char>(b[j]);
    if (ca != cb) {
      return ca < cb;
    }
    ++i;
    ++j;
  }
  if ((i < a.size()) != (j < b.size())) {
    return i >= a.size(); // a is a prefix of b (in the natural sense)
  }
  return a < b; // equal up to leading zeros: byte order keeps the order total
}

bool is_accepted_extension(const fs::path& file) {
  const std::string ext = lower_ascii(file.extension().string());
  return ext == ".tif" || ext == ".tiff" || ext == ".png" || ext == ".jpg" || ext == ".jpeg" ||
         ext == ".pdf";
}

std::string source_name_bytes(const DossierInput& dossier, const fs::path& file) {
  const fs::path relative = file.lexically_relative(dossier.folder);
  if (relative.empty() || *relative.begin() == "..") {
    return file.filename().string();
  }
  return relative.generic_string();
}

std::string source_name(const DossierInput& dossier, const fs::path& file) {
  return escape_invalid_utf8(source_name_bytes(dossier, file));
}

std::vector<DossierInput> discover_inputs(const std::vector<fs::path>& inputs) {
  if (inputs.empty()) {
    throw Error(Stage::config, "no_input", "no INPUT given");
  }
  std::vector<DossierInput> dossiers;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (!fs::exists(status)) {
      throw Error(Stage::config, "input_not_found",
                  "INPUT does not exist: " + escape_invalid_utf8(input.string()));
    }
    const fs::path path = absolute_normal(input);
    if (!fs::is_directory(status)) {
      dossiers.push_back(single_file_dossier(path));
      continue;
    }
    // Links inside INPUT may not lead out of it (the folder named itself may be a link).
    const fs::path root = fs::canonical(path, ec);
    const std::vector<Entry> entries = list_folder(path, root);
    if (!has_sub_folder(entries)) {
      dossiers.push_back(read_dossier_folder(path, root));
      continue;
    }
    // A batch folder. Stray files beside the dossier folders are dossiers of their own.
    for (const Entry& entry : entries) {
      if (!entry.refused.empty()) {
        dossiers.push_back(refused_dossier(entry));
      } else {
        dossiers.push_back(entry.is_folder ? read_dossier_folder(entry.path, root)
                                           : single_file_dossier(entry.path));
      }
    }
  }
  // Output folders are OUT/<dossier id>: ids must differ, and not name the report.
  std::set<std::string> used_ids{"batch-report.json"};
  std::size_t documents = 0;
  for (DossierInput& dossier : dossiers) {
    dossier.id = make_unique(dossier.id, used_ids);
    documents += dossier.documents.size();
  }
  if (documents == 0) {
    std::ostringstream names;
    for (const fs::path& input : inputs) {
      names << (names.tellp() > 0 ? ", " : "") << escape_invalid_utf8(input.string());
    }
    throw Error(Stage::config, "no_documents", "INPUT holds no document files: " + names.str());
  }
  return dossiers;
}

} // namespace sohoa::pipeline
