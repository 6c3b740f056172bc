#include "sohoa/pipeline/warm_pipeline_spans.hpp"
#include <algorithm>
#include <cmath>
#include <ctime>

namespace sohoa::pipeline {

namespace {

double rounded(double ms) {
  return std::round(ms * 10.0) / 10.0;
}

} // namespace

double thread_cpu_ms() {
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
    return 0;
  }
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void to_json(nlohmann::json& out, const StageSpan& span) {
  out = {{"stage", span.stage},
         {"start_ms", rounded(span.start_ms)},
         {"end_ms", rounded(span.end_ms)},
         {"cpu_ms", rounded(span.cpu_ms)}};
  if (!span.document.empty()) {
    out["document"] = span.document;
  }
  if (span.page > 0) {
    out["page"] = span.page;
  }
}

SpanRecorder::Scope::Scope(SpanRecorder& recorder, std::string stage, std::string document,
                           int page)
    : m_recorder(&recorder), m_cpu_start(thread_cpu_ms()) {
  m_span.stage = std::move(stage);
  m_span.document = std::move(document);
  m_span.page = page;
  m_span.start_ms = recorder.now_ms();
}

void SpanRecorder::Scope::stop() {
  if (m_recorder == nullptr) {
    return;
  }
  m_span.end_ms = m_recorder->now_ms();
  m_span.cpu_ms = thread_cpu_ms() - m_cpu_start;
  m_recorder->add(std::move(m_span));
  m_recorder = nullptr;
}

double SpanRecorder::now_ms() const {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_origin)
      .count();
}

void SpanRecorder::add(StageSpan span) {
  std::lock_guard lock(m_mutex);
  m_spans.push_back(std::move(span));
}

std::vector<StageSpan> SpanRecorder::spans() const {
  std::vector<StageSpan> out;
  {
    std::lock_guard lock(m_mutex);
    out = m_spans;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const StageSpan& a, const StageSpan& b) { return a.start_ms < b.start_ms; });
  return out;
}

} // namespace sohoa::pipeline
