// The gazetteer and the official lists (schemas/gazetteer/) restore and validate
// places, ethnic groups and nationalities.
#include "catalog_fixture.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/vocabulary_check.hpp"
#include "forms_fixtures.hpp"
#include "forms/gazetteer.hpp"
#include "forms/term_list.hpp"
#include "forms/unit_names.hpp"
#include "forms/text_fold.hpp"
#include <doctest/doctest.h>

using namespace sohoa::forms;
using sohoa::forms::test::catalog;

TEST_CASE("the bundled gazetteer holds both lists: 63 provinces before 2025, 34 after") {
  const Gazetteer& g = catalog().gazetteer();
  REQUIRE_FALSE(g.empty());
  // The two lists, and 968 units of 1 November 2024 ended before March 2025.
  CHECK(g.size() == 63 + 696 + 10047 + 34 + 3321 + 968);
  CHECK(g.check("Tỉnh Thừa Thiên Huế").hit());
  CHECK(g.check("phường Phú Hội, thành phố Huế, tỉnh Thừa Thiên Huế").units_found == 3);
}

TEST_CASE("a name in the other tone placement style is no slip") {
  const Gazetteer& g = catalog().gazetteer();
  // The list writes "Yên Hoà"; "Yên Hòa" is the same name.
  const PlaceCheck p = g.check("phường Yên Hòa, quận Cầu Giấy, thành phố Hà Nội");
  CHECK(p.hit());
  CHECK(p.corrections == 0);
  CHECK(spelling_key("Thuỵ Khuê") == spelling_key("Thụy Khuê"));
}

TEST_CASE("a three-level address is found from its province down and its slips restored") {
  const Gazetteer& g = catalog().gazetteer();
  const PlaceCheck exact =
      g.check("Số 12, đường Lê Lợi, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh");
  CHECK(exact.hit());
  CHECK(exact.units_found == 3);
  CHECK(exact.corrections == 0);

  // A tone mark slipped on the ward, a letter on the province: one name each
  // under its parent folds to or lies one edit from the reading.
  const PlaceCheck slipped =
      g.check("Số 12, đường Lê Lợi, phường Bến Nghẻ, quận 1, Thành phố Hồ Chí Mình");
  CHECK(slipped.hit());
  CHECK(slipped.corrections == 2);
  CHECK(slipped.value == "Số 12, đường Lê Lợi, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh");

  const PlaceCheck near = g.check("phường 11, quận Bình Thạmh, TP. Hồ Chí Minh");
  CHECK(near.hit());
  CHECK(near.value == "phường 11, quận Bình Thạnh, TP. Hồ Chí Minh");
  // Two letters off a nine-letter name is too far to be a slip.
  CHECK_FALSE(g.check("phường 11, quận Bình Thàmm, TP. Hồ Chí Minh").hit());
}

TEST_CASE("a two-level address of the 2025 list is found, its case kept") {
  const Gazetteer& g = catalog().gazetteer();
  const PlaceCheck p = g.check("PHƯỜNG SÀI GÒN, THÀNH PHỐ HỒ CHÍ MINH");
  CHECK(p.hit());
  CHECK(p.units_found == 2);
  const PlaceCheck slipped = g.check("Phường Sải Gòn, Thành phố Hồ Chí Minh");
  CHECK(slipped.value == "Phường Sài Gòn, Thành phố Hồ Chí Minh");
}

TEST_CASE("a unit that does not exist under its parent is reported, nothing is invented") {
  const Gazetteer& g = catalog().gazetteer();
  const PlaceCheck p =
      g.check("phường Hoa Mai Vàng, quận 1, Thành phố Hồ Chí Minh", Gazetteer::Ending::province);
  CHECK(p.unknown_unit);
  CHECK_FALSE(p.hit());
  CHECK(p.value == "phường Hoa Mai Vàng, quận 1, Thành phố Hồ Chí Minh");
  // Free text with no unit type in it is no place, and no error either.
  const PlaceCheck agency = g.check("Cục Cảnh sát QLHC về TTXH");
  CHECK_FALSE(agency.hit());
  CHECK_FALSE(agency.unknown_unit);
  // A hospital before the province: the province alone is checked.
  const PlaceCheck birth = g.check("Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh");
  CHECK(birth.hit());
  CHECK(birth.units_found == 1);
}

TEST_CASE("two names as near as each other are left as read") {
  const Gazetteer g({{"01", UnitLevel::province, "Tỉnh", "Thử", "", false},
                     {"001", UnitLevel::district, "Huyện", "Tân An", "01", false},
                     {"002", UnitLevel::district, "Huyện", "Tân Ân", "01", false},
                     {"003", UnitLevel::district, "Huyện", "Tân Hòa", "01", false}});
  const PlaceCheck printed = g.check("huyện Tân Ân, tỉnh Thử");
  CHECK(printed.hit());
  CHECK(printed.corrections == 0);
  const PlaceCheck slipped = g.check("huyện Tán An, tỉnh Thử");
  CHECK_FALSE(slipped.hit());
  CHECK(slipped.value == "huyện Tán An, tỉnh Thử");
  CHECK(g.check("huyện Tân Hoà, tỉnh Thử").value == "huyện Tân Hoà, tỉnh Thử"); // placement style
  CHECK(g.check("huyện Tân Hóa, tỉnh Thử").value == "huyện Tân Hòa, tỉnh Thử");
}

TEST_CASE("ethnic groups and nationalities are restored from their lists") {
  const TermList& ethnic = catalog().ethnicities();
  CHECK(ethnic.match("Kinh").hit);
  CHECK(ethnic.match("Kính").value == "Kinh");
  CHECK(ethnic.match("Mương").value == "Mường");
  CHECK(ethnic.match("H'Mông").hit);
  CHECK_FALSE(ethnic.match("Kinh").corrected);
  CHECK_FALSE(ethnic.match("Sao Hỏa").hit);
  const TermList& nations = catalog().nationalities();
  CHECK(nations.match("Việt Nam").hit);
  CHECK(nations.match("Việt Nảm").value == "Việt Nam");
  CHECK(nations.match("VIỆT NAM").hit);
  CHECK(nations.match("Hàn Quốc").hit);
}

TEST_CASE("short names are not corrected by edit distance") {
  const TermList list(std::vector<std::string>{"Co", "Dao"});
  CHECK_FALSE(list.match("Ca").hit);
  CHECK(list.match("Dao").hit);
  CHECK(allowed_slips(3) == 0);
  CHECK(allowed_slips(4) == 1);
  CHECK(allowed_slips(12) == 2);
}

TEST_CASE("a bare place name is found at any level, its marks restored only when folds agree") {
  const Gazetteer& g = catalog().gazetteer();
  CHECK(g.check("Dư Hàng Kênh").hit());
  CHECK(g.check("Dư Hàng Kềnh").value == "Dư Hàng Kênh");
  CHECK(g.check("Hồ Chí Minh").hit());
  // A city or ward of its own, the province left out.
  CHECK(g.check("Thành phố Hạ Long").hit());
  CHECK(g.check("Phường An Biên").hit());
  CHECK(g.check("phường Bến Nghé, quận 1").units_found == 2);
  CHECK(g.check("Phường Hoa Mai Vàng").unknown_unit);
  // An address must reach its province: cut short, it is unconfirmed, not wrong.
  const PlaceCheck cut = g.check("12 Lê Lợi, phường Bến Nghé", Gazetteer::Ending::province);
  CHECK_FALSE(cut.hit());
  CHECK_FALSE(cut.unknown_unit);
  // One letter off a bare name is not enough: names recur across the country.
  CHECK_FALSE(g.check("Dư Hàng Kêng").hit());
}

namespace {

void replace_word(std::vector<sohoa::PageText>& pages, const std::string& from,
                  const std::string& to) {
  for (auto& line : pages[0].lines) {
    for (auto& w : line.words) {
      if (w.text == from) {
        w.text = to;
      }
    }
  }
}

} // namespace

TEST_CASE("a card's place fields are restored from the gazetteer, a cut residence flagged") {
  std::vector<sohoa::PageText> pages = sohoa::forms::test::id_card();
  replace_word(pages, "Định", "Đỉnh"); // "Hải Hậu, Nam Đỉnh"
  // The residence's second line is lost: what is left names no province.
  std::erase_if(pages[0].lines, [](const sohoa::OcrLine& l) {
    return !l.words.empty() && l.words.front().text == "Quận";
  });
  const sohoa::FormsResult r = analyze(catalog(), pages);
  REQUIRE(r.fields.count("place_of_origin") == 1);
  CHECK(r.fields.at("place_of_origin").value == "Hải Hậu, Nam Định");
  CHECK_FALSE(r.fields.at("place_of_origin").needs_review);
  REQUIRE(r.fields.count("place_of_residence") == 1);
  CHECK(r.fields.at("place_of_residence").value == "12 Lê Lợi, Bến Nghé");
  CHECK(r.fields.at("place_of_residence").needs_review);
  CHECK(r.fields.at("nationality").value == "Việt Nam");
  CHECK_FALSE(r.fields.at("nationality").needs_review);
}

TEST_CASE("an ethnic group outside the 54 and a ward that does not exist are issues") {
  std::vector<sohoa::PageText> pages = sohoa::forms::test::id_card();
  replace_word(pages, "Nam", "Narnia");     // the nationality
  replace_word(pages, "Bến", "phường Hoa"); // "phường Hoa Vàng": not under Quận 1
  replace_word(pages, "Nghé,", "Vàng,");
  const sohoa::FormsResult r = analyze(catalog(), pages);
  bool nationality_issue = false;
  bool place_issue = false;
  for (const auto& i : r.issues) {
    nationality_issue = nationality_issue || (i.field == "nationality" && i.code == "not_in_list");
    place_issue = place_issue || (i.field == "place_of_residence" && i.code == "unknown_place");
  }
  CHECK(nationality_issue);
  CHECK(place_issue);
  CHECK(r.fields.at("nationality").needs_review);
}

TEST_CASE("a full stop read for the comma before a unit type separates the parts") {
  const Gazetteer& g = catalog().gazetteer();
  const PlaceCheck p = g.check("phường Phú Hội, thành phố Huế. tỉnh Thừa Thiên Huế");
  CHECK(p.hit());
  CHECK(p.units_found == 3);
  CHECK(p.value == "phường Phú Hội, thành phố Huế, tỉnh Thừa Thiên Huế");
  // A dot after an abbreviation, followed by a name, is no separator.
  const PlaceCheck abbreviated = g.check("phường Bến Nghé, quận 1, TP. Hồ Chí Minh");
  CHECK(abbreviated.units_found == 3);
  CHECK(abbreviated.value == "phường Bến Nghé, quận 1, TP. Hồ Chí Minh");
}

TEST_CASE("a unit type word read with a slip is restored when its unit is found") {
  const Gazetteer& g = catalog().gazetteer();
  const PlaceCheck p = g.check("thôn Trung, xã Nghi Phong, huyvên Nghi Lộc, tỉnh Nghệ An");
  CHECK(p.hit());
  CHECK(p.units_found == 3);
  CHECK(p.value == "thôn Trung, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An");
  const PlaceCheck upper = g.check("PHUÒNG BẾN NGHÉ, QUẬN 1, THÀNH PHỐ HỒ CHÍ MINH");
  CHECK(upper.units_found == 3);
  CHECK(upper.value == "PHƯỜNG BẾN NGHÉ, QUẬN 1, THÀNH PHỐ HỒ CHÍ MINH");
  // A near type word before no unit of that name is left as read, and is no
  // unit reported missing: it may be no type word at all.
  const PlaceCheck unknown = g.check("huyvên Không Có, tỉnh Nghệ An");
  CHECK(unknown.units_found == 1);
  CHECK_FALSE(unknown.unknown_unit);
  CHECK(unknown.value == "huyvên Không Có, tỉnh Nghệ An");
}

TEST_CASE("an address's house number word is Số whatever the recognizer made of it") {
  FieldSpec residence;
  residence.id = "place_of_residence";
  residence.vocabulary = Vocabulary::address;
  const auto checked = [&](const char* value) {
    return check_against_list(residence, catalog(), value).value;
  };
  CHECK(checked("S0 233, đường Lê Lợi, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh") ==
        "Số 233, đường Lê Lợi, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh");
  CHECK(checked("SỐ 12, đường Lê Lợi, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh") ==
        "Số 12, đường Lê Lợi, phường Bến Nghé, quận 1, Thành phố Hồ Chí Minh");
  CHECK(checked("SỐ 12, ĐƯỜNG LÊ LỢI, PHƯỜNG BẾN NGHÉ, QUẬN 1, THÀNH PHỐ HỒ CHÍ MINH") ==
        "SỐ 12, ĐƯỜNG LÊ LỢI, PHƯỜNG BẾN NGHÉ, QUẬN 1, THÀNH PHỐ HỒ CHÍ MINH");
  CHECK(checked("S5 40, đường Hùng Vương, phường Hòa Cường Bắc, quận Hải Châu, thành phố Đà "
                "Nẵng") ==
        "Số 40, đường Hùng Vương, phường Hòa Cường Bắc, quận Hải Châu, thành phố Đà Nẵng");
  // Not before a number, not a house number.
  CHECK(checked("Sơn Tây, thành phố Hà Nội") == "Sơn Tây, thành phố Hà Nội");
}

TEST_CASE("an address cut after a unit type word names no province by edit distance") {
  const Gazetteer& g = catalog().gazetteer();
  // "huyen" is one edit from "Phú Yên" folded: a bare type word is no name.
  const PlaceCheck cut = g.check("thôn Hạ, xã Hải Đường, huyện", Gazetteer::Ending::province);
  CHECK(cut.units_found == 0);
  CHECK(cut.value == "thôn Hạ, xã Hải Đường, huyện");
  CHECK(g.check("thôn Hạ, tỉnh Phú Yên", Gazetteer::Ending::province).units_found == 1);
}

TEST_CASE("unit names inside running text are restored from the gazetteer") {
  const Gazetteer& g = catalog().gazetteer();
  CHECK(restore_unit_names("Ủy ban nhân dân phường Hàng Bac", g).value ==
        "Ủy ban nhân dân phường Hàng Bạc");
  CHECK(restore_unit_names("Tách hộ tại thôn Trung, xã Kiêu Ky, huyện Gia Lâm", g).value ==
        "Tách hộ tại thôn Trung, xã Kiêu Kỵ, huyện Gia Lâm");
  const UnitNamesCheck agency = restore_unit_names("UBND THÀNH PHỐ ĐÀ NẰNG SỞ TƯ PHÁP", g);
  CHECK(agency.value == "UBND THÀNH PHỐ ĐÀ NẴNG SỞ TƯ PHÁP");
  CHECK(agency.restored == 1);
  // Spelt right, or no unit of that type folds alike: left as read.
  for (const char* kept :
       {"Công an phường Bến Nghé, quận 1", "Ủy ban nhân dân xã Zzz Yyy", "Tổ công tác số hóa"}) {
    CHECK(restore_unit_names(kept, g).value == kept);
    CHECK(restore_unit_names(kept, g).restored == 0);
  }
}

TEST_CASE("a unit name with a mark in it is left as read, for the review to see") {
  const Gazetteer& g = catalog().gazetteer();
  CHECK(restore_unit_names("Công an xã \"Hải Hậu", g).value == "Công an xã \"Hải Hậu");
}
