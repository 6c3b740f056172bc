#pragma once
// One hand-built document per form type, laid out like the printed forms.
#include "fixture.hpp"

namespace sohoa::forms::test {

inline std::vector<PageText> birth_form() {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI ĐĂNG KÝ KHAI SINH", 900);
  b.text(450, "Kính gửi(1): Ủy ban nhân dân phường Bến Nghé");
  b.text(520, "Họ, chữ đệm, tên người yêu cầu: ....Nguyễn Văn Bình......");
  b.text(590, "Nơi cư trú(2): 12 Lê Lợi, phường Bến Nghé, Quận 1,");
  b.text(650, "Thành phố Hồ Chí Minh", after(240, "Nơi cư trú(2):"));
  b.text(720, "Giấy tờ tùy thân(3): Căn cước công dân số 079085001234, cấp ngày 01/02/2021");
  b.text(790, "Quan hệ với người được khai sinh: Cha");
  b.text(860, "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:");
  b.text(930, "Họ, chữ đệm, tên: Nguyễn Minh Anh");
  b.text(1000, "Ngày, tháng, năm sinh: 05/01/2025 ghi bằng chữ: ngày năm tháng một năm hai "
               "nghìn không trăm hai mươi lăm");
  b.line(1070,
         {{240, "Giới tính: Nữ ........"}, {900, "Dân tộc: Kinh"}, {1600, "Quốc tịch: Việt Nam"}});
  b.text(1140, "Nơi sinh: Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh");
  b.text(1210, "Quê quán: Nam Định");
  b.text(1280, "Họ, chữ đệm, tên người mẹ: Trần Thị Hoa");
  b.line(1350, {{240, "Năm sinh: 1990"}, {900, "Dân tộc: Tày"}, {1600, "Quốc tịch: Việt Nam"}});
  b.text(1420, "Nơi cư trú: 12 Lê Lợi, phường Bến Nghé, Quận 1");
  b.text(1490, "Họ, chữ đệm, tên người cha: Nguyễn Văn Bình");
  b.line(1560, {{240, "Năm sinh: 1985"}, {900, "Dân tộc: Kinh"}, {1600, "Quốc tịch: Việt Nam"}});
  b.text(1630, "Nơi cư trú: 45 Hai Bà Trưng, phường Bến Nghé");
  b.text(1760, "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự");
  b.text(1820, "thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.");
  b.text(1950, "Làm tại: Bến Nghé, ngày 06 tháng 01 năm 2025", 1250);
  b.text(2020, "Người yêu cầu", 1500);
  b.text(2300, "Nguyễn Văn Bình", 1480);
  return {b.build()};
}

inline std::vector<PageText> ct01_form() {
  PageBuilder b;
  b.text(80, "Mẫu CT01", 2000);
  motto(b);
  b.text(330, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", 800);
  b.text(450, "Kính gửi(1): Công an phường Bến Nghé");
  b.text(520, "1. Họ, chữ đệm và tên: Lê Thị Mai");
  b.line(590, {{240, "2. Ngày, tháng, năm sinh: 12/07/1990"}, {1400, "3. Giới tính: Nữ"}});
  b.text(660, "4. Số định danh cá nhân: 0 7 9 1 9 0 0 0 1 2 3 4");
  b.line(730,
         {{240, "5. Số điện thoại liên hệ: 0903 123 456"}, {1400, "6. Email: mai.le@example.vn"}});
  b.line(800, {{240, "7. Họ, chữ đệm và tên chủ hộ: Lê Văn Hùng"},
               {1400, "8. Mối quan hệ với chủ hộ: Con"}});
  b.text(870, "9. Số định danh cá nhân của chủ hộ: 079060004321");
  b.text(940, "10. Nội dung đề nghị(2): Đăng ký thường trú vào hộ gia đình ông Lê Văn Hùng");
  b.text(1000, "tại số 12 đường Lê Lợi, phường Bến Nghé", after(240, "10. Nội dung đề nghị(2):"));
  b.text(1070, "11. Những thành viên trong hộ gia đình cùng thay đổi:");
  return {b.build()};
}

inline std::vector<PageText> judicial_form() {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP", 650);
  b.line(450, {{240, "1. Họ và tên: Phạm Quốc Tịch"}, {1500, "2. Giới tính: Nam"}});
  b.text(520, "3. Ngày, tháng, năm sinh: 03/04/1988");
  b.text(590, "4. Nơi sinh: Hà Nội");
  b.line(660, {{240, "5. Quốc tịch: Việt Nam"}, {1200, "6. Dân tộc: Kinh"}});
  b.text(730, "7. Nơi thường trú: 8 Tràng Tiền, phường Tràng Tiền,");
  b.text(790, "quận Hoàn Kiếm, Hà Nội", after(240, "7. Nơi thường trú:"));
  b.text(860, "8. Nơi tạm trú: 20 Nguyễn Huệ, phường Bến Nghé, Quận 1");
  b.text(930, "9. Giấy CMND/Hộ chiếu: CCCD Số: 001088012345 Cấp ngày 10/10/2021 Tại: Cục "
              "Cảnh sát QLHC về TTXH");
  b.text(1000, "10. Họ và tên cha: Phạm Văn Long");
  b.text(1070, "11. Họ và tên mẹ: Đỗ Thị Lan");
  b.text(1140, "12. Họ và tên vợ/chồng: Vũ Thị Hạnh");
  b.text(1210, "13. Số điện thoại/email: 0912345678");
  b.text(1300, "QUÁ TRÌNH CƯ TRÚ CỦA BẢN THÂN", 800);
  b.text(1380, "Từ 2006 đến nay: Hà Nội");
  b.text(1500, "Mục đích yêu cầu cấp Phiếu lý lịch tư pháp: Bổ sung hồ sơ xin việc");
  b.text(1570, "Số lượng Phiếu lý lịch tư pháp yêu cầu cấp: 02 Phiếu");
  return {b.build()};
}

inline std::vector<PageText> id_card() {
  PageBuilder b(2024, 1276);
  b.text(20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(80, "Độc lập - Tự do - Hạnh phúc", 740);
  b.text(150, "CĂN CƯỚC CÔNG DÂN", 800);
  b.text(210, "Citizen Identity Card", 800);
  b.text(300, "Số / No.: 079190001234", 700);
  b.text(380, "Họ và tên / Full name:", 700);
  b.text(440, "LÊ THỊ MAI", 700);
  b.text(520, "Ngày sinh / Date of birth: 12/07/1990", 700);
  b.line(590, {{700, "Giới tính / Sex: Nữ"}, {1250, "Quốc tịch / Nationality: Việt Nam"}});
  b.text(670, "Quê quán / Place of origin:", 700);
  b.text(730, "Hải Hậu, Nam Định", 700);
  b.line(810, {{700, "Nơi thường trú / Place of residence:"}, {1500, "12 Lê Lợi, Bến Nghé,"}});
  b.text(870, "Quận 1, TP. Hồ Chí Minh", 700);
  b.text(1150, "Có giá trị đến: 12/07/2030", 60);
  return {b.build()};
}

inline std::vector<PageText> decision() {
  PageBuilder b;
  b.line(150, {{150, "ỦY BAN NHÂN DÂN"}, {1250, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}});
  b.line(210, {{150, "PHƯỜNG BẾN NGHÉ"}, {1350, "Độc lập - Tự do - Hạnh phúc"}});
  b.line(280, {{300, "-------"}, {1500, "---------------"}});
  b.line(350, {{200, "Số: 15/QĐ-UBND"}, {1300, "Bến Nghé, ngày 05 tháng 01 năm 2026"}});
  b.text(550, "QUYẾT ĐỊNH", 1050);
  b.text(620, "Về việc cấp giấy phép kinh doanh hộ cá thể", 700);
  b.text(680, "cho ông Nguyễn Văn Bình", 850);
  b.text(760, "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ", 650);
  b.text(850, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", 300);
  b.text(920, "Xét đề nghị của Trưởng phòng Kinh tế,", 300);
  b.text(1000, "QUYẾT ĐỊNH:", 1050);
  b.text(1070, "Điều 1. Cấp giấy phép kinh doanh cho hộ ông Nguyễn Văn Bình.", 300);
  b.text(1140, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", 300);
  b.line(1600, {{240, "Nơi nhận:"}, {1500, "KT. CHỦ TỊCH"}});
  b.line(1660, {{240, "- Như Điều 2;"}, {1500, "PHÓ CHỦ TỊCH"}});
  b.text(1720, "- Lưu: VT.", 240);
  b.text(1780, "(Đã ký)", 1600);
  b.text(1900, "Trần Văn Cường", 1550);
  return {b.build()};
}

inline std::vector<PageText> letter() {
  PageBuilder b;
  motto(b);
  b.text(330, "ĐƠN XIN XÁC NHẬN CƯ TRÚ", 900);
  b.text(450, "Kính gửi: Công an phường Bến Nghé");
  b.text(520, "Tôi tên là: Nguyễn Văn An");
  b.text(590, "Ngày sinh: 01/01/1990");
  b.text(660, "Số CCCD: 001090012345");
  b.text(730, "Nơi thường trú: 12 Lê Lợi, phường Bến Nghé");
  b.text(800, "Nay tôi làm đơn này kính đề nghị Công an phường xác nhận nơi cư trú của tôi.");
  return {b.build()};
}

inline std::vector<PageText> receipt() {
  PageBuilder b;
  motto(b);
  b.text(330, "BIÊN NHẬN HỒ SƠ", 1000);
  b.text(450, "Họ và tên: Nguyễn Văn An");
  b.text(520, "Số điện thoại: 0903123456");
  b.text(590, "Nội dung: Đăng ký khai sinh");
  b.text(660, "Ngày hẹn trả kết quả: 12/11/2026");
  return {b.build()};
}

inline std::vector<PageText> power_of_attorney() {
  PageBuilder b;
  motto(b);
  b.text(330, "GIẤY ỦY QUYỀN", 1000);
  b.text(450, "Họ và tên: Nguyễn Văn An");
  b.text(520, "Ngày, tháng, năm sinh: 01/01/1990");
  b.text(590, "Giới tính: Nam");
  b.text(660, "Số định danh cá nhân: 001090012345");
  b.text(730, "Nơi thường trú: 12 Lê Lợi, phường Bến Nghé");
  b.text(800, "Họ và tên người được ủy quyền: Trần Văn Bảo");
  b.text(870, "Nội dung ủy quyền: nộp hồ sơ và nhận kết quả theo Quyết định số 15/QĐ-UBND");
  return {b.build()};
}

// A field's value in a result, "<absent>" when the field was not found.
inline std::string value(const FormsResult& r, const std::string& id) {
  const auto it = r.fields.find(id);
  return it == r.fields.end() ? "<absent>" : it->second.value;
}

} // namespace sohoa::forms::test
