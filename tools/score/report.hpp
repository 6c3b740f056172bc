#pragma once
// The scorer's outputs: a table for people, JSON for tests and the benchmark.
#include <ostream>

#include <nlohmann/json.hpp>

#include "tools/score/scoring.hpp"

namespace sohoa::score {

void print_table(const Report& report, std::ostream& out);
nlohmann::ordered_json to_json(const Report& report);

} // namespace sohoa::score
