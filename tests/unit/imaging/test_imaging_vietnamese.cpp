// Orientation and deskew on Vietnamese text rendered with Cairo: the tone and vowel
// marks that the up/down test relies on, in a real font.
#include "sohoa/imaging/cleanup.hpp"
#include "sohoa/imaging/orientation.hpp"
#include "synthetic_page.hpp"

#include <array>
#include "tools/gen/render.hpp"
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <cmath>
#include <doctest/doctest.h>
#include <memory>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

// Cairo and fontconfig keep font caches for the life of the process; released at
// exit so LeakSanitizer sees only what the code under test leaves.
struct FontCacheRelease {
  FontCacheRelease() = default;
  FontCacheRelease(const FontCacheRelease&) = delete;
  FontCacheRelease& operator=(const FontCacheRelease&) = delete;
  ~FontCacheRelease() {
    cairo_debug_reset_static_data();
    FcFini();
  }
};
const FontCacheRelease k_font_cache_release;

const std::array<const char*, 8> k_vietnamese = {
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn Bình",
    "Nơi cư trú: số 12 đường Lê Lợi, phường Bến Nghé, quận 1",
    "Giấy tờ tùy thân: Căn cước công dân số 079201001234",
    "Quan hệ với người được khai sinh: cha ruột",
    "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây",
    "Giới tính: nam. Dân tộc: Kinh. Quốc tịch: Việt Nam",
    "Tôi cam đoan nội dung đề nghị đăng ký trên đây là đúng sự thật",
    "Làm tại phường Bến Nghé, ngày 14 tháng 6 năm 2024",
};

// An upright A4 page at 300 dpi with 11 pt serif text, as BGR.
cv::Mat vietnamese_page(int line_count) {
  auto canvas = sohoa::gen::Canvas::of_pixels(k_a4_width, k_a4_height, 300, {0.96, 0.95, 0.93});
  sohoa::gen::TextStyle title;
  title.family = "DejaVu Serif";
  title.bold = true;
  title.colour = {0.1, 0.1, 0.1};
  title.size_pt = 54 * 72.0 / 300; // 54 px
  canvas.text_px(420, 260, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", title);
  sohoa::gen::TextStyle body = title;
  body.bold = false;
  body.size_pt = 46 * 72.0 / 300; // 11 pt at 300 dpi
  for (int i = 0; i < line_count; ++i) {
    canvas.text_px(230, 400 + i * 80, k_vietnamese[static_cast<size_t>(i) % k_vietnamese.size()],
                   body);
  }
  return canvas.to_bgr();
}

} // namespace

TEST_CASE("Vietnamese pages are uprighted from every quarter turn") {
  const cv::Mat upright = vietnamese_page(36);
  for (const int turn : {0, 90, 180, 270}) {
    cv::Mat scan = skewed(rotate_quarter(upright, turn), -1.2);
    add_noise(scan, 4, 40 + turn);
    CleanupReport report;
    const CleanPage clean = clean_page(raster(scan, ColourKind::colour), {}, report);
    MESSAGE("Vietnamese page turned " << turn << ": rotation " << clean.rotation << ", confidence "
                                      << report.orientation.confidence << ", skew "
                                      << clean.skew_deg);
    CHECK(clean.rotation == (360 - turn) % 360);
    CHECK(report.orientation.confidence >= 0.5);
    CHECK(std::abs(clean.skew_deg + 1.2) < 0.2);
  }
}

TEST_CASE("a few Vietnamese lines still give the orientation") {
  const cv::Mat page = vietnamese_page(3);
  for (const int turn : {0, 180}) {
    const CleanPage clean =
        clean_page(raster(rotate_quarter(page, turn), ColourKind::colour), CleanupOptions{});
    CHECK(clean.rotation == turn);
    CHECK_FALSE(clean.blank);
  }
}
