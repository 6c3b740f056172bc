#include "catalog_fixture.hpp"
#include "forms/name_syllables.hpp"
#include "forms/street_names.hpp"
#include "sohoa/core/error.hpp"
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace sohoa;
using namespace sohoa::forms;

namespace {

NameSyllables small_list() {
  return NameSyllables({{"thắng", 105},
                        {"tám", 1},
                        {"tâm", 142},
                        {"ngọc", 584},
                        {"văn", 985},
                        {"thanh", 564},
                        {"thành", 348},
                        {"thụy", 30},
                        {"thúy", 60},
                        {"tuân", 12},
                        {"tuấn", 365},
                        {"diễm", 43}});
}

} // namespace

TEST_CASE("a rare name syllable one set of marks off a far more common one is restored") {
  const NameSyllables list = small_list();
  const NameSyllableCheck c = check_name_syllables("Lê Văn Thẳng", list);
  CHECK(c.value == "Lê Văn Thắng");
  CHECK(c.restored == 1);
  CHECK(c.unknown == 0);
  // Marks lost altogether, and a name in capitals keeps its case.
  CHECK(check_name_syllables("Trần Thị Ngoc Anh", list).value == "Trần Thị Ngọc Anh");
  CHECK(check_name_syllables("VŨ NGOC", list).value == "VŨ NGỌC");
}

TEST_CASE("a name syllable many names hold is kept, however common its neighbour") {
  const NameSyllables list = small_list();
  CHECK(check_name_syllables("Võ Thành Tuân", list).value == "Võ Thành Tuân"); // 12 names
  CHECK(check_name_syllables("Lê Văn Tám", list).value == "Lê Văn Tám");       // 1 name
  CHECK(check_name_syllables("Lê Thị Thanh", list).value == "Lê Thị Thanh");
  // Both tone placements are one syllable: "thuỵ" counts the names of "thụy".
  CHECK(list.count("thuỵ") == 30);
  CHECK(check_name_syllables("Hà Thuỵ", list).value == "Hà Thuỵ");
}

TEST_CASE("đ is a letter apart: a name is not moved from đ to d") {
  const NameSyllables list = small_list();
  const NameSyllableCheck c = check_name_syllables("Trần Điềm", list);
  CHECK(c.value == "Trần Điềm");
  CHECK(c.unknown == 1);
}

TEST_CASE("the family name is left alone and unknown middle or given syllables are counted") {
  const NameSyllables list = small_list();
  const NameSyllableCheck c = check_name_syllables("Ngoc Xyz Thắng", list);
  CHECK(c.value == "Ngoc Xyz Thắng");
  CHECK(c.unknown == 1);
  CHECK(check_name_syllables("H'Mai Thắng", list).unknown == 0);
  CHECK(check_name_syllables("Lê Văn Thẳng", NameSyllables()).value == "Lê Văn Thẳng");
}

TEST_CASE("the name syllable list loads from its tsv and refuses a line without a count") {
  const auto dir = std::filesystem::temp_directory_path() / "sohoa_name_syllables_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "good.tsv");
    out << "# comment\nthắng\t105\nThắng\t1\nthẳng\t1\n";
    std::ofstream bad(dir / "bad.tsv");
    bad << "thắng\n";
  }
  const NameSyllables list = NameSyllables::load_tsv(dir / "good.tsv");
  CHECK(list.count("thắng") == 106); // spellings in other cases add up
  CHECK(list.count("thẳng") == 1);
  CHECK(list.far_more_common("thẳng") == std::nullopt); // one name holds it
  CHECK(list.far_more_common("thăng") == std::optional<std::string>("thắng"));
  CHECK_THROWS_AS(NameSyllables::load_tsv(dir / "bad.tsv"), Error);
  CHECK_THROWS_AS(NameSyllables::load_tsv(dir / "missing.tsv"), Error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("street names that are people's names are restored like names, others kept") {
  const auto& surnames = sohoa::forms::test::catalog().surnames();
  const auto& syllables = sohoa::forms::test::catalog().name_syllables();
  const auto restored = [&](const std::string& address) {
    return restore_street_names(address, surnames, syllables).value;
  };
  CHECK(restored("Số 12, đường Tôn Đức Thẳng, phường Bến Nghé") ==
        "Số 12, đường Tôn Đức Thắng, phường Bến Nghé");
  CHECK(restored("Số 65, đường Đỉnh Tiên Hoàng, phường Đông Thọ") ==
        "Số 65, đường Đinh Tiên Hoàng, phường Đông Thọ");
  // Places and events, and a first word that is a name of its own, stay.
  for (const char* kept :
       {"Số 216, đường Điện Biên Phủ, phường Điện Biên", "Số 3, đường Cách Mạng Tháng Tám, quận 3",
        "Số 9, phố Đông Du, quận 1", "Số 1, phố Hàng Bạc, quận Hoàn Kiếm"}) {
    CHECK(restored(kept) == kept);
  }
  // A ward's number read with a letter.
  const StreetCheck ward =
      restore_street_names("Số 109, đường Lê Duẩn, phường l4, quận 3", surnames, syllables);
  CHECK(ward.value == "Số 109, đường Lê Duẩn, phường 14, quận 3");
  CHECK(ward.restored == 1);
}
