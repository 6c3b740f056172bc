#pragma once
// Signatures and revisions found in a PDF's raw bytes, without a full parse, so
// damaged or tampered files can still be reported on.
#include <string>
#include <vector>

namespace sohoa::pdf {

// A signature dictionary as found in the raw bytes.
struct RawSignature {
  long long range[4] = {0, 0, 0, 0};
  std::string contents;   // the DER (hex decoded, padding kept)
  std::string dictionary; // the dictionary text without /Contents
  std::string sub_filter;
  std::string type;         // "Sig" or "DocTimeStamp"
  std::string claimed_time; // /M as written
  bool layout_ok = false;   // /Contents sits exactly in the range gap
};

// Every signature dictionary with a /ByteRange, in file order.
std::vector<RawSignature> find_signatures(const std::string& bytes);
// Offsets just past each %%EOF (with its end-of-line): the revision ends.
std::vector<long long> revision_ends(const std::string& bytes);

} // namespace sohoa::pdf
