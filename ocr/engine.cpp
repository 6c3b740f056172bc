#include "sohoa/ocr/engine.hpp"
#include "digit_reread.hpp"
#include "second_pass.hpp"
#include "tess_words.hpp"
#include "text_scale.hpp"
#include "column_reading.hpp"
#include "page_walk.hpp"
#include <opencv2/imgproc.hpp>
#include "sohoa/core/error.hpp"
#include "sohoa/core/timing_span.hpp"
#include "handles.hpp"
#include "openmp_limit.hpp"
#include "tessdata.hpp"
#include "unicode.hpp"
#include "bilevel_pix.hpp"
#include "pixel_fingerprint.hpp"
#include <algorithm>
#include <cmath>
#include <mutex>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

namespace sohoa::ocr {
namespace {

// Tesseract's layout analysis keeps page coordinates in 16-bit fields (unless
// built for large images): beyond this its boxes would overflow.
constexpr int k_max_side = 32767;
// Below this Tesseract refuses to scale the image; nothing readable fits.
constexpr int k_min_side = 3;
constexpr int k_min_dpi = 70;
constexpr int k_max_dpi = 2400;
// Paper kept around the ink of an enlarged page, in glyph heights: Tesseract
// wants some white around the text it lays out.
constexpr double k_ink_margin_in_glyphs = 3.0;

// Tesseract's tprintf goes to stderr by default ("Empty page!!", "Detected N
// diacritics"): noise for a batch tool. debug_file is a process-wide parameter,
// so it is set once, before any engine initializes. Leptonica's messages are
// Tesseract's too ("Error in pixScanForForeground: invalid box" when a region it
// probes lies off the page): our code checks every Leptonica return value itself,
// so its stderr text only confuses a batch's log.
void silence_tesseract_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    setMsgSeverity(L_SEVERITY_NONE);
    tesseract::TessBaseAPI api;
    api.SetVariable("debug_file", "/dev/null");
  });
}

int clamp_dpi(double dpi) {
  if (!(dpi > 0)) {
    return 300; // the scanning default the pipeline assumes too
  }
  return std::clamp(static_cast<int>(std::lround(dpi)), k_min_dpi, k_max_dpi);
}

void check_image(const cv::Mat& image) {
  if (image.empty() || image.dims != 2) {
    throw Error(Stage::ocr, "bad_image", "OCR input image is empty");
  }
  if (image.type() != CV_8UC1 && image.type() != CV_8UC3) {
    throw Error(Stage::ocr, "bad_image",
                "OCR input must be 8-bit grey or BGR, got OpenCV type " +
                    std::to_string(image.type()));
  }
  if (image.cols > k_max_side || image.rows > k_max_side) {
    throw Error(Stage::ocr, "bad_image",
                "OCR input too large: " + std::to_string(image.cols) + "x" +
                    std::to_string(image.rows) + " pixels");
  }
}

// Colour pages go to Tesseract as an RGB Pix (its raw-bytes path assumes RGB
// order); the one copy is the conversion itself.
PixPtr bgr_to_pix(const cv::Mat& bgr, int dpi) {
  PixPtr pix(pixCreate(bgr.cols, bgr.rows, 32));
  if (!pix) {
    throw Error(Stage::ocr, "bad_image", "cannot allocate a Leptonica image for OCR");
  }
  pixSetResolution(pix.get(), dpi, dpi);
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < bgr.rows; ++y) {
    const auto* src = bgr.ptr<cv::Vec3b>(y);
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < bgr.cols; ++x) {
      composeRGBPixel(src[x][2], src[x][1], src[x][0], &line[x]);
    }
  }
  return pix;
}

// Clears the image and results when recognition leaves, however it leaves.
class ClearOnExit {
public:
  explicit ClearOnExit(tesseract::TessBaseAPI& api) : m_api(api) {}
  ~ClearOnExit() { m_api.Clear(); }
  ClearOnExit(const ClearOnExit&) = delete;
  ClearOnExit& operator=(const ClearOnExit&) = delete;

private:
  tesseract::TessBaseAPI& m_api;
};

// Hands the image to Tesseract: grey bytes are read in place (Tesseract makes
// its own single copy), colour goes through an RGB Pix kept alive in holder.
void set_image(tesseract::TessBaseAPI& api, const cv::Mat& image, int dpi, PixPtr& holder) {
  if (image.type() == CV_8UC1) {
    api.SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step[0]));
  } else {
    holder = bgr_to_pix(image, dpi);
    api.SetImage(holder.get());
  }
  api.SetSourceResolution(dpi);
}

} // namespace

struct OcrEngine::Impl {
  std::filesystem::path tessdata;
  OcrOptions options;
  tesseract::TessBaseAPI api;
  // Orientation detection needs the legacy "osd" model: its own API, made on
  // first use; a failed attempt is remembered so it is not retried per page.
  std::unique_ptr<tesseract::TessBaseAPI> osd;
  bool osd_unavailable = false;
  std::unique_ptr<DigitRereader> digits; // null when options.digit_reread is off
  // OSD's last answer and the pixels and resolution it was for: a doubtful page
  // is asked about again before it was turned (about a second of CPU each).
  struct OsdAnswer {
    std::uint64_t fingerprint = 0;
    int dpi = 0;
    std::optional<OrientationGuess> guess;
  };
  std::optional<OsdAnswer> last_osd;

  tesseract::TessBaseAPI* osd_api();
};

tesseract::TessBaseAPI* OcrEngine::Impl::osd_api() {
  if (osd || osd_unavailable) {
    return osd.get();
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(traineddata_path(tessdata, "osd"), ec)) {
    osd_unavailable = true;
    return nullptr;
  }
  auto candidate = std::make_unique<tesseract::TessBaseAPI>();
  try {
    if (candidate->Init(tessdata.c_str(), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
      osd_unavailable = true;
      return nullptr;
    }
  } catch (const std::exception&) {
    osd_unavailable = true;
    return nullptr;
  }
  candidate->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd = std::move(candidate);
  return osd.get();
}

OcrEngine::OcrEngine(const OcrOptions& options) : m_impl(std::make_unique<Impl>()) {
  silence_tesseract_once();
  limit_openmp_to_calling_thread();
  m_impl->options = options;
  m_impl->tessdata = resolve_tessdata_dir(options.tessdata_dir);
  require_language_files(m_impl->tessdata, split_languages(options.languages));
  int rc = -1;
  try {
    rc = m_impl->api.Init(m_impl->tessdata.c_str(), options.languages.c_str(),
                          tesseract::OEM_LSTM_ONLY);
  } catch (const std::exception& e) {
    throw Error(Stage::ocr, "language_data_missing",
                "Tesseract failed loading '" + options.languages + "' from " +
                    m_impl->tessdata.string() + ": " + e.what());
  }
  if (rc != 0) {
    throw Error(Stage::ocr, "language_data_missing",
                "Tesseract could not load language data '" + options.languages +
                    "' (LSTM model) from tessdata folder " + m_impl->tessdata.string());
  }
  m_impl->api.SetPageSegMode(static_cast<tesseract::PageSegMode>(options.segmentation));
  if (options.digit_reread) {
    m_impl->digits = std::make_unique<DigitRereader>(m_impl->tessdata);
  }
}

OcrEngine::~OcrEngine() = default;

PageText OcrEngine::recognize(const cv::Mat& image, double dpi) {
  check_image(image);
  if (image.cols < k_min_side || image.rows < k_min_side) {
    PageText tiny;
    tiny.width = image.cols;
    tiny.height = image.rows;
    return tiny;
  }
  limit_openmp_to_calling_thread();
  auto& api = m_impl->api;
  const double glyph_height = image.type() == CV_8UC1 ? median_glyph_height(image) : 0;
  const int factor = upscale_factor_for(glyph_height);
  // Only the inked part of a page of small print is enlarged (and read).
  const cv::Rect area =
      factor > 1 ? ink_area(image, static_cast<int>(glyph_height * k_ink_margin_in_glyphs))
                 : cv::Rect(0, 0, image.cols, image.rows);
  cv::Mat enlarged;
  if (factor > 1) {
    // Smooth enlargement, then back to two levels: stair-stepped glyph edges
    // from a nearest-neighbour zoom cost accuracy.
    cv::resize(image(area), enlarged, cv::Size(), factor, factor, cv::INTER_CUBIC);
    cv::threshold(enlarged, enlarged, 127, 255, cv::THRESH_BINARY);
  }
  const cv::Mat& input = factor > 1 ? enlarged : image;
  const int ppi = clamp_dpi(dpi * factor);
  PixPtr holder;
  try {
    ClearOnExit clear(api);
    if (is_two_level(input)) {
      holder = two_level_pix(input, ppi);
      api.SetImage(holder.get());
      api.SetSourceResolution(ppi);
    } else {
      set_image(api, input, ppi, holder);
    }
    tesseract::ETEXT_DESC monitor;
    if (m_impl->options.time_limit_ms > 0) {
      monitor.set_deadline_msecs(m_impl->options.time_limit_ms);
    }
    int rc = 0;
    {
      TimingSpan span("ocr.page_pass");
      rc = api.Recognize(&monitor);
    }
    if (monitor.deadline_exceeded()) {
      throw Error(Stage::ocr, "ocr_timeout",
                  "OCR gave up after " + std::to_string(m_impl->options.time_limit_ms) + " ms");
    }
    if (rc != 0) {
      throw Error(Stage::ocr, "tesseract_failed", "Tesseract recognition failed");
    }
    PageText page = collect_page(api, input.cols, input.rows);
    {
      TimingSpan span("ocr.header_columns");
      read_header_columns(api, input, ppi, page);
    }
    {
      TimingSpan span("ocr.second_pass");
      second_pass(api, input, ppi, page);
    }
    if (m_impl->digits) {
      TimingSpan span("ocr.digit_reread");
      m_impl->digits->reread(input, ppi, page);
    }
    scale_down(page, factor, area.width, area.height);
    move_to_page(page, area.tl(), image.cols, image.rows);
    return page;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    // Release builds of Tesseract turn ASSERT_HOST into an exception.
    throw Error(Stage::ocr, "tesseract_failed", std::string("Tesseract failed: ") + e.what());
  }
}

namespace {

std::optional<OrientationGuess> osd_guess(tesseract::TessBaseAPI& osd, const cv::Mat& image,
                                          double dpi) {
  limit_openmp_to_calling_thread();
  PixPtr holder;
  try {
    ClearOnExit clear(osd);
    set_image(osd, image, clamp_dpi(dpi), holder);
    int orient_deg = 0;
    float orient_conf = 0;
    const char* script = nullptr;
    float script_conf = 0;
    if (!osd.DetectOrientationScript(&orient_deg, &orient_conf, &script, &script_conf)) {
      return std::nullopt;
    }
    // orient_deg is how far the page is turned clockwise from upright; undoing
    // it takes the rest of the full turn, clockwise.
    OrientationGuess guess;
    guess.clockwise_degrees = (360 - orient_deg) % 360;
    guess.confidence = orient_conf;
    return guess;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

} // namespace

std::optional<OrientationGuess> OcrEngine::detect_orientation(const cv::Mat& image, double dpi) {
  check_image(image);
  tesseract::TessBaseAPI* osd = m_impl->osd_api();
  if (osd == nullptr || image.cols < k_min_side || image.rows < k_min_side) {
    return std::nullopt;
  }
  const std::uint64_t fingerprint = pixel_fingerprint(image);
  if (const auto& last = m_impl->last_osd;
      last && last->fingerprint == fingerprint && last->dpi == clamp_dpi(dpi)) {
    return last->guess;
  }
  TimingSpan span("ocr.osd");
  m_impl->last_osd = Impl::OsdAnswer{fingerprint, clamp_dpi(dpi), osd_guess(*osd, image, dpi)};
  return m_impl->last_osd->guess;
}

std::string tesseract_version() {
  return tesseract::TessBaseAPI::Version();
}

std::string leptonica_version() {
  const LeptString raw(getLeptonicaVersion());
  if (!raw) {
    return {};
  }
  std::string version(raw.get());
  constexpr std::string_view prefix = "leptonica-";
  if (version.rfind(prefix, 0) == 0) {
    version.erase(0, prefix.size());
  }
  return version;
}

} // namespace sohoa::ocr
