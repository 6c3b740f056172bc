#pragma once
// RAII for the C handles Tesseract and Leptonica hand out. Internal to ocr/.
#include <leptonica/allheaders.h>
#include <memory>

namespace sohoa::ocr {

struct PixDestroy {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDestroy>;

// Tesseract's GetUTF8Text and friends return new[]-allocated strings.
struct TessStringDelete {
  void operator()(char* text) const { delete[] text; }
};
using TessString = std::unique_ptr<char, TessStringDelete>;

// Leptonica's own allocations (getLeptonicaVersion) go back through lept_free.
struct LeptFree {
  void operator()(char* text) const { lept_free(text); }
};
using LeptString = std::unique_ptr<char, LeptFree>;

} // namespace sohoa::ocr
