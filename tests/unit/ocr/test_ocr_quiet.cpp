// An engine silences Leptonica: Tesseract calls it on regions off the page and its
// "Error in ..." lines would otherwise fill a batch's stderr.
#include "sohoa/ocr/engine.hpp"
#include <cstdio>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <unistd.h>

TEST_CASE("an engine keeps Leptonica's messages off stderr") {
  sohoa::ocr::OcrEngine engine(sohoa::ocr::OcrOptions{});
  std::fflush(stderr);
  char path[] = "/tmp/sohoa-leptonica-XXXXXX";
  const int capture = mkstemp(path);
  REQUIRE(capture >= 0);
  const int saved = dup(STDERR_FILENO);
  dup2(capture, STDERR_FILENO);
  // A box wholly outside the rectangle: Leptonica says "box outside rectangle".
  BOX* outside = boxCreate(500, 500, 10, 10);
  BOX* clipped = boxClipToRectangle(outside, 100, 100);
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  CHECK(clipped == nullptr);
  boxDestroy(&outside);
  CHECK(lseek(capture, 0, SEEK_END) == 0);
  close(capture);
  unlink(path);
}
