// libFuzzer target: verify's raw-byte scanner (signature dictionaries, /ByteRange,
// revisions, PDF/A markers), which must hold on damaged and tampered files.
#include "sohoa/pdf/signature_scan.hpp"
#include "sohoa/sign/verify_model.hpp"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)sohoa::pdf::find_signatures(bytes);
  (void)sohoa::pdf::revision_ends(bytes);
  (void)sohoa::sign::pdfa_markers(bytes);
  return 0;
}
