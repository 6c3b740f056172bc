// sohoa-score: error rates on known strings and scoring of a known output tree.
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/scratch.hpp"
#include "tools/score/report.hpp"
#include "tools/score/scoring.hpp"
#include "tools/score/text_metrics.hpp"
#include "tools/score/truth.hpp"
#include <doctest/doctest.h>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sohoa::score;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// A truth tree of two documents in one dossier with a dossier.json.
void make_truth(const fs::path& root) {
  write(root / "input" / "hs-001" / "dossier.json",
        R"({"dossier_code": "000.00.16.H29-261122-0001"})");
  json a = {
      {"document_id", "cccd"},
      {"doc_type", "citizen_id_card"},
      {"profile", "clean"},
      {"files", {"01-cccd-p1.png", "01-cccd-p2.png"}},
      {"fields",
       {{"id_number", "079203012345"},
        {"full_name", "NGUYỄN VĂN AN"},
        {"gender", "Nam"},
        {"date_of_birth", "2003-01-05"}}},
      {"pages", json::array({{{"text", "Số / No.: 079203012345\nNGUYỄN VĂN AN"}, {"blank", false}},
                             {{"text", ""}, {"blank", true}}})}};
  json b = {{"document_id", "quyet-dinh"},
            {"doc_type", "administrative_decision"},
            {"profile", "degraded"},
            {"fields", {{"document_number", "05/QĐ-UBND"}}},
            {"pages", json::array({{{"text", "QUYẾT ĐỊNH\nVề việc hồ sơ"}, {"blank", false}}})}};
  write(root / "truth" / "hs-001" / "cccd.json", a.dump());
  write(root / "truth" / "hs-001" / "quyet-dinh.json", b.dump());
}

} // namespace

TEST_CASE("CER counts code-point edits after NFC") {
  CHECK(char_errors("hồ sơ", "hổ sơ").edits == 1);
  CHECK(char_errors("hồ sơ", "hổ sơ").reference == 5);
  CHECK(char_errors("hồ sơ", "hổ sơ").rate() == doctest::Approx(0.2));
  // "ồ" decomposed (o + U+0302 + U+0300) is the same text after NFC.
  CHECK(char_errors("hồ sơ", "ho\xCC\x82\xCC\x80 sơ").edits == 0);
  CHECK(char_errors("abc", "").rate() == doctest::Approx(1.0));
  CHECK(char_errors("", "").rate() == doctest::Approx(0.0));
  CHECK(char_errors("Nguyễn Văn An", "Nguyen Van An").edits == 2);
}

TEST_CASE("whitespace runs and dotted leaders do not count") {
  CHECK(char_errors("Họ và tên: Lê An", "  Họ và tên:\n\n  Lê   An \f").edits == 0);
  CHECK(char_errors("Họ và tên: Lê An", "Họ và tên: ........ Lê An ……").edits == 0);
  CHECK(char_errors("Lưu: VT.", "Lưu: VT.").edits == 0);
  CHECK(to_utf8(normalize_text("a . . . b")) == "a b");
  CHECK(to_utf8(normalize_text("Điều 4./.")) == "Điều 4./.");
}

TEST_CASE("WER counts word edits; the bag-of-words rate ignores order") {
  CHECK(word_errors("một hai ba bốn", "một hai bà bốn").edits == 1);
  CHECK(word_errors("một hai ba bốn", "một hai bà bốn").reference == 4);
  CHECK(word_errors("a b c d", "c d a b").edits == 4);
  CHECK(bag_of_words_errors("a b c d", "c d a b").edits == 0);
  CHECK(bag_of_words_errors("a b c d", "c d a").edits == 1);
  CHECK(bag_of_words_errors("a b", "a b x y").edits == 2);
}

TEST_CASE("truth loading applies the dossier id rule") {
  sohoa::test::ScratchDir dir("score-truth");
  make_truth(dir.path());
  fs::create_directories(dir / "truth" / "hs-002");
  write(dir / "truth" / "hs-002" / "don.json",
        json({{"doc_type", "unknown"}, {"pages", json::array()}}).dump());
  const auto docs = load_truth(dir / "truth");
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].dossier_id == "000.00.16.H29-261122-0001");
  CHECK(docs[0].pages.size() == 2);
  CHECK(docs[2].dossier_id == "hs-002");
  CHECK(docs[2].document_id == "don");
}

TEST_CASE("scoring a known output: perfect record, wrong field, missing record") {
  sohoa::test::ScratchDir dir("score-out");
  make_truth(dir.path());
  const fs::path out = dir / "out" / "000.00.16.H29-261122-0001";
  // The record has the right text (blank page included as an empty page), the
  // right type and 3 of 4 fields right plus one field the truth does not have.
  json rec = {{"doc_type", "citizen_id_card"},
              {"text", "Số / No.: 079203012345\nNGUYỄN VĂN AN\f"},
              {"fields",
               {{"id_number", {{"value", "079203012345"}}},
                {"full_name", {{"value", "NGUYỄN  VĂN AN"}}},
                {"gender", {{"value", "Nữ"}, {"needs_review", false}}},
                {"date_of_birth", {{"value", "2003-01-05"}, {"needs_review", true}}},
                {"nationality", {{"value", "Việt Nam"}}}}}};
  write(out / "cccd.json", rec.dump());
  const auto docs = load_truth(dir / "truth");
  ScoreOptions opt;
  opt.out_dir = dir / "out";
  const Report r = score_all(docs, opt);
  REQUIRE(r.documents.size() == 2);
  const DocScore& cccd = r.documents[0];
  CHECK(cccd.record_found);
  CHECK(cccd.cer_record->edits == 0);
  CHECK(cccd.fields.truth == 4);
  CHECK(cccd.fields.predicted == 5);
  CHECK(cccd.fields.correct == 3);
  CHECK_FALSE(cccd.field_ok.at("gender"));
  CHECK(cccd.field_ok.at("full_name")); // whitespace normalized before comparing
  CHECK_FALSE(cccd.pdf_found);
  CHECK(cccd.cer_pdf->rate() == doctest::Approx(1.0));
  const DocScore& qd = r.documents[1];
  CHECK_FALSE(qd.record_found);
  CHECK(qd.cer_record->rate() == doctest::Approx(1.0));
  CHECK(r.total.docs == 2);
  CHECK(r.total.type_correct == 1);
  CHECK(r.total.fields.precision() == doctest::Approx(3.0 / 5.0));
  CHECK(r.total.fields.recall() == doctest::Approx(3.0 / 5.0));
  const auto j = to_json(r);
  CHECK(j["total"]["doc_type_accuracy"].get<double>() == doctest::Approx(0.5));
  CHECK(j["profiles"].contains("clean"));
  CHECK(j["profiles"].contains("degraded"));
  CHECK(j["per_field"]["citizen_id_card"]["gender"]["correct"] == 0);
  // Four fields left unflagged (a missing flag counts as false): two right, the wrong
  // gender and a field the truth lacks are not.
  CHECK(cccd.fields.unflagged == 4);
  CHECK(cccd.fields.unflagged_correct == 2);
  CHECK(j["total"]["fields"]["unflagged_right"].get<double>() == doctest::Approx(0.5));
  CHECK(j["conditions"].contains("standard"));
}

TEST_CASE("plain tesseract text is scored from DIR/<dossier>/<doc>.txt") {
  sohoa::test::ScratchDir dir("score-tess");
  make_truth(dir.path());
  write(dir / "tess" / "hs-001" / "quyet-dinh.txt", "QUYẾT ĐỊNH\nVề việc hổ sơ\n\f");
  const auto docs = load_truth(dir / "truth");
  ScoreOptions opt;
  opt.tesseract_dir = dir / "tess";
  const Report r = score_all(docs, opt);
  CHECK_FALSE(r.documents[0].tesseract_found);
  // Per input file, joined in page order.
  write(dir / "tess" / "hs-001" / "01-cccd-p1.txt", "Số / No.: 079203012345\nNGUYỄN VĂN AN\f");
  write(dir / "tess" / "hs-001" / "01-cccd-p2.txt", "\f");
  const Report r2 = score_all(docs, opt);
  CHECK(r2.documents[0].tesseract_found);
  CHECK(r2.documents[0].cer_tess->edits == 0);
  CHECK(r.documents[1].tesseract_found);
  CHECK(r.documents[1].cer_tess->edits == 1);
  CHECK(r.documents[1].cer_tess->reference == 24);
  CHECK_FALSE(r.total.has_record);
}

TEST_CASE("expected failures count when no record was written") {
  sohoa::test::ScratchDir dir("score-bad");
  write(dir / "truth" / "bad-inputs" / "empty.json", json({{"document_id", "empty"},
                                                           {"dossier_id", "bad-inputs"},
                                                           {"expected_status", "failed"},
                                                           {"pages", json::array()}})
                                                         .dump());
  write(dir / "truth" / "bad-inputs" / "bomb.json", json({{"document_id", "bomb"},
                                                          {"dossier_id", "bad-inputs"},
                                                          {"expected_status", "failed"},
                                                          {"pages", json::array()}})
                                                        .dump());
  write(dir / "out" / "bad-inputs" / "bomb.json", json({{"doc_type", "unknown"}}).dump());
  ScoreOptions opt;
  opt.out_dir = dir / "out";
  const Report r = score_all(load_truth(dir / "truth"), opt);
  CHECK(r.bad_expected == 2);
  CHECK(r.bad_failed == 1);
}
