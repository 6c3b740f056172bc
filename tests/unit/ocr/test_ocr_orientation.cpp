#include "sohoa/ocr/engine.hpp"
#include "render.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

namespace {

// Half an A4 page of running text: OSD needs a few hundred characters.
cv::Mat upright_text_page() {
  test::PageRenderer renderer(2480, 1754);
  const std::vector<std::string> lines = {
      "ỦY BAN NHÂN DÂN PHƯỜNG HÀNG ĐÀO",
      "TỜ KHAI ĐĂNG KÝ KHAI SINH",
      "Kính gửi: Ủy ban nhân dân phường Hàng Đào, quận Hoàn Kiếm",
      "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
      "Nơi cư trú: Số 12 phố Hàng Bạc, phường Hàng Đào, quận Hoàn Kiếm",
      "Giấy tờ tùy thân: Căn cước công dân số 001203012345",
      "Quan hệ với người được khai sinh: cha đẻ",
      "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
      "Họ, chữ đệm, tên: Nguyễn Minh Anh",
      "Ngày, tháng, năm sinh: 12 tháng 3 năm 2024",
      "Giới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam",
      "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
      "Quê quán: xã Đông Hội, huyện Đông Anh, thành phố Hà Nội",
      "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật.",
  };
  double baseline = 220;
  for (const auto& line : lines) {
    renderer.draw_line(200, baseline, line);
    baseline += renderer.line_pitch();
  }
  return renderer.bitonal();
}

} // namespace

TEST_CASE("OSD finds the turn that uprights a rotated page") {
  const cv::Mat upright = upright_text_page();
  ocr::OcrEngine engine(ocr::OcrOptions{});

  const auto none = engine.detect_orientation(upright, 300);
  REQUIRE(none.has_value());
  CHECK(none->clockwise_degrees == 0);

  struct Case {
    cv::RotateFlags flag;
    int undo_clockwise;
  };
  // A page scanned turned 90° clockwise needs 270° more clockwise to stand up.
  for (const Case c : {Case{cv::ROTATE_90_CLOCKWISE, 270}, Case{cv::ROTATE_180, 180},
                       Case{cv::ROTATE_90_COUNTERCLOCKWISE, 90}}) {
    cv::Mat turned;
    cv::rotate(upright, turned, c.flag);
    const auto guess = engine.detect_orientation(turned, 300);
    REQUIRE(guess.has_value());
    CHECK(guess->clockwise_degrees == c.undo_clockwise);
    CHECK(guess->confidence > 1.0f);
    MESSAGE("turn " << c.undo_clockwise << ": confidence " << guess->confidence);
  }
}

TEST_CASE("OSD has no answer for a page without text") {
  ocr::OcrEngine engine(ocr::OcrOptions{});
  const cv::Mat white(1754, 2480, CV_8UC1, cv::Scalar(255));
  CHECK_FALSE(engine.detect_orientation(white, 300).has_value());
}
