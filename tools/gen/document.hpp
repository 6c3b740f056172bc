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
  std::vector<std::string> effects; // what the layout already did to the image ("photocopy")
  int rotation = 0;                 // clockwise degrees a scan condition turned the content
};

// The layout family a document is drawn in. Every choice a holdout layout makes is
// drawn from `rng`, a stream apart from the one that draws the document's content,
// so the standard layouts never change and a holdout document holds the same
// values as its standard twin of the same seed.
struct LayoutVariant {
  bool holdout = false;
  Rng rng{0};
  // The held-out scan conditions (fills over leaders, pages fed upside down, low
  // resolution, ...): a stream of their own, so adding one never shifts the
  // layout draws above.
  Rng conditions{0};
  bool conditions_enabled = true;
  std::vector<std::string> forced_conditions; // taken on every document, standard too
  std::vector<std::string> used;              // holdout variants applied, in the order drawn
  std::vector<std::string> conditions_used;   // scan conditions applied, in the order drawn

  std::string name() const { return holdout ? "holdout" : "standard"; }
  // On a holdout document: true with probability p, and then noted in `used`.
  // On a standard one: false, without a draw.
  bool take(const std::string& variant, double p);
  // The same for a scan condition, drawn from `conditions` and noted in `conditions_used`.
  bool take_condition(const std::string& condition, double p);
};

struct GenDocument {
  std::string doc_type; // a forms.md id or "unknown"
  std::string slug;     // short file-name stem: "to-khai-khai-sinh"
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  std::vector<std::string> invalid_fields;
  std::vector<RenderedPage> pages;
  std::string layout = "standard";
  std::vector<std::string> layout_variants;
  std::vector<std::string> conditions; // held-out scan conditions (tools/gen/conditions.hpp)
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
