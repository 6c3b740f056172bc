#pragma once
// Warping a quadrilateral of an image (a photographed page, a card) to an upright
// rectangle: the inverse of the keystone a camera adds.
#include <array>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

// Corners in image pixels, clockwise from the top-left one.
using Quad = std::array<cv::Point2f, 4>;

// The four points as top-left, top-right, bottom-right, bottom-left, whatever
// order they came in (the corners of a convex quadrilateral).
Quad order_corners(const std::array<cv::Point2f, 4>& points);

// The quad with every corner multiplied by scale (analysis copy to full size).
Quad scaled(const Quad& quad, double scale);

// The rectangle the quad maps to without losing resolution: the longer of each
// pair of opposite sides.
cv::Size upright_size(const Quad& quad);

// The quad's content as an upright size.width x size.height image; what falls
// outside the source is fill.
cv::Mat warp_quad_to_rect(const cv::Mat& image, const Quad& quad, cv::Size size,
                          const cv::Scalar& fill, int interpolation = cv::INTER_LINEAR);

} // namespace sohoa::imaging
