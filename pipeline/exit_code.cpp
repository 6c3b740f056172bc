#include "exit_code.hpp"

namespace sohoa::pipeline {

int run_exit_code(const BatchOutcome& outcome) {
  if (outcome.signer_stopped) {
    return k_exit_signer;
  }
  if (outcome.any_failed || outcome.report_unwritten) {
    return k_exit_some_failed;
  }
  return k_exit_ok;
}

} // namespace sohoa::pipeline
