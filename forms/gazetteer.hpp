#pragma once
// Vietnam's administrative units (schemas/gazetteer/units.v1.tsv: the GSO lists
// before and after the 1 July 2025 reorganization) to validate and restore the
// place names of address fields. An address is read from its end: the province,
// then (before 2025) the district, then the commune, each looked for among the
// children of the unit found before it; what precedes them (house, street, hamlet,
// a hospital) is left as printed. OCR slips tone marks on names, and within one
// parent a slipped name folds to, or lies within a small edit of, one official
// name only: that name's spelling is restored.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

enum class UnitLevel { province, district, commune };

struct AdminUnit {
  std::string code;
  UnitLevel level = UnitLevel::commune;
  std::string type;   // "Tỉnh", "Thành phố", "Quận", "Phường", ...
  std::string name;   // without the type word
  std::string parent; // code of the province or district; empty for a province
  bool after_2025 = false;
  std::string name_fold; // filled by Gazetteer: fold_alnum(name)
  std::string type_fold; // filled by Gazetteer: fold(type)
};

struct PlaceCheck {
  std::string value;         // with official spellings restored
  int units_found = 0;       // administrative units resolved, from the province down
  int corrections = 0;       // names whose spelling was restored
  bool unknown_unit = false; // a part names a unit type ("phường X") not found there
  // The province and every part naming a unit type resolved: the place exists.
  bool hit() const { return units_found > 0 && !unknown_unit; }
};

class Gazetteer {
public:
  Gazetteer() = default;
  explicit Gazetteer(std::vector<AdminUnit> units);
  // Throws sohoa::Error(Stage::config, "bad_schema") naming the file.
  static Gazetteer load(const std::filesystem::path& tsv);

  // value: NFC, single spaces, parts separated by commas. An address must end with
  // its province (a residence cut short names none); a place may be a unit of any
  // level on its own ("Thành phố Hạ Long", "Phường An Biên").
  enum class Ending { province, any_unit };
  PlaceCheck check(std::string_view value, Ending ending = Ending::any_unit) const;
  bool empty() const { return m_units.empty(); }
  std::size_t size() const { return m_units.size(); }
  const std::vector<AdminUnit>& units() const { return m_units; }

private:
  struct Found {
    std::vector<const AdminUnit*> units; // the same unit may be listed in both eras
    bool corrected = false;
    std::string spelling;
  };
  // allow_slips: a name within allowed_slips() edits counts when none folds alike.
  Found find_among(const std::vector<const AdminUnit*>& candidates, std::string_view type_fold,
                   std::string_view name, bool allow_slips = true) const;
  std::vector<const AdminUnit*> children_of(const std::vector<const AdminUnit*>& parents) const;

  std::vector<AdminUnit> m_units;
  // A bare name ("Dư Hàng Kênh", the place a form was signed at): found at any level.
  PlaceCheck check_bare_name(std::string_view value) const;

  std::vector<const AdminUnit*> m_provinces;
  std::vector<const AdminUnit*> m_all;
  std::map<std::string, std::vector<const AdminUnit*>, std::less<>> m_children; // era|parent
};

} // namespace sohoa::forms
