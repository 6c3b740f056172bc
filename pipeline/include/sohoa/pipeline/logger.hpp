#pragma once
// What a run tells its user on stderr: errors and warnings always (unless quiet
// silences warnings), a progress line on a terminal, JSON lines with --log-json.
#include "sohoa/pipeline/run_config.hpp"
#include <mutex>
#include <ostream>
#include <string>

namespace sohoa::pipeline {

class Logger {
public:
  Logger(std::ostream& err, OutputOptions options) : m_err(err), m_options(options) {}

  void error(const std::string& where, const std::string& code, const std::string& message);
  void warning(const std::string& where, const std::string& message);
  void info(const std::string& message);
  // Overwrites one terminal line; a no-op when not on a terminal.
  void progress(int pages_done, int pages_total, int documents_done, int documents_total);
  void finish_progress();

private:
  void clear_progress_locked();
  void event_locked(const std::string& level, const std::string& where, const std::string& code,
                    const std::string& message);

  std::ostream& m_err;
  OutputOptions m_options;
  std::mutex m_mutex;
  bool m_progress_shown = false;
};

} // namespace sohoa::pipeline
