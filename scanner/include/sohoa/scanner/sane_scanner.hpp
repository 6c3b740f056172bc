#pragma once
// Pages from a SANE scanner (libsane). Only scanner/ sees SANE's headers.
//
// SANE runs in a process of its own, the scanner driver (`sohoa scan-driver`, this
// binary started again): a backend that hangs (some stop their reader thread with
// an asynchronous pthread_cancel, which can leave a lock held for ever) or crashes
// takes only that process with it, and the error it reported still reaches the
// person at the counter.
#include "sohoa/core/page.hpp"
#include <functional>
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

// One scanner, opened for one dossier: the constructor starts the driver process
// (which opens the device and scans), the destructor waits a few seconds for it to
// release the device and stops it past that. Throws sohoa::Error(Stage::ingest) with
// codes scanner_unavailable, scanner_option, scanner_jammed, scanner_cover_open,
// scanner_error: messages say plainly what to do. `warn` hears of a driver that had
// to be stopped.
class Scanner {
public:
  explicit Scanner(const ScanSettings& settings, std::function<void(const std::string&)> warn = {});
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

// The driver process's work: scans with `settings` and sends each page, the first
// error or the end to `fd` (scanner/driver_protocol.hpp). Returns its exit code.
int run_scan_driver(const ScanSettings& settings, int fd);

// ScanSettings as the one argument of `sohoa scan-driver`, and back.
std::string settings_to_json(const ScanSettings& settings);
ScanSettings settings_from_json(const std::string& json);

} // namespace sohoa::scan
