#include "tools/gen/degrade.hpp"

#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace sohoa::gen {

cv::Mat to_grey(const cv::Mat& img) {
  if (img.channels() == 1) {
    return img.clone();
  }
  cv::Mat grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

cv::Mat to_bitonal(const cv::Mat& img, int threshold) {
  cv::Mat bw;
  cv::threshold(to_grey(img), bw, threshold, 255, cv::THRESH_BINARY);
  return bw;
}

void add_noise(cv::Mat& img, Rng& rng, double sigma) {
  // Irwin-Hall: the sum of four uniform bytes is close to normal and costs a
  // quarter of a 64-bit draw per sample.
  const double scale = sigma / (255.0 * std::sqrt(4.0 / 12.0));
  const int ch = img.channels();
  for (int y = 0; y < img.rows; ++y) {
    auto* row = img.ptr<unsigned char>(y);
    for (int x = 0; x < img.cols; x += 2) {
      const std::uint64_t r = rng.next();
      for (int k = 0; k < 2 && x + k < img.cols; ++k) {
        const std::uint64_t b = r >> (32 * k);
        const double sum = static_cast<double>((b & 0xFF) + ((b >> 8) & 0xFF) + ((b >> 16) & 0xFF) +
                                               ((b >> 24) & 0xFF));
        const int delta = static_cast<int>(std::lround((sum - 510.0) * scale));
        for (int c = 0; c < ch; ++c) {
          auto& px = row[(x + k) * ch + c];
          px = cv::saturate_cast<unsigned char>(px + delta);
        }
      }
    }
  }
}

namespace {

cv::Mat illumination(cv::Mat img, Rng& rng) {
  cv::Mat grid(4, 4, CV_32F);
  const double depth = rng.uniform(0.08, 0.25);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 4; ++x) {
      grid.at<float>(y, x) = static_cast<float>(1.0 - depth * rng.uniform());
    }
  }
  cv::Mat field;
  cv::resize(grid, field, img.size(), 0, 0, cv::INTER_CUBIC);
  cv::Mat f3;
  cv::Mat planes[] = {field, field, field};
  cv::merge(planes, 3, f3);
  cv::Mat fimg;
  img.convertTo(fimg, CV_32FC3);
  cv::multiply(fimg, f3, fimg);
  fimg.convertTo(img, CV_8UC3);
  return img;
}

cv::Mat skew(const cv::Mat& img, double deg, const cv::Scalar& fill) {
  // Enlarge the canvas so no corner of the page is cut off.
  const double rad = deg * M_PI / 180.0;
  const double c = std::abs(std::cos(rad));
  const double s = std::abs(std::sin(rad));
  const int w = static_cast<int>(std::ceil(img.cols * c + img.rows * s));
  const int h = static_cast<int>(std::ceil(img.cols * s + img.rows * c));
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(img.cols / 2.0f, img.rows / 2.0f), deg, 1.0);
  m.at<double>(0, 2) += (w - img.cols) / 2.0;
  m.at<double>(1, 2) += (h - img.rows) / 2.0;
  cv::Mat out;
  cv::warpAffine(img, out, m, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT, fill);
  return out;
}

void dark_borders(cv::Mat& img, Rng& rng, int dpi) {
  const int sides = rng.range(1, 3);
  for (int i = 0; i < sides; ++i) {
    const int side = rng.range(0, 3);
    const int thick = static_cast<int>(rng.uniform(1.0, 7.0) / 25.4 * dpi);
    const int shade = rng.range(10, 70);
    cv::Rect r;
    if (side == 0) {
      r = cv::Rect(0, 0, img.cols, thick);
    } else if (side == 1) {
      r = cv::Rect(0, img.rows - thick, img.cols, thick);
    } else if (side == 2) {
      r = cv::Rect(0, 0, thick, img.rows);
    } else {
      r = cv::Rect(img.cols - thick, 0, thick, img.rows);
    }
    img(r & cv::Rect(0, 0, img.cols, img.rows)).setTo(cv::Scalar(shade, shade, shade));
  }
}

} // namespace

cv::Mat degrade_page(const cv::Mat& bgr, int dpi, Rng& rng, PageEffects& fx) {
  cv::Mat img = bgr.clone();
  cv::Scalar paper(255, 255, 255);
  if (rng.chance(0.4)) {
    const double yellow = rng.uniform(0.02, 0.09);
    const cv::Scalar tint(1.0 - yellow * 1.2, 1.0 - yellow * 0.4, 1.0);
    cv::multiply(img, tint, img);
    paper = cv::Scalar(255 * tint[0], 255 * tint[1], 255 * tint[2]);
    fx.effects.push_back("tint");
  }
  if (rng.chance(0.5)) {
    img = illumination(img, rng);
    fx.effects.push_back("uneven_light");
  }
  fx.skew_deg = std::round(rng.uniform(-5.0, 5.0) * 100.0) / 100.0;
  if (rng.chance(0.2)) {
    fx.skew_deg = std::round(rng.uniform(-0.6, 0.6) * 100.0) / 100.0;
  }
  if (fx.skew_deg != 0.0) {
    img = skew(img, fx.skew_deg, paper);
  }
  if (rng.chance(0.12)) {
    fx.rotation = 90 * rng.range(1, 3);
    cv::rotate(img, img,
               fx.rotation == 90    ? cv::ROTATE_90_CLOCKWISE
               : fx.rotation == 180 ? cv::ROTATE_180
                                    : cv::ROTATE_90_COUNTERCLOCKWISE);
  }
  if (rng.chance(0.4)) {
    dark_borders(img, rng, dpi);
    fx.effects.push_back("dark_borders");
  }
  if (rng.chance(0.5)) {
    cv::GaussianBlur(img, img, cv::Size(0, 0), rng.uniform(0.5, 1.1));
    fx.effects.push_back("blur");
  }
  add_noise(img, rng, rng.uniform(2.0, 10.0));
  fx.effects.push_back("noise");
  const double mode = rng.uniform();
  if (mode < 0.15) {
    img = to_bitonal(img, rng.range(140, 180));
    fx.colour = "bitonal";
  } else if (mode < 0.4) {
    img = to_grey(img);
    fx.colour = "grey";
  }
  if (fx.colour != "bitonal" && rng.chance(0.4)) {
    std::vector<unsigned char> buf;
    cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, rng.range(30, 60)});
    img = cv::imdecode(buf, img.channels() == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    fx.effects.push_back("jpeg_artefacts");
  }
  return img;
}

cv::Mat blank_page(const cv::Size& size, Rng& rng, bool degraded, PageEffects& fx) {
  fx.blank = true;
  const int base = degraded ? rng.range(236, 252) : 255;
  cv::Mat img(size, CV_8UC3, cv::Scalar(base, base, base));
  const int specks = rng.range(15, 160);
  for (int i = 0; i < specks; ++i) {
    const cv::Point p(rng.range(0, size.width - 1), rng.range(0, size.height - 1));
    const int shade = rng.range(40, 160);
    cv::circle(img, p, rng.range(1, 3), cv::Scalar(shade, shade, shade), cv::FILLED);
  }
  fx.effects.push_back("specks");
  if (degraded) {
    add_noise(img, rng, rng.uniform(2.0, 6.0));
    fx.effects.push_back("noise");
  }
  return img;
}

} // namespace sohoa::gen
