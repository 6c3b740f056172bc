#pragma once
// Value normalization (forms.md "Value rules"): NFC, single spaces, leaders and
// stray punctuation trimmed, ISO dates, digits for identifiers, Nam/Nữ.
#include "sohoa/forms/form_type.hpp"
#include <optional>
#include <string>
#include <string_view>

namespace sohoa::forms {

// NFC, single spaces, dotted leaders ("……", "....", "___") and footnote markers
// ("(1)") removed, ":" ",", ";" and dots trimmed at both ends.
std::string clean_value(std::string_view raw);
// Inside tokens that are mostly digits, OCR letter slips become digits:
// O/o -> 0, I/l/| -> 1, B -> 8, S/s -> 5. Other tokens are left alone.
std::string fix_digit_slips(std::string_view text);
// "05/01/2020", "5-1-2020", "05.01.2020", "ngày 05 tháng 01 năm 2020" -> "2020-01-05".
// The calendar is not checked here (validation flags a 2020-02-31).
std::optional<std::string> normalize_date(std::string_view text);
// The identifier number in the text, digits only: the first run of 12 or 9 digits
// (groups split by single spaces or dots joined), else the longest run.
std::string normalize_id_digits(std::string_view text);
// "Nam"/"Male"/"M" -> "Nam"; "Nữ"/"nu"/"Female"/"F" -> "Nữ"; nullopt otherwise.
std::optional<std::string> normalize_gender(std::string_view text);
std::string normalize_phone(std::string_view text);
std::optional<std::string> normalize_year(std::string_view text);
std::string normalize_count(std::string_view text);
std::string normalize_email(std::string_view text);
// "Số: 123 / QĐ-UBND" -> "123/QĐ-UBND".
std::string normalize_doc_number(std::string_view text);

// The normalized value of a raw extracted text for a kind; the raw text, cleaned,
// when it cannot be normalized (validation flags it).
std::string normalize_value(ValueKind kind, std::string_view raw);

} // namespace sohoa::forms
