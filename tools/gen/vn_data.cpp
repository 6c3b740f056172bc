#include "tools/gen/vn_data.hpp"

#include <stdexcept>

namespace sohoa::gen {

const std::vector<Province>& provinces() {
  static const std::vector<Province> k_list = {
      {"001", "Hà Nội", "thành phố"},
      {"002", "Hà Giang", "tỉnh"},
      {"004", "Cao Bằng", "tỉnh"},
      {"006", "Bắc Kạn", "tỉnh"},
      {"008", "Tuyên Quang", "tỉnh"},
      {"010", "Lào Cai", "tỉnh"},
      {"011", "Điện Biên", "tỉnh"},
      {"012", "Lai Châu", "tỉnh"},
      {"014", "Sơn La", "tỉnh"},
      {"015", "Yên Bái", "tỉnh"},
      {"017", "Hòa Bình", "tỉnh"},
      {"019", "Thái Nguyên", "tỉnh"},
      {"020", "Lạng Sơn", "tỉnh"},
      {"022", "Quảng Ninh", "tỉnh"},
      {"024", "Bắc Giang", "tỉnh"},
      {"025", "Phú Thọ", "tỉnh"},
      {"026", "Vĩnh Phúc", "tỉnh"},
      {"027", "Bắc Ninh", "tỉnh"},
      {"030", "Hải Dương", "tỉnh"},
      {"031", "Hải Phòng", "thành phố"},
      {"033", "Hưng Yên", "tỉnh"},
      {"034", "Thái Bình", "tỉnh"},
      {"035", "Hà Nam", "tỉnh"},
      {"036", "Nam Định", "tỉnh"},
      {"037", "Ninh Bình", "tỉnh"},
      {"038", "Thanh Hóa", "tỉnh"},
      {"040", "Nghệ An", "tỉnh"},
      {"042", "Hà Tĩnh", "tỉnh"},
      {"044", "Quảng Bình", "tỉnh"},
      {"045", "Quảng Trị", "tỉnh"},
      {"046", "Thừa Thiên Huế", "tỉnh"},
      {"048", "Đà Nẵng", "thành phố"},
      {"049", "Quảng Nam", "tỉnh"},
      {"051", "Quảng Ngãi", "tỉnh"},
      {"052", "Bình Định", "tỉnh"},
      {"054", "Phú Yên", "tỉnh"},
      {"056", "Khánh Hòa", "tỉnh"},
      {"058", "Ninh Thuận", "tỉnh"},
      {"060", "Bình Thuận", "tỉnh"},
      {"062", "Kon Tum", "tỉnh"},
      {"064", "Gia Lai", "tỉnh"},
      {"066", "Đắk Lắk", "tỉnh"},
      {"067", "Đắk Nông", "tỉnh"},
      {"068", "Lâm Đồng", "tỉnh"},
      {"070", "Bình Phước", "tỉnh"},
      {"072", "Tây Ninh", "tỉnh"},
      {"074", "Bình Dương", "tỉnh"},
      {"075", "Đồng Nai", "tỉnh"},
      {"077", "Bà Rịa - Vũng Tàu", "tỉnh"},
      {"079", "Hồ Chí Minh", "thành phố"},
      {"080", "Long An", "tỉnh"},
      {"082", "Tiền Giang", "tỉnh"},
      {"083", "Bến Tre", "tỉnh"},
      {"084", "Trà Vinh", "tỉnh"},
      {"086", "Vĩnh Long", "tỉnh"},
      {"087", "Đồng Tháp", "tỉnh"},
      {"089", "An Giang", "tỉnh"},
      {"091", "Kiên Giang", "tỉnh"},
      {"092", "Cần Thơ", "thành phố"},
      {"093", "Hậu Giang", "tỉnh"},
      {"094", "Sóc Trăng", "tỉnh"},
      {"095", "Bạc Liêu", "tỉnh"},
      {"096", "Cà Mau", "tỉnh"},
  };
  return k_list;
}

const Province& province_by_code(const std::string& code) {
  for (const auto& p : provinces()) {
    if (p.code == code) {
      return p;
    }
  }
  throw std::out_of_range("unknown province code " + code);
}

const std::vector<Locality>& localities() {
  static const std::vector<Locality> k_list = {
      {"079",
       "quận 1",
       {"phường Bến Nghé", "phường Bến Thành", "phường Đa Kao", "phường Tân Định"}},
      {"079", "quận 3", {"phường Võ Thị Sáu", "phường 9", "phường 14"}},
      {"079", "thành phố Thủ Đức", {"phường Linh Trung", "phường Thảo Điền", "phường Hiệp Phú"}},
      {"079", "huyện Bình Chánh", {"xã Vĩnh Lộc A", "xã Bình Hưng", "thị trấn Tân Túc"}},
      {"001", "quận Hoàn Kiếm", {"phường Hàng Bạc", "phường Tràng Tiền", "phường Hàng Trống"}},
      {"001", "quận Cầu Giấy", {"phường Dịch Vọng", "phường Nghĩa Đô", "phường Yên Hòa"}},
      {"001", "huyện Gia Lâm", {"xã Đa Tốn", "xã Kiêu Kỵ", "thị trấn Trâu Quỳ"}},
      {"048", "quận Hải Châu", {"phường Thạch Thang", "phường Hòa Cường Bắc"}},
      {"031", "quận Lê Chân", {"phường An Biên", "phường Dư Hàng Kênh"}},
      {"092", "quận Ninh Kiều", {"phường An Hòa", "phường Xuân Khánh"}},
      {"038", "thành phố Thanh Hóa", {"phường Điện Biên", "phường Đông Thọ"}},
      {"040", "huyện Nghi Lộc", {"xã Nghi Phong", "xã Nghi Thái"}},
      {"036", "huyện Hải Hậu", {"xã Hải Đường", "thị trấn Yên Định"}},
      {"052", "thành phố Quy Nhơn", {"phường Lê Lợi", "phường Ghềnh Ráng"}},
      {"066", "thành phố Buôn Ma Thuột", {"phường Tân Lợi", "xã Ea Kao"}},
      {"089", "thành phố Long Xuyên", {"phường Mỹ Bình", "phường Mỹ Long"}},
      {"046", "thành phố Huế", {"phường Phú Hội", "phường Vĩnh Ninh"}},
      {"022", "thành phố Hạ Long", {"phường Bãi Cháy", "phường Hồng Gai"}},
  };
  return k_list;
}

const std::vector<std::string>& family_names() {
  // Weighted by repetition: Nguyễn, Trần, Lê and Phạm are the most common.
  static const std::vector<std::string> k_list = {
      "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần",  "Lê",    "Lê",  "Phạm", "Phạm",
      "Hoàng",  "Huỳnh",  "Phan",   "Vũ",     "Võ",   "Đặng",  "Bùi",   "Đỗ",  "Hồ",   "Ngô",
      "Dương",  "Lý",     "Đinh",   "Trương", "Đoàn", "Lương", "Trịnh", "Mai", "Cao",  "Tạ"};
  return k_list;
}

const std::vector<std::string>& male_middle_names() {
  static const std::vector<std::string> k_list = {
      "Văn",  "Văn",   "Hữu",   "Đức", "Minh", "Quang", "Thành", "Công",  "Xuân",    "Đình",
      "Ngọc", "Thanh", "Hoàng", "Gia", "Bảo",  "Tuấn",  "Anh",   "Trọng", "Văn Đức", "Hữu Minh"};
  return k_list;
}

const std::vector<std::string>& female_middle_names() {
  static const std::vector<std::string> k_list = {
      "Thị", "Thị", "Thị", "Ngọc",  "Thu",  "Thanh", "Minh",    "Phương",  "Hồng",
      "Kim", "Mỹ",  "Bảo", "Khánh", "Thùy", "Diệu",  "Thị Thu", "Ngọc Bảo"};
  return k_list;
}

const std::vector<std::string>& male_given_names() {
  static const std::vector<std::string> k_list = {
      "An",    "Bình", "Cường", "Dũng",  "Đạt",  "Hải",  "Hùng",  "Huy", "Khánh", "Khoa",  "Long",
      "Minh",  "Nam",  "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài",   "Thắng", "Thịnh",
      "Trung", "Tuấn", "Việt",  "Vinh",  "Vũ",   "Hiếu", "Đức",   "Lộc", "Toàn",  "Kiên"};
  return k_list;
}

const std::vector<std::string>& female_given_names() {
  static const std::vector<std::string> k_list = {
      "Anh",   "Chi",   "Dung",  "Giang", "Hà",     "Hằng",  "Hạnh", "Hoa",
      "Hương", "Huyền", "Lan",   "Linh",  "Loan",   "Mai",   "My",   "Nga",
      "Ngân",  "Ngọc",  "Nhung", "Oanh",  "Phương", "Quỳnh", "Thảo", "Thủy",
      "Trang", "Trâm",  "Tuyết", "Uyên",  "Vân",    "Yến",   "Diệp", "Hiền"};
  return k_list;
}

const std::vector<std::string>& street_names() {
  static const std::vector<std::string> k_list = {"Lê Lợi",
                                                  "Nguyễn Huệ",
                                                  "Trần Hưng Đạo",
                                                  "Hai Bà Trưng",
                                                  "Lý Thường Kiệt",
                                                  "Điện Biên Phủ",
                                                  "Nguyễn Trãi",
                                                  "Lê Duẩn",
                                                  "Phan Đình Phùng",
                                                  "Hoàng Diệu",
                                                  "Nguyễn Thị Minh Khai",
                                                  "Võ Văn Tần",
                                                  "Cách Mạng Tháng Tám",
                                                  "Quang Trung",
                                                  "Trường Chinh",
                                                  "Bà Triệu",
                                                  "Hùng Vương",
                                                  "Phạm Ngũ Lão",
                                                  "Lạc Long Quân",
                                                  "Nguyễn Đình Chiểu",
                                                  "Pasteur",
                                                  "Đinh Tiên Hoàng",
                                                  "Tôn Đức Thắng",
                                                  "Xuân Thủy"};
  return k_list;
}

const std::vector<std::string>& ethnicities() {
  // Kinh dominates, as in the population.
  static const std::vector<std::string> k_list = {
      "Kinh", "Kinh",  "Kinh",  "Kinh", "Kinh", "Kinh",   "Kinh", "Kinh", "Tày",
      "Thái", "Mường", "Khmer", "Hoa",  "Nùng", "H'Mông", "Dao",  "Ê Đê", "Chăm"};
  return k_list;
}

const std::vector<std::string>& hospitals() {
  static const std::vector<std::string> k_list = {
      "Bệnh viện Từ Dũ",          "Bệnh viện Hùng Vương",   "Bệnh viện Phụ sản Trung ương",
      "Bệnh viện Phụ sản Hà Nội", "Bệnh viện Đa khoa tỉnh", "Trạm y tế",
      "Bệnh viện Nhi Đồng 1"};
  return k_list;
}

const std::vector<std::string>& email_domains() {
  static const std::vector<std::string> k_list = {"gmail.com",   "yahoo.com", "outlook.com",
                                                  "hotmail.com", "vnpt.vn",   "fpt.vn"};
  return k_list;
}

const std::vector<std::string>& purposes_judicial() {
  static const std::vector<std::string> k_list = {
      "Bổ sung hồ sơ xin việc", "Xin việc làm",
      "Bổ sung hồ sơ du học",   "Xin cấp thị thực lao động nước ngoài",
      "Thành lập doanh nghiệp", "Bổ sung hồ sơ đăng ký kết hôn với người nước ngoài",
      "Xin nhập quốc tịch"};
  return k_list;
}

const std::vector<std::string>& occupations() {
  static const std::vector<std::string> k_list = {
      "Học sinh",   "Sinh viên", "Nhân viên văn phòng", "Kỹ sư",   "Giáo viên",
      "Kinh doanh", "Công nhân", "Lao động tự do",      "Kế toán", "Bác sĩ"};
  return k_list;
}

} // namespace sohoa::gen
