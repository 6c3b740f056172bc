#pragma once
// A Vietnamese identity card expires on its holder's birthday: the card is renewed
// at 14, 25, 40 and 60 (Luật Căn cước 2023 art. 21; at 25, 40 and 60 under Luật Căn
// cước công dân 2014), and is valid until the next of those birthdays. An expiry
// read a digit or two off (the 4.4 pt print: "7026" for 2026, "2607/2039" with its
// slash lost) is restored to the birthday its digits are nearest to; one that is no
// such birthday is left as read. Either way the clerk checks it; an expiry read
// exactly as a renewal birthday is confirmed by the date of birth.
#include <optional>
#include <string>
#include <string_view>

namespace sohoa::forms {

// The expiry (ISO) that the read text stands for, given the holder's date of
// birth (ISO): a renewal birthday within two digit edits of the text's digits
// (day, month, year). nullopt when none is.
std::optional<std::string> card_expiry_from_birth(std::string_view read,
                                                  std::string_view birth_iso);

} // namespace sohoa::forms
