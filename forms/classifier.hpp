#pragma once
// Which form a document is: title phrases near the top of page 1, how many of the
// type's must-have fields extraction finds, and the page shape (ID cards are
// landscape ID-1). Documents headed by another title ("Đơn xin", "BIÊN NHẬN",
// "GIẤY ỦY QUYỀN") or matching nothing well stay "unknown".
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/forms/analyze.hpp"
#include <string>
#include <vector>

namespace sohoa::forms {

struct Classification {
  std::string doc_type = "unknown";
  double confidence = 0;
  // Weak evidence, or another type nearly as good: the type is for a clerk to confirm.
  bool uncertain = false;
};

struct TypeScore {
  std::string doc_type;
  double title = 0;  // best title phrase similarity, 0 when under the threshold
  double fields = 0; // share of must-have fields found
  double labels = 0; // share of must-have fields whose printed label is read
  double shape = 0;  // 1 when the page shape fits, 0 otherwise
  double score = 0;
  bool acceptable = false;
};

// The best similarity of phrase to a stretch of the text (free start and end).
double best_substring_similarity(std::string_view phrase, std::string_view text);

std::vector<TypeScore> score_types(const FormCatalog& catalog, const std::vector<PageText>& pages);
Classification classify(const FormCatalog& catalog, const std::vector<PageText>& pages);

} // namespace sohoa::forms
