#pragma once
// `sohoa watch IN --out OUT`: a hot folder. A dossier folder dropped into IN is
// taken when complete (it holds a file named READY, or nothing in it changed for
// 5 s), digitized into OUT as `run` would, and moved to IN/done/ once its manifest
// is written. A restart redoes a dossier cut off mid-way and skips one whose
// manifest is complete (it is only moved), so nothing is lost or written twice.
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include <chrono>

namespace sohoa::pipeline {

inline constexpr const char* k_ready_marker = "READY";
inline constexpr std::chrono::seconds k_settle_time{5};

// config.inputs holds IN alone. Watches until SIGINT or SIGTERM (the dossier in
// progress is finished first) and returns 0; 2 when IN cannot be watched, 3 when
// a configured signer or TSA cannot be used (watching stops: nothing unsigned).
int run_watch(const RunConfig& config, Logger& log);

} // namespace sohoa::pipeline
