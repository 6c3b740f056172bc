#include "sane_session.hpp"
#include "sohoa/core/error.hpp"
#include <cstring>
#include <opencv2/imgproc.hpp>
#include <sane/sane.h>
#include <sane/saneopts.h>

namespace sohoa::scan {

namespace {

// sane_init / sane_exit for the lifetime of a session.
class SaneLibrary {
public:
  SaneLibrary() {
    SANE_Int version = 0;
    if (sane_init(&version, nullptr) != SANE_STATUS_GOOD) {
      throw Error(Stage::ingest, "scanner_unavailable", "SANE cannot be initialized");
    }
  }
  ~SaneLibrary() { sane_exit(); }
  SaneLibrary(const SaneLibrary&) = delete;
  SaneLibrary& operator=(const SaneLibrary&) = delete;
};

struct HandleCloser {
  void operator()(void* handle) const { sane_close(static_cast<SANE_Handle>(handle)); }
};
using DeviceHandle = std::unique_ptr<void, HandleCloser>;

[[noreturn]] void fail_status(SANE_Status status, const std::string& device, int page) {
  switch (status) {
  case SANE_STATUS_JAMMED:
    throw Error(Stage::ingest, "scanner_jammed",
                "paper jam in the scanner: clear it and scan the dossier again", device, page);
  case SANE_STATUS_COVER_OPEN:
    throw Error(Stage::ingest, "scanner_cover_open",
                "the scanner's cover is open: close it and scan again", device, page);
  case SANE_STATUS_DEVICE_BUSY:
    throw Error(Stage::ingest, "scanner_unavailable", "the scanner is busy with another program",
                device, page);
  default:
    throw Error(Stage::ingest, "scanner_error",
                std::string("the scanner reports: ") + sane_strstatus(status), device, page);
  }
}

} // namespace

struct SaneSession::Impl {
  SaneLibrary library;
  DeviceHandle handle;
  ScanSettings settings;
  int pages = 0;
  bool started = false; // sane_start was called: sane_cancel ends the session

  SANE_Handle h() const { return handle.get(); }

  // Sets an option by name from text: string options as given, numbers parsed,
  // booleans "yes"/"no". Inactive or unknown options are refused by name.
  void set_option(const std::string& name, const std::string& value) {
    for (SANE_Int i = 1;; ++i) {
      const SANE_Option_Descriptor* d = sane_get_option_descriptor(h(), i);
      if (d == nullptr) {
        throw Error(Stage::ingest, "scanner_option", "the scanner has no option '" + name + "'",
                    settings.device);
      }
      if (d->name == nullptr || name != d->name) {
        continue;
      }
      SANE_Status status = SANE_STATUS_GOOD;
      if (d->type == SANE_TYPE_STRING) {
        std::vector<char> text(
            std::max<std::size_t>(static_cast<std::size_t>(d->size), value.size() + 1));
        std::memcpy(text.data(), value.c_str(), value.size() + 1);
        status = sane_control_option(h(), i, SANE_ACTION_SET_VALUE, text.data(), nullptr);
      } else if (d->type == SANE_TYPE_INT || d->type == SANE_TYPE_BOOL) {
        SANE_Word word = d->type == SANE_TYPE_BOOL ? (value == "yes" || value == "1")
                                                   : static_cast<SANE_Word>(std::stol(value));
        status = sane_control_option(h(), i, SANE_ACTION_SET_VALUE, &word, nullptr);
      } else if (d->type == SANE_TYPE_FIXED) {
        SANE_Word word = SANE_FIX(std::stod(value));
        status = sane_control_option(h(), i, SANE_ACTION_SET_VALUE, &word, nullptr);
      } else {
        throw Error(Stage::ingest, "scanner_option", "option '" + name + "' takes no value",
                    settings.device);
      }
      if (status != SANE_STATUS_GOOD) {
        throw Error(Stage::ingest, "scanner_option",
                    "the scanner refuses " + name + "=" + value + ": " + sane_strstatus(status),
                    settings.device);
      }
      return;
    }
  }
};

SaneSession::SaneSession(const ScanSettings& settings) : m_impl(std::make_unique<Impl>()) {
  m_impl->settings = settings;
  SANE_Handle raw = nullptr;
  const SANE_Status status = sane_open(settings.device.c_str(), &raw);
  if (status != SANE_STATUS_GOOD) {
    throw Error(Stage::ingest, "scanner_unavailable",
                "cannot open scanner '" + settings.device + "': " + sane_strstatus(status) +
                    " (scanimage -L lists the scanners)",
                settings.device);
  }
  m_impl->handle.reset(raw);
  m_impl->set_option(SANE_NAME_SCAN_MODE, settings.colour ? "Color" : "Gray");
  m_impl->set_option(SANE_NAME_SCAN_RESOLUTION, std::to_string(settings.dpi));
  m_impl->set_option(SANE_NAME_SCAN_SOURCE,
                     settings.source == Source::adf ? "Automatic Document Feeder" : "Flatbed");
  for (const auto& [name, value] : settings.extra_options) {
    m_impl->set_option(name, value);
  }
}

SaneSession::~SaneSession() {
  if (m_impl->started) {
    sane_cancel(m_impl->h());
  }
}

std::optional<cv::Mat> SaneSession::next_page() {
  Impl& s = *m_impl;
  if (s.settings.source == Source::flatbed && s.pages == 1) {
    return std::nullopt;
  }
  const int page = s.pages + 1;
  s.started = true;
  SANE_Status status = sane_start(s.h());
  if (status == SANE_STATUS_NO_DOCS) {
    return std::nullopt;
  }
  if (status != SANE_STATUS_GOOD) {
    fail_status(status, s.settings.device, page);
  }
  SANE_Parameters p{};
  if (sane_get_parameters(s.h(), &p) != SANE_STATUS_GOOD || p.depth != 8 ||
      (p.format != SANE_FRAME_GRAY && p.format != SANE_FRAME_RGB) || p.pixels_per_line <= 0) {
    throw Error(Stage::ingest, "scanner_error",
                "the scanner sends a frame format sohoa does not read (8-bit grey or RGB only)",
                s.settings.device, page);
  }
  std::string bytes;
  std::vector<SANE_Byte> buffer(1 << 16);
  for (;;) {
    SANE_Int length = 0;
    status = sane_read(s.h(), buffer.data(), static_cast<SANE_Int>(buffer.size()), &length);
    if (status == SANE_STATUS_EOF) {
      break;
    }
    if (status == SANE_STATUS_NO_DOCS && bytes.empty()) {
      return std::nullopt;
    }
    if (status != SANE_STATUS_GOOD) {
      fail_status(status, s.settings.device, page);
    }
    bytes.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(length));
  }
  if (s.settings.source == Source::flatbed) {
    sane_cancel(s.h()); // ends the scan; an ADF goes on with sane_start
    s.started = false;
  }
  const int channels = p.format == SANE_FRAME_RGB ? 3 : 1;
  const int rows = static_cast<int>(bytes.size() / static_cast<std::size_t>(p.bytes_per_line));
  if (rows == 0) {
    throw Error(Stage::ingest, "scanner_error", "the scanner sent an empty page", s.settings.device,
                page);
  }
  cv::Mat image(rows, p.pixels_per_line, channels == 3 ? CV_8UC3 : CV_8UC1);
  for (int y = 0; y < rows; ++y) {
    std::memcpy(image.ptr(y), bytes.data() + static_cast<std::size_t>(y) * p.bytes_per_line,
                static_cast<std::size_t>(p.pixels_per_line * channels));
  }
  if (channels == 3) {
    cv::Mat bgr;
    cv::cvtColor(image, bgr, cv::COLOR_RGB2BGR);
    image = bgr;
  }
  ++s.pages;
  return image;
}

} // namespace sohoa::scan
