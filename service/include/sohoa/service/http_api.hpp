#pragma once
// `sohoa serve`: the HTTP API of CONTRACT.md section 6 over a CounterService,
// the review page, and the guards in front of them (token off loopback, CSRF on
// state changes from a browser, request size limits).
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/service/serve_config.hpp"
#include <functional>

namespace sohoa::service {

// Serves until SIGINT or SIGTERM; returns the exit code (0 after a signal, 2 when
// the configuration is refused or the address cannot be bound, 3 when the signer
// cannot be used). Prints "sohoa: serving on http://HOST:PORT/" on stderr once
// listening (PORT is the one bound when config.port is 0).
int run_server(const ServeConfig& config, pipeline::Logger& log);

} // namespace sohoa::service
