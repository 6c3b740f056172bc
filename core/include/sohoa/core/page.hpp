#pragma once
// Page images as they travel between stages. Plain values: a stage takes them
// and returns them; the orchestrator owns files and threads.
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa {

// How a page image is stored in the PDF (and what the scan was).
enum class ColourKind {
  colour,  // CV_8UC3, BGR; stored as JPEG
  grey,    // CV_8UC1; stored as JPEG
  bitonal, // CV_8UC1 holding only 0 and 255; stored as CCITT G4
};

// What a decoder found wrong with a page it still decoded: the pixels may not be all
// the page held (a decoder warning, data cut short, visible text the image lacks).
struct PageProblem {
  std::string code;    // damaged_page, visible_text_not_kept
  std::string message; // for a person: which page and why
};

// A page as decoded from an input file, before any cleanup.
struct RasterPage {
  cv::Mat pixels; // CV_8UC1 or CV_8UC3 (BGR)
  ColourKind kind = ColourKind::colour;
  double dpi = 0;                    // resolution; the --dpi default when the file has none
  bool dpi_from_file = false;        // false when dpi is the assumed default
  std::string source;                // input file name, relative to the dossier folder
  int source_page = 1;               // 1-based page within that file
  std::vector<PageProblem> problems; // empty when the page decoded cleanly
};

// A page after cleanup: the image to archive and the image to read.
struct CleanPage {
  cv::Mat archival; // deskewed, cropped, oriented; kind says its layout
  ColourKind kind = ColourKind::colour;
  cv::Mat ocr_image;   // CV_8UC1, 0 = ink, 255 = paper; same geometry as archival
  double dpi = 0;      // of archival (never below 200 after cleanup)
  int rotation = 0;    // 0/90/180/270: clockwise turn applied to upright the page
  double skew_deg = 0; // skew measured on the input (degrees, counter-clockwise positive)
  bool blank = false;  // no content: kept in the PDF, not OCR'd
  // Set while the archival image's paper grain is still to be smoothed (cleanup
  // deferred it off the reading's path): the rotation archival had then.
  std::optional<int> paper_grain_pending_at;
};

} // namespace sohoa
