#pragma once
// Words out of a Tesseract result, shared by the page pass and the second passes.
// Internal to ocr/.
#include "sohoa/core/ocr_types.hpp"
#include <memory>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <vector>

namespace sohoa::ocr {

struct ResultIteratorDelete {
  void operator()(tesseract::ResultIterator* it) const { delete it; }
};
using ResultIteratorPtr = std::unique_ptr<tesseract::ResultIterator, ResultIteratorDelete>;

Box box_from(int left, int top, int right, int bottom);
bool is_blank(const char* text);

// The word under the iterator, NFC, with its box and confidence; runs of three
// or more leader dots become words of their own.
std::vector<OcrWord> words_at(const tesseract::ResultIterator& it, const char* text);

// Every word of the API's last recognition, in its order, leaders split off.
std::vector<OcrWord> read_words(tesseract::TessBaseAPI& api);

} // namespace sohoa::ocr
