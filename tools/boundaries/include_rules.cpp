#include "tools/boundaries/include_rules.hpp"
#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace sohoa::boundaries {
namespace fs = std::filesystem;

namespace {

// A stage: its folder and the stages whose public headers it may include
// (the link graph of the CMakeLists, dependencies one way).
struct StageRule {
  std::string name;   // as in sohoa/<name>/
  std::string folder; // relative to the source root
  std::set<std::string> may_include;
};

const std::vector<StageRule>& stage_rules() {
  static const std::vector<StageRule> rules = {
      {"core", "core", {"core"}},
      {"imaging", "imaging", {"core", "imaging"}},
      {"ocr", "ocr", {"core", "ocr"}},
      {"forms", "forms", {"core", "forms"}},
      {"pdf", "pdfsign/pdf", {"core", "pdf"}},
      {"sign", "pdfsign/sign", {"core", "pdf", "sign"}},
      {"pipeline", "pipeline", {"core", "imaging", "ocr", "forms", "pdf", "sign", "pipeline"}},
      {"service", "service", {"core", "forms", "pdf", "sign", "pipeline", "service"}},
      {"scanner", "scanner", {"core", "pipeline", "scanner"}},
      {"queue", "queue", {"core", "pipeline", "queue"}},
      {"archive", "archive", {"core", "archive"}},
      {"cli",
       "cli",
       {"core", "imaging", "ocr", "forms", "pdf", "sign", "pipeline", "service", "scanner", "queue",
        "archive"}},
  };
  return rules;
}

// A third-party library: how its headers are spelled and the only places that see it.
struct LibraryRule {
  std::string library;
  std::vector<std::string> header_prefixes; // "podofo/" matches <podofo/podofo.h>
  std::vector<std::string> allowed;         // path prefixes relative to the source root
};

const std::vector<LibraryRule>& library_rules() {
  static const std::vector<LibraryRule> rules = {
      {"Tesseract", {"tesseract/"}, {"ocr/"}},
      {"Leptonica", {"leptonica/", "allheaders.h"}, {"ocr/"}},
      {"PoDoFo", {"podofo/"}, {"pdfsign/pdf/"}},
      {"OpenSSL", {"openssl/"}, {"pdfsign/sign/", "core/hash.cpp"}},
      {"libtiff",
       {"tiffio.h", "tiff.h", "tiffio.hxx"},
       {"pipeline/decode_", "pdfsign/pdf/image_encode", "pdfsign/pdf/mrc_"}},
      {"libjpeg", {"jpeglib.h"}, {"pipeline/decode_"}},
      {"libcurl", {"curl/"}, {"pdfsign/sign/"}},
      {"cpp-httplib", {"httplib.h"}, {"service/"}},
      {"SANE", {"sane/"}, {"scanner/"}},
      {"hiredis", {"hiredis/"}, {"queue/"}},
      {"libpqxx", {"pqxx/"}, {"queue/"}},
      {"libxml2",
       {"libxml/"},
       {"ocr/", "archive/", "pdfsign/pdf/", "core/include/sohoa/core/libxml_handles.hpp"}},
      {"valijson", {"valijson/"}, {"forms/"}},
      {"ICU", {"unicode/"}, {"ocr/", "forms/", "core/name_text.cpp"}},
      {"Boost.Program_options", {"boost/program_options"}, {"cli/"}},
  };
  return rules;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

const StageRule* stage_of(const std::string& rel) {
  const StageRule* best = nullptr;
  for (const auto& rule : stage_rules()) {
    if (starts_with(rel, rule.folder + "/") &&
        (best == nullptr || rule.folder.size() > best->folder.size())) {
      best = &rule;
    }
  }
  return best;
}

// "sohoa/<name>/x.hpp" is <folder of stage name>/include/sohoa/<name>/x.hpp.
bool public_header_exists(const fs::path& root, const std::string& header) {
  const std::string name = header.substr(6, header.find('/', 6) - 6);
  for (const auto& rule : stage_rules()) {
    if (rule.name == name) {
      return fs::exists(root / rule.folder / "include" / header);
    }
  }
  return false;
}

bool is_source(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".in";
}

void check_file(const fs::path& root, const fs::path& file, std::vector<Violation>& out) {
  const std::string rel = fs::relative(file, root).generic_string();
  const StageRule* stage = stage_of(rel);
  if (stage == nullptr) {
    // pdfsign/ holds its two libraries and nothing else.
    if (starts_with(rel, "pdfsign/") && rel != "pdfsign/CMakeLists.txt") {
      out.push_back({rel, 0, "", "pdfsign/ holds only pdf/ and sign/"});
    }
    return;
  }
  static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch m;
    if (!std::regex_search(line, m, include_line)) {
      continue;
    }
    const std::string header = m[2].str();
    const bool angled = m[1].str() == "<";
    if (angled) {
      for (const auto& lib : library_rules()) {
        const bool names_it =
            std::any_of(lib.header_prefixes.begin(), lib.header_prefixes.end(),
                        [&](const std::string& p) { return starts_with(header, p); });
        const bool allowed = std::any_of(lib.allowed.begin(), lib.allowed.end(),
                                         [&](const std::string& p) { return starts_with(rel, p); });
        if (names_it && !allowed) {
          std::string where;
          for (const auto& p : lib.allowed) {
            where += (where.empty() ? "" : ", ") + p;
          }
          out.push_back(
              {rel, number, "<" + header + ">", lib.library + " is seen only in " + where});
        }
      }
      continue;
    }
    static const std::regex public_header(R"(^sohoa/([a-z_]+)/[^/]+$)");
    std::smatch pm;
    if (std::regex_match(header, pm, public_header)) {
      if (stage->may_include.count(pm[1].str()) == 0) {
        out.push_back({rel, number, "\"" + header + "\"",
                       stage->name + " does not depend on " + pm[1].str()});
      } else if (!public_header_exists(root, header)) {
        out.push_back(
            {rel, number, "\"" + header + "\"", "no such public header of " + pm[1].str()});
      }
      continue;
    }
    // Anything else must be a private header beside the including file (or a
    // public header of its own stage, by relative name).
    if (header.find('/') != std::string::npos || !fs::exists(file.parent_path() / header)) {
      out.push_back({rel, number, "\"" + header + "\"",
                     "a stage includes other stages through sohoa/<stage>/ and its own "
                     "private headers by name"});
    }
  }
}

} // namespace

std::vector<Violation> check_tree(const fs::path& source_root) {
  std::vector<fs::path> files;
  for (const char* top : {"core", "imaging", "ocr", "forms", "pdfsign", "pipeline", "service",
                          "scanner", "queue", "archive", "cli"}) {
    const fs::path dir = source_root / top;
    if (!fs::is_directory(dir)) {
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && is_source(entry.path())) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Violation> out;
  for (const auto& file : files) {
    check_file(source_root, file, out);
  }
  return out;
}

std::string describe(const Violation& v) {
  std::ostringstream os;
  os << v.file.generic_string();
  if (v.line > 0) {
    os << ':' << v.line;
  }
  if (!v.include.empty()) {
    os << ": #include " << v.include;
  }
  os << ": " << v.rule;
  return os.str();
}

} // namespace sohoa::boundaries
