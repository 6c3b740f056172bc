#include "tools/gen/conditions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "tools/gen/degrade.hpp"

namespace sohoa::gen {

namespace {

double px_per_mm(int dpi) {
  return dpi / 25.4;
}

// A red round seal stamped across the text, ink multiplied into the page so the
// text under it still shows (what a rubber stamp does).
void stamp_over_text(cv::Mat& img, int dpi, Rng& rng) {
  const double mm = px_per_mm(dpi);
  cv::Mat stamp(img.size(), CV_8UC1, cv::Scalar(0));
  // Anywhere over the text of an A4 page or a card.
  const cv::Point centre(static_cast<int>(rng.uniform(0.2, 0.8) * img.cols),
                         static_cast<int>(rng.uniform(0.15, 0.85) * img.rows));
  const int radius =
      static_cast<int>(std::min(rng.uniform(16, 20) * mm, 0.4 * std::min(img.cols, img.rows)));
  const int ring = std::max(2, static_cast<int>(0.9 * mm));
  cv::circle(stamp, centre, radius, 255, ring, cv::LINE_AA);
  cv::circle(stamp, centre, radius * 3 / 4, 255, std::max(1, ring / 2), cv::LINE_AA);
  // Lettering along the ring: short bars stand for the letters.
  for (int i = 0; i < 28; ++i) {
    const double a = 2 * M_PI * i / 28.0;
    const cv::Point p0(centre.x + static_cast<int>(std::cos(a) * radius * 0.82),
                       centre.y + static_cast<int>(std::sin(a) * radius * 0.82));
    const cv::Point p1(centre.x + static_cast<int>(std::cos(a) * radius * 0.92),
                       centre.y + static_cast<int>(std::sin(a) * radius * 0.92));
    cv::line(stamp, p0, p1, 255, std::max(1, ring / 2), cv::LINE_AA);
  }
  std::vector<cv::Point> star;
  for (int i = 0; i < 10; ++i) {
    const double a = -M_PI / 2 + M_PI * i / 5.0;
    const double r = (i % 2 == 0 ? 0.35 : 0.14) * radius;
    star.emplace_back(centre.x + static_cast<int>(std::cos(a) * r),
                      centre.y + static_cast<int>(std::sin(a) * r));
  }
  cv::fillPoly(stamp, std::vector<std::vector<cv::Point>>{star}, 255, cv::LINE_AA);
  const double strength = rng.uniform(0.6, 0.9);
  const cv::Vec3d ink(0.25, 0.15, 0.85); // B, G, R share kept where the stamp is full
  for (int y = 0; y < img.rows; ++y) {
    const uchar* s = stamp.ptr<uchar>(y);
    cv::Vec3b* px = img.ptr<cv::Vec3b>(y);
    for (int x = 0; x < img.cols; ++x) {
      if (s[x] == 0) {
        continue;
      }
      const double k = strength * s[x] / 255.0;
      for (int c = 0; c < 3; ++c) {
        px[x][c] = cv::saturate_cast<uchar>(px[x][c] * (1 - k + k * ink[c]));
      }
    }
  }
}

} // namespace

// A copy of a copy: grey, contrast pushed twice, toner specks, strokes thickened
// and blurred a little at each pass.
void photocopy_of_copy(cv::Mat& img, int dpi, Rng& rng) {
  cv::Mat grey = to_grey(img);
  for (int pass = 0; pass < 2; ++pass) {
    grey.convertTo(grey, -1, rng.uniform(1.2, 1.45), -rng.uniform(25, 55));
    cv::erode(grey, grey, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
    cv::GaussianBlur(grey, grey, cv::Size(0, 0), 0.4 + 0.3 * dpi / 300.0);
    const int specks = rng.range(200, 900);
    for (int i = 0; i < specks; ++i) {
      const cv::Point p(rng.range(0, grey.cols - 1), rng.range(0, grey.rows - 1));
      cv::circle(grey, p, rng.range(0, 1), cv::Scalar(rng.range(40, 140)), cv::FILLED);
    }
    add_noise(grey, rng, 4.0);
  }
  cv::cvtColor(grey, img, cv::COLOR_GRAY2BGR);
}

// A phone photo of the page on a table: perspective, a margin of table, light
// falling off toward one side, a soft focus.
void phone_photo(cv::Mat& img, Rng& rng) {
  const float w = static_cast<float>(img.cols);
  const float h = static_cast<float>(img.rows);
  const float margin = 0.05F * w;
  auto jitter = [&] { return static_cast<float>(rng.uniform(-0.035, 0.035)) * w; };
  const cv::Point2f src[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  const cv::Point2f dst[] = {{margin + jitter(), margin + jitter()},
                             {w + margin + jitter(), margin + jitter()},
                             {w + margin + jitter(), h + margin + jitter()},
                             {margin + jitter(), h + margin + jitter()}};
  const cv::Mat m = cv::getPerspectiveTransform(src, dst);
  const cv::Scalar table(rng.range(40, 90), rng.range(60, 110), rng.range(90, 140));
  cv::Mat photo;
  cv::warpPerspective(
      img, photo, m,
      cv::Size(img.cols + 2 * static_cast<int>(margin), img.rows + 2 * static_cast<int>(margin)),
      cv::INTER_LINEAR, cv::BORDER_CONSTANT, table);
  const double fall = rng.uniform(0.1, 0.3);
  const bool along_x = rng.chance(0.5);
  for (int y = 0; y < photo.rows; ++y) {
    cv::Vec3b* px = photo.ptr<cv::Vec3b>(y);
    for (int x = 0; x < photo.cols; ++x) {
      const double t =
          along_x ? static_cast<double>(x) / photo.cols : static_cast<double>(y) / photo.rows;
      const double k = 1.0 - fall * t;
      for (int c = 0; c < 3; ++c) {
        px[x][c] = cv::saturate_cast<uchar>(px[x][c] * k);
      }
    }
  }
  cv::GaussianBlur(photo, photo, cv::Size(0, 0), rng.uniform(0.6, 1.2));
  add_noise(photo, rng, rng.uniform(3, 7));
  img = photo;
}

std::vector<std::string> parse_condition_list(const std::string& list) {
  static const std::vector<std::string> known = {"stamp_over_text", "photocopy_of_copy",
                                                 "phone_photo",     "low_dpi",
                                                 "upside_down",     "fill_over_leaders"};
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    if (!name.empty()) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        throw std::invalid_argument("unknown scan condition '" + name + "'");
      }
      out.push_back(name);
    }
    start = comma + 1;
  }
  return out;
}

void apply_scan_conditions(GenDocument& doc, LayoutVariant& layout) {
  if ((!layout.holdout && layout.forced_conditions.empty()) || doc.pages.empty()) {
    return;
  }
  Rng& rng = layout.conditions;
  const bool stamp = layout.take_condition("stamp_over_text", 0.25);
  const bool copy = layout.take_condition("photocopy_of_copy", 0.2);
  const bool photo = layout.take_condition("phone_photo", 0.15);
  // 150-200 dpi scans of pages rendered finer (cards are rendered at twice the dpi).
  const bool low_dpi = doc.pages.front().dpi > 200 && layout.take_condition("low_dpi", 0.25);
  const bool upside_down = layout.take_condition("upside_down", 0.25);
  const int stamped_page = rng.range(0, static_cast<int>(doc.pages.size()) - 1);
  const int dpi = rng.pick(std::vector<int>{150, 175, 200});
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    RenderedPage& page = doc.pages[i];
    if (page.blank || page.image.empty()) {
      continue;
    }
    if (stamp && static_cast<int>(i) == stamped_page) {
      stamp_over_text(page.image, page.dpi, rng);
    }
    if (copy) {
      photocopy_of_copy(page.image, page.dpi, rng);
    }
    if (photo) {
      phone_photo(page.image, rng);
    }
    if (low_dpi && page.dpi > dpi) {
      const double scale = static_cast<double>(dpi) / page.dpi;
      cv::resize(page.image, page.image, cv::Size(), scale, scale, cv::INTER_AREA);
      page.dpi = dpi;
    }
    if (upside_down) {
      cv::rotate(page.image, page.image, cv::ROTATE_180);
      page.rotation = (page.rotation + 180) % 360;
    }
  }
}

} // namespace sohoa::gen
