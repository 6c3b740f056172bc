#include "sohoa/forms/normalize.hpp"
#include "forms/surnames.hpp"
#include "forms/text_fold.hpp"
#include <doctest/doctest.h>

using namespace sohoa::forms;

TEST_CASE("fold strips tone marks, diacritics and case, and maps đ to d") {
  CHECK(fold("Họ, chữ đệm, tên") == "ho, chu dem, ten");
  CHECK(fold("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh");
  CHECK(fold_alnum("Tên:") == "ten");
  CHECK(fold("Nguyễn Thị Ánh") == "nguyen thi anh");
}

TEST_CASE("to_nfc composes decomposed Vietnamese") {
  // "Việt" with the combining dot below and circumflex written separately.
  const std::string decomposed = "Vie\xCC\xA3\xCC\x82t";
  CHECK(to_nfc(decomposed) == "Vi\xE1\xBB\x87t");
  CHECK(to_nfc(decomposed) != decomposed);
}

TEST_CASE("clean_value removes leaders, footnotes and stray punctuation") {
  CHECK(clean_value(": Nguyễn  Văn   An ……") == "Nguyễn Văn An");
  CHECK(clean_value("(2) ......Phường Bến Nghé.....") == "Phường Bến Nghé");
  CHECK(clean_value("TP. Hồ Chí Minh") == "TP. Hồ Chí Minh");
  CHECK(clean_value("________") == "");
  CHECK(clean_value(":") == "");
}

TEST_CASE("dates become ISO from the printed forms") {
  CHECK(normalize_date("05/01/2020") == "2020-01-05");
  CHECK(normalize_date("5-1-2020") == "2020-01-05");
  CHECK(normalize_date("05.01.2020") == "2020-01-05");
  CHECK(normalize_date("ngày 05 tháng 01 năm 2020") == "2020-01-05");
  CHECK(normalize_date("ngay 5 thang 1 nam 2020") == "2020-01-05");
  CHECK(normalize_date("05 tháng 01 năm 2026") == "2026-01-05");
  CHECK(normalize_date("O5/0l/2O20") == "2020-01-05");
  CHECK(normalize_date("31/02/2020") == "2020-02-31"); // kept, validation flags it
  CHECK_FALSE(normalize_date("không rõ").has_value());
  CHECK_FALSE(normalize_date("2020").has_value());
}

TEST_CASE("identifier numbers keep digits only and fix OCR letter slips") {
  CHECK(normalize_id_digits("001203012345") == "001203012345");
  CHECK(normalize_id_digits("OO12O3O12345") == "001203012345");
  CHECK(normalize_id_digits("0012030I2B45") == "001203012845");
  CHECK(normalize_id_digits("O79S01234567") == "079501234567");
  CHECK(normalize_id_digits("001 203 012 345") == "001203012345");
  CHECK(normalize_id_digits("Căn cước công dân số 079203001234, cấp ngày 01/02/2021") ==
        "079203001234");
  CHECK(normalize_id_digits("Chứng minh nhân dân số 012345678 cấp ngày 01.02.2010") == "012345678");
  CHECK(normalize_id_digits("không có") == "");
}

TEST_CASE("digit slip fixing leaves words alone") {
  CHECK(fix_digit_slips("Số l02") == "Số 102");
  CHECK(fix_digit_slips("Bến Nghé") == "Bến Nghé");
}

TEST_CASE("gender is Nam or Nữ") {
  CHECK(normalize_gender("Nam") == "Nam");
  CHECK(normalize_gender("Male") == "Nam");
  CHECK(normalize_gender("Nữ") == "Nữ");
  CHECK(normalize_gender("nu") == "Nữ");
  CHECK(normalize_gender("NỮ") == "Nữ");
  CHECK(normalize_gender("Female") == "Nữ");
  CHECK(normalize_gender(": Nam ....") == "Nam");
  CHECK_FALSE(normalize_gender("Kinh").has_value());
}

TEST_CASE("phones, years, counts, emails and document numbers") {
  CHECK(normalize_phone("0903.123.456") == "0903123456");
  CHECK(normalize_phone("090 312 3456") == "0903123456");
  CHECK(normalize_year("1990") == "1990");
  CHECK(normalize_year("l99O") == "1990");
  CHECK(normalize_year("199G") == "1996"); // the open bowl of a 6
  CHECK_FALSE(normalize_year("90").has_value());
  CHECK(normalize_count("02 Phiếu") == "2");
  CHECK(normalize_count("01") == "1");
  CHECK(normalize_email(" An.Nguyen @ Gmail.com ") == "an.nguyen@gmail.com");
  CHECK(normalize_doc_number("Số: 123 / QĐ-UBND") == "123/QĐ-UBND");
  CHECK(normalize_doc_number("05/2026/QĐ-UBND") == "05/2026/QĐ-UBND");
  // The bar of Đ read twice, once as the look-alike Ð (U+00D0), or in its place.
  CHECK(normalize_doc_number("93/QĐ\u00D0-UBND") == "93/QĐ-UBND");
  CHECK(normalize_doc_number("93/Q\u00D0-UBND") == "93/QĐ-UBND");
  CHECK(normalize_doc_number("12/ĐĐBQH-VP") == "12/ĐĐBQH-VP");
}

TEST_CASE("normalize_value keeps what it cannot normalize, cleaned") {
  CHECK(normalize_value(ValueKind::date, "không rõ") == "không rõ");
  CHECK(normalize_value(ValueKind::name, " Trần   Thị  Bích ....") == "Trần Thị Bích");
  CHECK(normalize_value(ValueKind::id_document, "C 1234567") == "C1234567");
  CHECK(normalize_value(ValueKind::phone_or_email, "0912 345 678") == "0912345678");
  CHECK(normalize_value(ValueKind::phone_or_email, "ha@example.vn") == "ha@example.vn");
  CHECK(normalize_value(ValueKind::gender, "Nữ/F") == "Nữ");
}

TEST_CASE("a name's first word slipped off a surname by its marks is restored") {
  const std::vector<std::string> surnames = {"Nguyễn", "Đinh", "Võ", "Vũ", "Đoàn", "Doãn", "Lê"};
  CHECK(restore_surname("Đỉnh Bảo Dung", surnames) == "Đinh Bảo Dung");
  CHECK(restore_surname("NGUYÊN ĐỨC TRUNG", surnames) == "NGUYỄN ĐỨC TRUNG");
  CHECK(restore_surname("VỎ DIỆU DUNG", surnames) == "VÕ DIỆU DUNG");
  // Already a surname, or not one at all: unchanged.
  CHECK(restore_surname("Vũ Văn An", surnames) == "Vũ Văn An");
  CHECK(restore_surname("Lê Thị Mai", surnames) == "Lê Thị Mai");
  CHECK(restore_surname("Quang Minh Tuấn", surnames) == "Quang Minh Tuấn");
  // Two surnames fold alike (Đoàn, Doãn): no way to choose.
  CHECK(restore_surname("Đoản Văn Hậu", surnames) == "Đoản Văn Hậu");
  // Only the first word, and only of a name of two words or more.
  CHECK(restore_surname("Nguyên", surnames) == "Nguyên");
  CHECK(restore_surname("Trần Văn Đỉnh", surnames) == "Trần Văn Đỉnh");
}

TEST_CASE("a dot read between the words of a name becomes the space it stands for") {
  CHECK(normalize_value(ValueKind::name, "Lê.Thành. Nghĩa") == "Lê Thành Nghĩa");
  CHECK(normalize_value(ValueKind::name, "Vũ Thị.Anh") == "Vũ Thị Anh");
  CHECK(normalize_value(ValueKind::name, "NGUYỄN VĂN AN") == "NGUYỄN VĂN AN");
  // Other kinds keep their dots: "TP. Huế".
  CHECK(normalize_value(ValueKind::text, "TP. Huế") == "TP. Huế");
}
