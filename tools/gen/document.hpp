#pragma once
// What a layout produces: the rendered pages of one document and its truth.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "tools/gen/random_data.hpp"

namespace sohoa::gen {

struct RenderedPage {
  cv::Mat image;                  // BGR, 8 bit
  std::vector<std::string> lines; // exact text lines in reading order
  int dpi = 300;
  bool blank = false;
};

struct GenDocument {
  std::string doc_type; // a forms.md id or "unknown"
  std::string slug;     // short file-name stem: "to-khai-khai-sinh"
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  std::vector<std::string> invalid_fields;
  std::vector<RenderedPage> pages;
};

// What the documents of one dossier share: the applicant, the office, the date.
struct DossierContext {
  int dpi = 300;
  Person applicant;
  Address office; // the receiving ward
  Date received;
  bool allow_invalid = true;
};

} // namespace sohoa::gen
