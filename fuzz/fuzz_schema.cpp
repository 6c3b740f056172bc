// libFuzzer target: the schema loader's reading of one type schema (its x- keywords)
// from any JSON text. A parse error or sohoa::Error is a correct answer.
#include "sohoa/core/error.hpp"
#include "forms/catalog.hpp"
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto schema = nlohmann::json::parse(data, data + size, nullptr, false);
  if (schema.is_discarded()) {
    return 0;
  }
  try {
    (void)sohoa::forms::parse_form_type(schema, "fuzz.schema.json");
  } catch (const sohoa::Error&) {
  }
  return 0;
}
