#pragma once
// Whether an earlier run's output of a dossier can be kept (CONTRACT.md section 2:
// a complete dossier is skipped on the next run). Its manifest alone is not trusted:
// - the manifest must say complete (no output left unwritten, manifest.hpp);
// - it must list the same documents, in order, as the dossier holds now;
// - every input file listed must be the file now found under that name (size and
//   SHA-256), and no document may have gained or lost a file;
// - every output listed must exist with its size and SHA-256.
// Short cut: a file whose size and modification time (nanoseconds, recorded as
// "mtime_ns" beside its hash) are those recorded is taken as unchanged without
// being read again, so resuming a large batch does not re-read every scan. Any
// difference in either means it is hashed and compared. A replacement that keeps
// both the size and the mtime (cp -p of a same-size file, touch -r) is not seen:
// `--force` redoes everything.
#include "sohoa/pipeline/document.hpp"
#include "sohoa/pipeline/manifest_model.hpp"
#include <filesystem>
#include <optional>
#include <string>

namespace sohoa::pipeline {

struct ResumeCheck {
  std::optional<Manifest> manifest; // set when the earlier output is kept
  std::string redo_reason;          // why not; empty when there was no manifest
};

ResumeCheck check_resume(const std::filesystem::path& dossier_out, const DossierInput& dossier);

// A file's name, size, SHA-256 and mtime. Throws std::exception when unreadable.
FileDigest digest_file(const std::filesystem::path& file, std::string name);

// Modification time in nanoseconds since the epoch; 0 when it cannot be read.
long long mtime_ns(const std::filesystem::path& file);

} // namespace sohoa::pipeline
