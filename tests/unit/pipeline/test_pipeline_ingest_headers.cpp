// The header parsers on hand-made and hostile bytes.
#include "sohoa/core/error.hpp"
#include "test_pipeline_ingest_util.hpp"
#include "pipeline/decode_density.hpp"
#include "pipeline/decode_dossier_json.hpp"
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::pipeline;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::string code_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  return "none";
}

} // namespace

TEST_CASE("pHYs: metre unit to dpi, other units ignored, bad sizes ignored") {
  const Bytes p300{0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1}; // 11811 px/m
  const auto d = parse_png_phys(p300);
  REQUIRE(d);
  CHECK(d->x_dpi == doctest::Approx(300).epsilon(0.001));
  Bytes aspect = p300;
  aspect[8] = 0;
  CHECK_FALSE(parse_png_phys(aspect));
  CHECK_FALSE(parse_png_phys(Bytes{0, 0, 1}));
  CHECK_FALSE(parse_png_phys(Bytes{0, 0, 0, 0, 0, 0, 0, 0, 1})); // zero density
}

TEST_CASE("JFIF density: dpi, dpcm, aspect only, short payloads") {
  Bytes app0{'J', 'F', 'I', 'F', 0, 1, 2, 1, 0x01, 0x2C, 0x01, 0x2C, 0, 0};
  REQUIRE(parse_jfif_density(app0));
  CHECK(parse_jfif_density(app0)->x_dpi == 300);
  app0[7] = 2;
  CHECK(parse_jfif_density(app0)->x_dpi == doctest::Approx(762));
  app0[7] = 0;
  CHECK_FALSE(parse_jfif_density(app0));
  CHECK_FALSE(parse_jfif_density(Bytes(app0.begin(), app0.begin() + 9)));
  CHECK_FALSE(parse_jfif_density(Bytes{'J', 'F', 'X', 'X', 0, 1, 2, 1, 1, 1, 1, 1}));
}

TEST_CASE("Exif: both byte orders, cm unit, orientation; broken offsets are ignored") {
  const Bytes be = test::exif_payload(false, 600, 2, 2, 8);
  const ExifInfo a = parse_exif(be);
  REQUIRE(a.density);
  CHECK(a.density->x_dpi == 300);
  CHECK(a.orientation == 8);
  const ExifInfo b = parse_exif(test::exif_payload(true, 118, 1, 3, 3));
  REQUIRE(b.density);
  CHECK(b.density->x_dpi == doctest::Approx(299.72));
  CHECK(b.orientation == 3);
  // Zero denominator, unknown unit, out-of-range orientation.
  CHECK_FALSE(parse_exif(test::exif_payload(true, 300, 0, 2, 1)).density);
  CHECK_FALSE(parse_exif(test::exif_payload(true, 300, 1, 1, 1)).density);
  CHECK(parse_exif(test::exif_payload(true, 300, 1, 2, 99)).orientation == 1);
  // Every truncation of a valid payload parses without reading out of bounds.
  for (std::size_t n = 0; n < be.size(); ++n) {
    const ExifInfo cut = parse_exif(std::span<const std::uint8_t>(be.data(), n));
    CHECK((!cut.density || cut.density->x_dpi == 300));
  }
  // IFD offset pointing far away.
  Bytes far = be;
  far[6 + 4] = 0x7F;
  CHECK_FALSE(parse_exif(far).density);
}

TEST_CASE("PNG header: structure errors have the right codes") {
  auto png = [](const Bytes& b) { return [b] { parse_png_header(b, "x.png"); }; };
  CHECK(code_of(png(Bytes{'n', 'o', 't', 'p', 'n', 'g', 0, 0})) == "corrupt_image");
  Bytes minimal{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  Bytes ihdr{0, 0, 0, 10, 0, 0, 0, 10, 8, 0, 0, 0, 0};
  for (const auto& chunk : {test::png_chunk("IHDR", ihdr), test::png_chunk("IDAT", {1, 2}),
                            test::png_chunk("IEND", {})}) {
    minimal.insert(minimal.end(), chunk.begin(), chunk.end());
  }
  const PngHeader ok = parse_png_header(minimal, "x.png");
  CHECK(ok.width == 10);
  CHECK(ok.bit_depth == 8);
  CHECK_FALSE(ok.density);
  // Every truncation is truncated_file (or corrupt for a cut signature), never a crash.
  for (std::size_t n = 0; n < minimal.size(); ++n) {
    const std::string code = code_of(png(Bytes(minimal.begin(), minimal.begin() + n)));
    CHECK((code == "truncated_file" || code == "corrupt_image"));
  }
  // A chunk length of 0xFFFFFFF0.
  Bytes huge = minimal;
  huge[33] = huge[34] = huge[35] = 0xFF;
  huge[36] = 0xF0;
  CHECK(code_of(png(huge)) == "corrupt_image");
  // Bad bit depth.
  Bytes depth = minimal;
  depth[24] = 3;
  CHECK(code_of(png(depth)) == "corrupt_image");
}

TEST_CASE("JPEG header: SOF, markers, truncations") {
  auto jpeg = [](const Bytes& b) { return [b] { parse_jpeg_header(b, "x.jpg"); }; };
  const Bytes good = test::encode(cv::Mat(20, 30, CV_8UC3, cv::Scalar(1, 2, 3)), ".jpg");
  const JpegHeader h = parse_jpeg_header(good, "x.jpg");
  CHECK(h.width == 30);
  CHECK(h.height == 20);
  CHECK(h.components == 3);
  CHECK(h.orientation == 1);
  for (std::size_t n = 0; n + 1 < good.size(); n += 3) {
    const std::string code = code_of(jpeg(Bytes(good.begin(), good.begin() + n)));
    CHECK((code == "truncated_file" || code == "corrupt_image"));
  }
  CHECK(code_of(jpeg(Bytes{0xFF, 0xD8, 0xFF, 0xD9})) == "corrupt_image");
  CHECK(code_of(jpeg(Bytes{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01})) == "corrupt_image");
}

TEST_CASE("dossier.json: keys, documents, wrong types, malformed text") {
  const DossierSpec spec = parse_dossier_json(R"({
    "dossier_code": "000.00.16.H29-261122-0001", "procedure_code": "1.001193",
    "agency_code": "000.00.16.H29", "agency_name": "UBND phường Bến Nghé",
    "officer": "Trần Thị B",
    "documents": [
      {"id": "to-khai", "files": ["p1.jpg", "p2.jpg"], "doc_type": "birth_registration_form"},
      {"id": "cccd", "files": ["cccd.png"]}
    ]})");
  CHECK_FALSE(spec.malformed);
  CHECK(spec.problems.empty());
  CHECK(spec.has_dossier_code);
  CHECK(spec.metadata.agency_name == "UBND phường Bến Nghé");
  CHECK(spec.metadata.officer == "Trần Thị B");
  REQUIRE(spec.documents.size() == 2);
  CHECK(spec.documents[0].files == std::vector<std::string>{"p1.jpg", "p2.jpg"});
  CHECK(spec.documents[0].doc_type == std::optional<std::string>("birth_registration_form"));
  CHECK_FALSE(spec.documents[1].doc_type);

  const DossierSpec typed = parse_dossier_json(
      R"({"officer": 5, "documents": [3, {"id": "a", "files": "a.png"}, {"files": [1, "b.png"]}]})");
  CHECK_FALSE(typed.malformed);
  CHECK(typed.metadata.officer.empty());
  CHECK(typed.problems.size() == 4);
  REQUIRE(typed.documents.size() == 2);
  CHECK(typed.documents[0].files.empty());
  CHECK(typed.documents[1].files == std::vector<std::string>{"b.png"});

  CHECK(parse_dossier_json("{ not json").malformed);
  CHECK(parse_dossier_json("[1, 2]").malformed);
  CHECK(parse_dossier_json("").malformed);
  CHECK(parse_dossier_json("{\"officer\": \"\xFF\xFE\"}").malformed); // invalid UTF-8
  CHECK(parse_dossier_json(std::string(100000, '[')).malformed);
  CHECK_FALSE(parse_dossier_json("{}").malformed);
}
