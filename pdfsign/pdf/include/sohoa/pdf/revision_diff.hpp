#pragma once
// What the revisions after a signature changed, and the DSS a file carries, as
// values for verify. PoDoFo parses, never loads the document as a whole (Load
// would stamp /ModDate, trap 2).
#include <string>
#include <vector>

namespace sohoa::pdf {

struct LaterChanges {
  // Bytes after the last %%EOF that are not blank: no revision holds them, so no
  // signature covers them (pdfsig: "not wholly signed"). When non-zero nothing
  // else is looked at.
  long long unsigned_trailing_bytes = 0;
  bool readable = true;    // the file parsed at both revision ends
  std::string parse_error; // why not
  // Objects the later revisions added or changed beyond what PAdES allows (DSS,
  // document time-stamps, further signatures), as "12 0 R /Page /Contents".
  std::vector<std::string> forbidden;
  bool signed_again = false; // a further signature or document time-stamp
  bool dss_added = false;
};

// covered_end: where the signature's revision ends.
LaterChanges diff_later_revisions(const std::string& bytes, long long covered_end);

// The /DSS /Certs, /CRLs and /OCSPs streams of the whole file, DER, decoded,
// and the keys of its /VRI entries.
struct DssContents {
  bool found = false;
  std::vector<std::string> certs;
  std::vector<std::string> crls;
  std::vector<std::string> ocsps;
  std::vector<std::string> vri_keys; // upper-case hex SHA-1 of a signature's /Contents
};
DssContents read_dss(const std::string& bytes);

} // namespace sohoa::pdf
