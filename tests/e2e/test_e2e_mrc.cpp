// MRC pages end to end: `sohoa run` on a generated ID card (guilloche and a photo
// at 600 dpi) and on noisy pages; poppler renders the mrc PDF back close to the
// cleaned page (the lossless PDF's image) outside the text, JPEG 2000 included.
#include "e2e_support.hpp"
#include "sohoa/pdf/image_ssim.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/pdf/pdfa_check.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

// SSIM outside the text as the archive bench (sohoa-ssim) measures it: windows
// touching the reference's dark ink do not count; saturated red is picture.
double ssim_outside_text(const cv::Mat& reference, const cv::Mat& test) {
  cv::Mat grey;
  cv::cvtColor(reference, grey, cv::COLOR_BGR2GRAY);
  cv::Mat text;
  cv::compare(grey, 160, text, cv::CMP_LT);
  std::vector<cv::Mat> bgr;
  cv::split(reference, bgr);
  const cv::Mat red = (bgr[2] > bgr[1] + 40) & (bgr[2] > bgr[0] + 40);
  text.setTo(0, red);
  cv::dilate(text, text, cv::getStructuringElement(cv::MORPH_RECT, {11, 11}));
  cv::Mat outside;
  cv::bitwise_not(text, outside);
  return sohoa::pdf::mean_ssim(reference, test, outside);
}

cv::Mat as_bgr(const cv::Mat& img) {
  if (img.channels() == 3) {
    return img;
  }
  cv::Mat out;
  cv::cvtColor(img, out, cv::COLOR_GRAY2BGR);
  return out;
}

fs::path find_named(const fs::path& dir, const std::string& name) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename() == name) {
      return e.path();
    }
  }
  return dir / name;
}

struct Checked {
  bool jpx = false; // the page's background is JPEG 2000
};

// Renders page `index` (1-based) of the mrc PDF at the cleaned page's resolution
// and compares it with the lossless PDF's page.
Checked check_rendered(const fs::path& mrc_pdf, const fs::path& lossless_pdf, int index,
                       const fs::path& scratch) {
  CAPTURE(mrc_pdf.string());
  CAPTURE(index);
  const auto checks = sohoa::pdf::check_pdfa(mrc_pdf, 2);
  CHECK(sohoa::pdf::pdfa_ok(checks));
  const auto cleaned = sohoa::pdf::read_pdf_page_images(lossless_pdf);
  REQUIRE(static_cast<int>(cleaned.size()) >= index);
  const sohoa::RasterPage& clean = cleaned[static_cast<std::size_t>(index - 1)];
  const int dpi = static_cast<int>(std::lround(clean.dpi));
  const fs::path prefix = scratch / ("render-" + mrc_pdf.stem().string() + std::to_string(index));
  const auto r = run_command({"/usr/bin/env", "pdftoppm", "-r", std::to_string(dpi), "-f",
                              std::to_string(index), "-l", std::to_string(index), "-singlefile",
                              "-png", mrc_pdf.string(), prefix.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  cv::Mat rendered = cv::imread(prefix.string() + ".png", cv::IMREAD_COLOR);
  REQUIRE(!rendered.empty());
  const cv::Mat reference = as_bgr(clean.pixels);
  REQUIRE(std::abs(rendered.cols - reference.cols) <= 2);
  REQUIRE(std::abs(rendered.rows - reference.rows) <= 2);
  cv::resize(rendered, rendered, reference.size(), 0, 0, cv::INTER_AREA);
  const double ssim = ssim_outside_text(reference, rendered);
  CAPTURE(ssim);
  CHECK(ssim >= 0.9);
  const auto list = run_command({"/usr/bin/env", "pdfimages", "-f", std::to_string(index), "-l",
                                 std::to_string(index), "-list", mrc_pdf.string()});
  INFO(list.out);
  CHECK(list.out.find("ccitt") != std::string::npos);
  return {list.out.find(" jpx ") != std::string::npos};
}

} // namespace

TEST_CASE("mrc PDFs of a generated ID card and of noisy pages render back with SSIM >= 0.9") {
  ScratchDir dir("e2e-mrc");
  // Seed 1: a 600 dpi citizen ID card, a noisy decision and a noisy, tinted form.
  const auto set = generate(dir / "gen", 1, 1, "mixed", "png");
  const auto mrc = dir / "out-mrc";
  const auto lossless = dir / "out-lossless";
  auto r = run_sohoa({"run", set.input.string(), "--out", mrc.string(), "--jobs", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_sohoa({"run", set.input.string(), "--out", lossless.string(), "--jobs", "2",
                 "--image-mode", "lossless"});
  REQUIRE(r.exit_code == 0);

  int id_cards = 0;
  int noisy = 0;
  int jpx = 0;
  for (const auto& e : fs::recursive_directory_iterator(set.truth)) {
    if (e.path().extension() != ".json") {
      continue;
    }
    const auto truth = read_json(e.path());
    // One dossier: its output folder is named by its code, its PDFs by document.
    const std::string doc = e.path().stem().string() + ".pdf";
    const fs::path mrc_pdf = find_named(mrc, doc);
    const fs::path lossless_pdf = find_named(lossless, doc);
    CAPTURE(mrc_pdf.string());
    REQUIRE(fs::is_regular_file(mrc_pdf));
    REQUIRE(fs::is_regular_file(lossless_pdf));
    const bool card = truth["doc_type"] == "citizen_id_card";
    for (const auto& page : truth["pages"]) {
      const auto& fx = page["effects"];
      const bool has_noise = std::find(fx.begin(), fx.end(), "noise") != fx.end();
      if (!card && !has_noise) {
        continue;
      }
      id_cards += card ? 1 : 0;
      noisy += has_noise ? 1 : 0;
      jpx +=
          check_rendered(mrc_pdf, lossless_pdf, page["index"].get<int>(), dir.path()).jpx ? 1 : 0;
    }
  }
  CHECK(id_cards >= 1);
  CHECK(noisy >= 2);
  // JPEG 2000 backgrounds are drawn and rendered, not only written.
  CHECK(jpx >= 1);
}
