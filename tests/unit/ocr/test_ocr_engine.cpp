#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/ocr/alto.hpp"
#include "ocr/digit_reread.hpp"
#include "sohoa/ocr/engine.hpp"
#include "ocr/openmp_limit.hpp"
#include "render.hpp"
#include <doctest/doctest.h>
#include <thread>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

using namespace sohoa;
using sohoa::test::cer;
using sohoa::test::iou;

namespace {

const test::CairoCacheRelease k_cairo_cache_release;

const std::vector<std::string> k_form_lines = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
    "Nơi cư trú: Số 12 phố Hàng Bạc, phường Hàng Đào, quận Hoàn Kiếm",
    "Giấy tờ tùy thân: Căn cước công dân số 001203012345",
    "Quan hệ với người được khai sinh: cha đẻ",
};

// Clean 12 pt lines, left-aligned, on an A4-wide strip at 300 dpi.
struct RenderedForm {
  cv::Mat image;
  std::vector<test::RenderedLine> lines;
};

RenderedForm render_form_lines(const std::vector<std::string>& lines) {
  test::PageRenderer renderer(2480, 200 + 75 * static_cast<int>(lines.size()) + 200);
  RenderedForm out;
  double baseline = 250;
  for (const auto& text : lines) {
    out.lines.push_back(renderer.draw_line(200, baseline, text));
    baseline += renderer.line_pitch();
  }
  out.image = renderer.bitonal();
  return out;
}

std::string line_text(const OcrLine& line) {
  std::string out;
  for (const auto& w : line.words) {
    out += (out.empty() ? "" : " ") + w.text;
  }
  return out;
}

bool is_nfc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfc = icu::Normalizer2::getNFCInstance(status);
  const bool normalized = nfc->isNormalized(icu::UnicodeString::fromUTF8(utf8), status);
  return U_SUCCESS(status) && normalized;
}

} // namespace

// Measured on Tesseract 5.3.0 + Debian's vie data: 0% on these lines; the bound
// leaves room for a one-character slip across data versions.
constexpr double k_max_cer = 0.02;

TEST_CASE("recognize reads rendered Vietnamese form lines with boxes in order") {
  const auto form = render_form_lines(k_form_lines);
  ocr::OcrEngine engine(ocr::OcrOptions{});
  const PageText page = engine.recognize(form.image, 300);

  CHECK(page.width == form.image.cols);
  CHECK(page.height == form.image.rows);
  REQUIRE(page.lines.size() == k_form_lines.size());
  std::string expected;
  for (const auto& l : k_form_lines) {
    expected += (expected.empty() ? "" : "\n") + l;
  }
  std::string got;
  for (const auto& l : page.lines) {
    got += (got.empty() ? "" : "\n") + line_text(l);
  }
  const double page_cer = cer(expected, got);
  MESSAGE("CER " << page_cer << " on:\n" << got);
  CHECK(page_cer < k_max_cer);
  CHECK(page.confidence > 0.8f);
  CHECK(page.confidence <= 1.0f);

  int matched = 0;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    const OcrLine& line = page.lines[i];
    const test::RenderedLine& rendered = form.lines[i];
    CHECK(cer(k_form_lines[i], line_text(line)) < 0.1);
    // Lines come top to bottom, each on the line drawn there.
    if (i > 0) {
      CHECK(line.box.y > page.lines[i - 1].box.y);
      CHECK(line.paragraph >= page.lines[i - 1].paragraph);
      CHECK(line.block >= page.lines[i - 1].block);
    }
    CHECK(iou(line.box, rendered.box) > 0.7);
    CHECK(std::abs(line.baseline - rendered.baseline) <= 4);
    for (const OcrWord& word : line.words) {
      CHECK(is_nfc(word.text));
      CHECK(word.confidence >= 0.0f);
      CHECK(word.confidence <= 1.0f);
      // The same text may be drawn twice on a line ("Hàng"): take the closest.
      double best = -1;
      for (const auto& r : rendered.words) {
        if (r.text == word.text) {
          best = std::max(best, iou(word.box, r.box));
        }
      }
      if (best >= 0) {
        CHECK(best > 0.6);
        ++matched;
      }
    }
  }
  // Nearly every word was read exactly and sits on its ink.
  CHECK(matched >= 50); // of 56
}

TEST_CASE("a colour page reads like its grey version") {
  const auto form = render_form_lines({k_form_lines[0], k_form_lines[2]});
  cv::Mat bgr(form.image.rows, form.image.cols, CV_8UC3);
  for (int y = 0; y < bgr.rows; ++y) {
    for (int x = 0; x < bgr.cols; ++x) {
      const unsigned char v = form.image.at<unsigned char>(y, x);
      // Dark blue ink on cream paper.
      bgr.at<cv::Vec3b>(y, x) = v == 0 ? cv::Vec3b(120, 20, 10) : cv::Vec3b(220, 245, 250);
    }
  }
  ocr::OcrEngine engine(ocr::OcrOptions{});
  const PageText grey = engine.recognize(form.image, 300);
  const PageText colour = engine.recognize(bgr, 300);
  CHECK(colour.plain_text() == grey.plain_text());
  CHECK(cer(k_form_lines[0] + "\n" + k_form_lines[2], colour.plain_text()) < k_max_cer);
}

TEST_CASE("a region of a larger image keeps its own coordinates") {
  const auto form = render_form_lines(k_form_lines);
  // A view with a row stride wider than its width, as cropping produces.
  const cv::Mat view = form.image(cv::Rect(100, 150, 2000, 250));
  ocr::OcrEngine engine(ocr::OcrOptions{});
  const PageText page = engine.recognize(view, 300);
  REQUIRE(page.lines.size() >= 1);
  CHECK(cer(k_form_lines[0], line_text(page.lines[0])) < 0.1);
  CHECK(page.width == 2000);
  const Box expected{form.lines[0].box.x - 100, form.lines[0].box.y - 150, form.lines[0].box.w,
                     form.lines[0].box.h};
  CHECK(iou(page.lines[0].box, expected) > 0.7);
}

TEST_CASE("an empty white page gives no words and no error") {
  const cv::Mat white(3508, 2480, CV_8UC1, cv::Scalar(255));
  ocr::OcrEngine engine(ocr::OcrOptions{});
  const PageText page = engine.recognize(white, 300);
  CHECK(page.lines.empty());
  CHECK(page.word_count() == 0);
  CHECK(page.confidence == 0.0f);
  CHECK(page.width == 2480);
  CHECK(page.height == 3508);
  // A tiny image is not an error either.
  CHECK(engine.recognize(cv::Mat(2, 2, CV_8UC1, cv::Scalar(255)), 300).lines.empty());
}

TEST_CASE("unsupported images are refused with a stage error") {
  ocr::OcrEngine engine(ocr::OcrOptions{});
  try {
    engine.recognize(cv::Mat(100, 100, CV_32FC1, cv::Scalar(1.0)), 300);
    FAIL("float image accepted");
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::ocr);
    CHECK(e.code() == "bad_image");
  }
  CHECK_THROWS_AS(engine.recognize(cv::Mat(), 300), Error);
}

TEST_CASE("missing language data names the language and the folder") {
  ocr::OcrOptions options;
  options.languages = "vie+xyz";
  try {
    ocr::OcrEngine engine(options);
    FAIL("engine built without xyz.traineddata");
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::ocr);
    CHECK(e.code() == "language_data_missing");
    const std::string what = e.what();
    CHECK(what.find("xyz") != std::string::npos);
    CHECK(what.find("tessdata") != std::string::npos);
  }
  options.languages = "vie";
  options.tessdata_dir = "/nonexistent/tessdata";
  try {
    ocr::OcrEngine engine(options);
    FAIL("engine built from a missing folder");
  } catch (const Error& e) {
    CHECK(e.code() == "language_data_missing");
    CHECK(std::string(e.what()).find("/nonexistent/tessdata") != std::string::npos);
  }
  options.tessdata_dir.clear();
  options.languages = "../vie";
  CHECK_THROWS_AS(ocr::OcrEngine{options}, Error);
}

TEST_CASE("language data lists the traineddata files with their SHA-256") {
  ocr::OcrOptions options;
  options.languages = "vie+eng";
  const auto data = ocr::language_data(options);
  REQUIRE(data.size() == 2);
  CHECK(data[0].language == "vie");
  CHECK(data[1].language == "eng");
  for (const auto& d : data) {
    CHECK(std::filesystem::is_regular_file(d.path));
    CHECK(d.path.filename() == d.language + ".traineddata");
    CHECK(d.sha256 == sha256_file(d.path));
    CHECK(d.sha256.size() == 64);
  }
  CHECK(data[0].sha256 != data[1].sha256);
}

TEST_CASE("the digit model is listed as language data when it is used") {
  ocr::OcrOptions options; // vie, with the digit second look
  auto data = ocr::language_data(options);
  REQUIRE(data.size() == 2);
  CHECK(data[0].language == "vie");
  CHECK(data[1].language == ocr::k_digit_model);
  options.digit_reread = false;
  data = ocr::language_data(options);
  REQUIRE(data.size() == 1);
  CHECK(data[0].language == "vie");
}

TEST_CASE("versions of Tesseract and Leptonica are reported") {
  CHECK(ocr::tesseract_version().rfind("5.", 0) == 0);
  const std::string lept = ocr::leptonica_version();
  REQUIRE_FALSE(lept.empty());
  CHECK(std::isdigit(static_cast<unsigned char>(lept[0])));
  CHECK(lept.find('.') != std::string::npos);
}

TEST_CASE("a recognized page survives the ALTO round trip") {
  const auto form = render_form_lines(k_form_lines);
  ocr::OcrEngine engine(ocr::OcrOptions{});
  const PageText page = engine.recognize(form.image, 300);
  REQUIRE(page.word_count() > 0);
  const auto back = ocr::from_alto(ocr::to_alto({page}, {"form.png", "0.1.0", {300}}));
  REQUIRE(back.size() == 1);
  CHECK(back[0].plain_text() == page.plain_text());
  REQUIRE(back[0].lines.size() == page.lines.size());
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    CHECK(back[0].lines[i].box == page.lines[i].box);
    CHECK(back[0].lines[i].baseline == page.lines[i].baseline);
    CHECK(back[0].lines[i].words.size() == page.lines[i].words.size());
  }
}

TEST_CASE("Tesseract's OpenMP loops stay on the worker thread that runs the engine") {
  // Each pipeline worker is a plain thread with its own OpenMP settings.
  bool before = true;
  bool after = false;
  std::size_t words = 0;
  std::thread worker([&] {
    before = ocr::openmp_limited_on_this_thread();
    try {
      ocr::OcrEngine engine(ocr::OcrOptions{});
      words = engine.recognize(render_form_lines({k_form_lines[2]}).image, 300).word_count();
    } catch (const std::exception&) {
      words = 0; // checked below
    }
    after = ocr::openmp_limited_on_this_thread();
  });
  worker.join();
  CHECK_FALSE(before);
  CHECK(after);
  CHECK(words == 10);
}

TEST_CASE("a time limit stops recognition with ocr_timeout") {
  const auto form = render_form_lines(k_form_lines);
  ocr::OcrOptions options;
  options.time_limit_ms = 1;
  ocr::OcrEngine engine(options);
  try {
    engine.recognize(form.image, 300);
    FAIL("a 1 ms limit was not enforced");
  } catch (const Error& e) {
    CHECK(e.code() == "ocr_timeout");
  }
}

TEST_CASE("engines on separate threads read their own pages") {
  // The pipeline's model: one engine per worker, pages in parallel.
  const auto a = render_form_lines({k_form_lines[0]});
  const auto b = render_form_lines({k_form_lines[2]});
  std::string text_a;
  std::string text_b;
  // Errors become text to compare: an exception escaping a thread would end the run.
  const auto read = [](const cv::Mat& image, std::string& out) {
    try {
      out = ocr::OcrEngine(ocr::OcrOptions{}).recognize(image, 300).plain_text();
    } catch (const std::exception& e) {
      out = e.what();
    }
  };
  std::thread ta(read, std::cref(a.image), std::ref(text_a));
  std::thread tb(read, std::cref(b.image), std::ref(text_b));
  ta.join();
  tb.join();
  CHECK(cer(k_form_lines[0], text_a) < k_max_cer);
  CHECK(cer(k_form_lines[2], text_b) < k_max_cer);
}
