#pragma once
// Where a counter dossier's time goes: one span per stage of each page and
// document (ingest, cleanup, OSD, recognition, encoding, record, PDF), with its
// wall-clock interval from the dossier's start and the CPU time its thread spent.
// On a busy machine wall time says little; CPU time shows what each stage costs.
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct StageSpan {
  std::string stage;    // "ingest", "clean", "osd", "recognize", "encode", "document", ...
  std::string document; // document id; empty for the dossier as a whole
  int page = 0;         // page of the document, from 1; 0 for a whole document
  double start_ms = 0;  // from the dossier's start
  double end_ms = 0;
  double cpu_ms = 0; // CPU time of the thread that ran it
};
void to_json(nlohmann::json& out, const StageSpan& span);

// The spans of one dossier, recorded from any thread.
class SpanRecorder {
public:
  SpanRecorder() : m_origin(std::chrono::steady_clock::now()) {}

  // Measures one span from construction to destruction (or to stop()).
  class Scope {
  public:
    Scope(SpanRecorder& recorder, std::string stage, std::string document, int page);
    ~Scope() { stop(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    void stop();

  private:
    SpanRecorder* m_recorder;
    StageSpan m_span;
    double m_cpu_start = 0;
  };

  // Milliseconds since the recorder was made (the dossier's start).
  double now_ms() const;
  // Adds a span measured elsewhere.
  void add(StageSpan span);
  // The spans so far, ordered by start.
  std::vector<StageSpan> spans() const;

private:
  std::chrono::steady_clock::time_point m_origin;
  mutable std::mutex m_mutex;
  std::vector<StageSpan> m_spans;
};

// CPU time the calling thread has used, in milliseconds.
double thread_cpu_ms();

} // namespace sohoa::pipeline
