// libFuzzer target: the ALTO reader (reprocess reads the stored words back).
#include "sohoa/core/error.hpp"
#include "sohoa/ocr/alto.hpp"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)sohoa::ocr::from_alto(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const sohoa::Error&) {
  }
  return 0;
}
