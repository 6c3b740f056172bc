#pragma once
// One SANE session, in the scanner driver process (`sohoa scan-driver`): SANE is
// initialized and the device opened in the constructor; the scan is cancelled, the
// device closed and SANE exited in the destructor. Only this file's .cpp sees SANE.
#include "sohoa/scanner/sane_scanner.hpp"

namespace sohoa::scan {

class SaneSession {
public:
  explicit SaneSession(const ScanSettings& settings);
  ~SaneSession();
  SaneSession(const SaneSession&) = delete;
  SaneSession& operator=(const SaneSession&) = delete;

  // The next page's pixels (BGR or grey), or nullopt when the feeder is empty (ADF)
  // or the one flatbed page was taken. Throws sohoa::Error(Stage::ingest) with the
  // codes listed at Scanner; the scan is cancelled by the destructor, not here, so
  // the error can be reported before a backend that hangs in sane_cancel is asked
  // to stop.
  std::optional<cv::Mat> next_page();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace sohoa::scan
