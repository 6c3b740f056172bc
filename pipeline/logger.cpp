#include "sohoa/pipeline/logger.hpp"
#include <nlohmann/json.hpp>

namespace sohoa::pipeline {

void Logger::clear_progress_locked() {
  if (m_progress_shown) {
    m_err << "\r\033[K";
    m_progress_shown = false;
  }
}

void Logger::event_locked(const std::string& level, const std::string& where,
                          const std::string& code, const std::string& message) {
  if (m_options.log_json) {
    nlohmann::json j = {{"level", level}, {"message", message}};
    if (!where.empty()) {
      j["file"] = where;
    }
    if (!code.empty()) {
      j["code"] = code;
    }
    m_err << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }
  clear_progress_locked();
  m_err << "sohoa: " << level << ": ";
  if (!where.empty()) {
    m_err << where << ": ";
  }
  m_err << message << '\n';
}

void Logger::error(const std::string& where, const std::string& code, const std::string& message) {
  std::lock_guard lock(m_mutex);
  event_locked("error", where, code, message);
}

void Logger::warning(const std::string& where, const std::string& message) {
  std::lock_guard lock(m_mutex);
  if (!m_options.quiet) {
    event_locked("warning", where, "", message);
  }
}

void Logger::info(const std::string& message) {
  std::lock_guard lock(m_mutex);
  if (!m_options.quiet) {
    event_locked("info", "", "", message);
  }
}

void Logger::progress(int pages_done, int pages_total, int documents_done, int documents_total) {
  std::lock_guard lock(m_mutex);
  if (!m_options.progress || m_options.quiet || m_options.log_json) {
    return;
  }
  m_err << "\r\033[Ksohoa: " << pages_done << "/" << pages_total << " pages, " << documents_done
        << "/" << documents_total << " documents" << std::flush;
  m_progress_shown = true;
}

void Logger::finish_progress() {
  std::lock_guard lock(m_mutex);
  clear_progress_locked();
}

} // namespace sohoa::pipeline
