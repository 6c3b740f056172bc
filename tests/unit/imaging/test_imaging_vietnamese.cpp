// Orientation and deskew on Vietnamese text rendered with Cairo: the tone and vowel
// marks that the up/down test relies on, in a real font.
#include "sohoa/imaging/cleanup.hpp"
#include "sohoa/imaging/orientation.hpp"
#include "synthetic_page.hpp"

#include <array>
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

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

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
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, k_a4_width, k_a4_height));
  REQUIRE(cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS);
  Context cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 0.96, 0.95, 0.93);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 0.1, 0.1, 0.1);
  cairo_select_font_face(cr.get(), "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr.get(), 54);
  cairo_move_to(cr.get(), 420, 260);
  cairo_show_text(cr.get(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  cairo_select_font_face(cr.get(), "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr.get(), 46); // 11 pt at 300 dpi
  for (int i = 0; i < line_count; ++i) {
    cairo_move_to(cr.get(), 230, 400 + i * 80);
    cairo_show_text(cr.get(), k_vietnamese[static_cast<size_t>(i) % k_vietnamese.size()]);
  }
  cairo_surface_flush(surface.get());
  const cv::Mat argb(k_a4_height, k_a4_width, CV_8UC4, cairo_image_surface_get_data(surface.get()),
                     static_cast<size_t>(cairo_image_surface_get_stride(surface.get())));
  cv::Mat bgr;
  cv::cvtColor(argb, bgr, cv::COLOR_BGRA2BGR); // little-endian RGB24 is B, G, R, unused
  return bgr;
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
