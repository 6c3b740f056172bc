#pragma once
// What a value's text alone says about whether it was read right, whatever its
// OCR confidence: leader marks inside it (a value written over dotted leaders,
// read with the dots), characters its kind never has, a length its kind never
// has. Review signals (review_signals.hpp).
#include "sohoa/forms/form_type.hpp"
#include <string_view>

namespace sohoa::forms {

class Lexicon;

// Runs of leader marks (two or more '.' or '_', or an ellipsis) inside the raw
// value, between its first and last letter or digit: leaders at a value's ends
// are the form's, one inside means the value's words sit on the dots.
int inner_leader_runs(std::string_view raw_text);

// Characters of a normalized value outside its kind's alphabet: a name has
// Vietnamese letters, spaces and apostrophes (H'Hen) only; a text or address
// also digits and ",.;:/-()"; a document number letters, digits, '/' and '-'. A letter with a
// mark Vietnamese does not use ("Ð", "ø", "ñ") counts. Kinds with a validity
// rule of their own (dates, identifiers...) are left to it: 0. In a name not
// written all in capitals, a capital after a word's first letter counts too
// ("Hoa II": a stray mark or a neighbour's text read into the name).
int foreign_chars(ValueKind kind, std::string_view value);

// Syllables of a name, address or text value that are no Vietnamese syllable of
// the lexicon ("Vự" for "Vợ", "Ngoc" without the tone a final -c needs): OCR
// changed a mark and confidence did not show it. A syllable is a run of letters
// (H'Mông and Bà Rịa-Vũng Tàu split at the marks); words with a digit (house
// numbers, "quận 1"), single letters and syllables with no vowel (UBND, QĐ, TP)
// are not asked. Other kinds: 0.
int unknown_syllables(ValueKind kind, std::string_view value, const Lexicon& lexicon);

// A word count its kind does not have: a name of one word or more than five, an
// address or place of fewer than three.
bool odd_length(ValueKind kind, int words);

} // namespace sohoa::forms
