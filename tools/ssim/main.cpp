// sohoa-ssim: structural similarity of a rendered page against the page image it
// was made from, outside the text (the bench of the archival image modes).
#include "../parse_options.hpp"
#include "sohoa/pdf/image_ssim.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr const char* k_usage =
    "usage: sohoa-ssim --reference CLEAN.png --test RENDERED.png\n"
    "Prints the mean SSIM (Gaussian 11x11 window, sigma 1.5, per colour channel) over\n"
    "the windows that hold no text, over the whole page, and the share of the page\n"
    "counted as outside the text. Text is the reference's dark ink (luminance below\n"
    "160) other than saturated red: red seals count as picture, not text.\n";

// Pixels whose SSIM window touches the reference's text.
cv::Mat text_windows(const cv::Mat& reference) {
  cv::Mat grey;
  if (reference.channels() == 3) {
    cv::cvtColor(reference, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = reference;
  }
  cv::Mat text;
  cv::compare(grey, 160, text, cv::CMP_LT);
  if (reference.channels() == 3) {
    std::vector<cv::Mat> bgr;
    cv::split(reference, bgr);
    cv::Mat red = (bgr[2] > bgr[1] + 40) & (bgr[2] > bgr[0] + 40);
    text.setTo(0, red);
  }
  cv::dilate(text, text, cv::getStructuringElement(cv::MORPH_RECT, {11, 11}));
  return text;
}

int run(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string reference_path;
  std::string test_path;
  po::options_description options;
  options.add_options()("help,h", "")("reference", po::value(&reference_path)->required(),
                                      "")("test", po::value(&test_path)->required(), "");
  po::variables_map vm;
  if (!sohoa::tools::parse_options(argc, argv, options, k_usage, vm)) {
    return 0;
  }
  const cv::Mat reference = cv::imread(reference_path, cv::IMREAD_COLOR);
  cv::Mat test = cv::imread(test_path, cv::IMREAD_COLOR);
  if (reference.empty() || test.empty()) {
    throw std::runtime_error("cannot read " + (reference.empty() ? reference_path : test_path));
  }
  // A renderer may round the page size by a pixel.
  if (test.size() != reference.size()) {
    if (std::abs(test.cols - reference.cols) > 4 || std::abs(test.rows - reference.rows) > 4) {
      throw std::runtime_error("the images differ in size");
    }
    cv::resize(test, test, reference.size(), 0, 0, cv::INTER_AREA);
  }
  const cv::Mat text = text_windows(reference);
  cv::Mat outside;
  cv::bitwise_not(text, outside);
  const int counted = cv::countNonZero(outside);
  const double outside_ssim = sohoa::pdf::mean_ssim(reference, test, outside);
  std::printf("ssim_outside_text %.4f\nssim_page %.4f\noutside_share %.3f\n", outside_ssim,
              sohoa::pdf::mean_ssim(reference, test),
              counted / static_cast<double>(reference.total()));
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  return sohoa::tools::run_tool("sohoa-ssim", k_usage, run, argc, argv);
}
