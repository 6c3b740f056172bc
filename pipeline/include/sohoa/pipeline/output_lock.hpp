#pragma once
// One writer per report file: processes sharing OUT (shards, queue workers, a
// second `run` started by mistake) each hold an exclusive flock(2) on the lock file
// of the report they write, so two of them can never overwrite each other's rows.
// The kernel drops the lock when the process dies, so a killed run never leaves
// OUT locked.
#include <filesystem>
#include <string>

namespace sohoa::pipeline {

class OutputLock {
public:
  // Locks OUT/.<name>.lock without waiting. Throws sohoa::Error(Stage::config,
  // "output_in_use") when another process holds it, Error(Stage::output) when the
  // lock file cannot be created.
  OutputLock(const std::filesystem::path& out, const std::string& name);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

private:
  int m_fd = -1;
};

} // namespace sohoa::pipeline
