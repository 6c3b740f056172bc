#include "grey.hpp"
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

cv::Mat grey_of(const cv::Mat& image) {
  if (image.channels() == 1) {
    return image;
  }
  cv::Mat grey;
  cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

} // namespace sohoa::imaging
