#include "sohoa/forms/form_type.hpp"
#include <array>
#include <utility>

namespace sohoa::forms {
namespace {

constexpr std::array<std::pair<ValueKind, const char*>, 14> k_kind_names{{
    {ValueKind::name, "name"},
    {ValueKind::text, "text"},
    {ValueKind::multiline_text, "multiline_text"},
    {ValueKind::date, "date"},
    {ValueKind::year, "year"},
    {ValueKind::id_number, "id_number"},
    {ValueKind::cmnd, "cmnd"},
    {ValueKind::id_document, "id_document"},
    {ValueKind::phone, "phone"},
    {ValueKind::email, "email"},
    {ValueKind::phone_or_email, "phone_or_email"},
    {ValueKind::gender, "gender"},
    {ValueKind::count, "count"},
    {ValueKind::doc_number, "doc_number"},
}};

constexpr std::array<std::pair<Region, const char*>, 8> k_region_names{{
    {Region::agency_block, "agency_block"},
    {Region::number_line, "number_line"},
    {Region::place, "place"},
    {Region::place_date, "place_date"},
    {Region::type_name, "type_name"},
    {Region::summary, "summary"},
    {Region::signer_title, "signer_title"},
    {Region::signer_name, "signer_name"},
}};

} // namespace

std::optional<ValueKind> value_kind_from_string(const std::string& s) {
  for (const auto& [kind, name] : k_kind_names) {
    if (s == name) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string to_string(ValueKind kind) {
  for (const auto& [k, name] : k_kind_names) {
    if (k == kind) {
      return name;
    }
  }
  return "text";
}

std::optional<Region> region_from_string(const std::string& s) {
  for (const auto& [region, name] : k_region_names) {
    if (s == name) {
      return region;
    }
  }
  return std::nullopt;
}

const FieldSpec* FormType::field(const std::string& id) const {
  for (const auto& f : fields) {
    if (f.id == id) {
      return &f;
    }
  }
  return nullptr;
}

} // namespace sohoa::forms
