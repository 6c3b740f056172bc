#include "sohoa/forms/field_checks.hpp"
#include "schema_regex.hpp"
#include "sohoa/forms/identifiers.hpp"
#include "sohoa/forms/review_calibration.hpp"

namespace sohoa::forms {
namespace {

std::optional<std::string> value_of(const FormsResult& result, const std::string& id) {
  if (id.empty()) {
    return std::nullopt;
  }
  const auto it = result.fields.find(id);
  if (it == result.fields.end()) {
    return std::nullopt;
  }
  return it->second.value;
}

PersonFacts facts_for(const FieldSpec& spec, const FormsResult& result) {
  PersonFacts facts;
  facts.gender = value_of(result, spec.cross_gender);
  facts.birth_date = value_of(result, spec.cross_birth_date);
  facts.birth_year = value_of(result, spec.cross_birth_year);
  return facts;
}

std::vector<Finding> findings_for(const FieldSpec& spec, const std::string& value,
                                  const FormCatalog& catalog, const FormsResult& result,
                                  std::string_view today) {
  switch (spec.kind) {
  case ValueKind::date: {
    auto out = spec.birth_date ? check_birth_date(value, today) : check_date(value);
    if (out.empty() && spec.expiry_date) {
      if (const auto birth = value_of(result, spec.cross_birth_date)) {
        out = check_expiry(value, *birth);
      }
    }
    return out;
  }
  case ValueKind::year:
    return check_year(value, today);
  case ValueKind::id_number:
    return check_personal_id(value, facts_for(spec, result), catalog.province_codes());
  case ValueKind::cmnd:
    return check_cmnd(value);
  case ValueKind::id_document:
    return check_id_document(value, facts_for(spec, result), catalog.province_codes());
  case ValueKind::phone:
    return check_phone(value);
  case ValueKind::email:
    return check_email(value);
  case ValueKind::phone_or_email:
    return value.find('@') != std::string::npos ? check_email(value) : check_phone(value);
  case ValueKind::gender:
    if (value != "Nam" && value != "N\xE1\xBB\xAF") {
      return {{"invalid_gender", "Giới tính phải là Nam hoặc Nữ."}};
    }
    return {};
  case ValueKind::name:
  case ValueKind::text:
  case ValueKind::multiline_text:
  case ValueKind::count:
  case ValueKind::doc_number:
    break;
  }
  return {};
}

ListSignal signal_of(const ListSignals& signals, const std::string& id) {
  const auto it = signals.find(id);
  return it == signals.end() ? ListSignal::not_applicable : it->second;
}

std::vector<Finding> list_findings(const FieldSpec& spec, ListSignal signal) {
  if (signal == ListSignal::unknown_unit) {
    return {{"unknown_place",
             "Địa danh không có trong danh mục đơn vị hành chính (cần kiểm tra lại)."}};
  }
  const bool closed_list =
      spec.vocabulary == Vocabulary::ethnicity || spec.vocabulary == Vocabulary::nationality;
  if (closed_list && signal == ListSignal::miss) {
    return {{"not_in_list", spec.vocabulary == Vocabulary::ethnicity
                                ? "Dân tộc không có trong danh mục 54 dân tộc."
                                : "Quốc tịch không có trong danh mục quốc gia."}};
  }
  return {};
}

// An identifier that disagrees with the gender or birth date beside it says one of
// them is wrong, not which: the fields it was compared with are flagged too.
void flag_compared_fields(const FieldSpec& spec, std::string_view code, FormsResult& result,
                          FieldSignalMap* signals) {
  std::vector<std::string> compared;
  if (code == "id_gender_mismatch") {
    compared = {spec.cross_gender};
  } else if (code == "id_birth_year_mismatch") {
    compared = {spec.cross_birth_date, spec.cross_birth_year};
  }
  for (const auto& id : compared) {
    if (const auto it = result.fields.find(id); !id.empty() && it != result.fields.end()) {
      it->second.needs_review = true;
      if (signals != nullptr && signals->count(id) != 0) {
        (*signals)[id].failed_check = true;
      }
    }
  }
}

} // namespace

void check_fields(const FormType& type, const FormCatalog& catalog, FormsResult& result,
                  std::string_view today, const ListSignals& list_signals,
                  FieldSignalMap* signals) {
  for (auto& [id, field] : result.fields) {
    const FieldSpec* spec = type.field(id);
    if (spec == nullptr) {
      continue;
    }
    auto findings = findings_for(*spec, field.value, catalog, result, today);
    if (findings.empty() && !spec->pattern.empty() &&
        !schema_regex_full_match(spec->pattern, field.value)) {
      findings.push_back({"invalid_format", "Giá trị không đúng định dạng của trường này."});
    }
    const ListSignal signal = signal_of(list_signals, id);
    for (auto& f : list_findings(*spec, signal)) {
      findings.push_back(std::move(f));
    }
    for (auto& f : findings) {
      flag_compared_fields(*spec, f.code, result, signals);
      result.issues.push_back({id, std::move(f.code), std::move(f.message)});
    }
    FieldSignals* gathered = nullptr;
    if (signals != nullptr) {
      const auto it = signals->find(id);
      gathered = it == signals->end() ? nullptr : &it->second;
    }
    if (gathered == nullptr) {
      field.needs_review = field.needs_review || !findings.empty();
      continue;
    }
    gathered->failed_check = gathered->failed_check || !findings.empty();
    gathered->list = signal;
    field.needs_review = field.needs_review || needs_review(*gathered);
  }
}

} // namespace sohoa::forms
