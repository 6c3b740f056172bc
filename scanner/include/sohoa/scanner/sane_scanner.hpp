#pragma once
// Pages from a SANE scanner (libsane). Only scanner/ sees SANE's headers.
#include "sohoa/core/page.hpp"
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sohoa::scan {

enum class Source { adf, flatbed };

struct ScanSettings {
  std::string device; // SANE device name, e.g. "test" or "genesys:libusb:001:004"
  Source source = Source::adf;
  int dpi = 300;
  bool colour = true;                                             // Color, else Gray
  std::vector<std::pair<std::string, std::string>> extra_options; // backend options by name
};

// One scanner, opened for one dossier: SANE is initialized and the device opened in
// the constructor, both released in the destructor. Throws sohoa::Error(Stage::ingest)
// with codes scanner_unavailable, scanner_option, scanner_jammed, scanner_cover_open,
// scanner_error: messages say plainly what to do.
class Scanner {
public:
  explicit Scanner(const ScanSettings& settings);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // The next page, or nullopt when the feeder is empty (ADF) or the one flatbed
  // page was taken.
  std::optional<RasterPage> next_page();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace sohoa::scan
