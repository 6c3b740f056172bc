#pragma once
// Evening out the page: uneven scanner light, yellowed paper and shadows are
// divided away so that paper becomes close to white everywhere.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// Paper background estimated on a coarse copy (morphological close removes ink,
// a blur smooths it), then divided out. CV_8UC1 in and out, same size.
cv::Mat flatten_illumination(const cv::Mat& grey, double dpi);

// Colour of the paper (BGR for colour images, grey in [0] otherwise): the mean of
// the brightest quarter of the pixels. Used to fill areas uncovered by rotation.
cv::Scalar estimate_paper_colour(const cv::Mat& image);

} // namespace sohoa::imaging
