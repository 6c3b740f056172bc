// sohoa-gen: determinism, truth validity against forms.md/schemas, decodable formats.
#include <tiffio.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "support/scratch.hpp"
#include "tools/gen/form_writer.hpp"
#include "tools/gen/generator.hpp"
#include "tools/gen/random_data.hpp"
#include "tools/gen/rng.hpp"
#include <doctest/doctest.h>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sohoa::gen;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Relative path -> content of every file under dir.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      out[fs::relative(e.path(), dir).string()] = slurp(e.path());
    }
  }
  return out;
}

GenOptions small_set(const fs::path& out, std::uint64_t seed) {
  GenOptions o;
  o.seed = seed;
  o.out = out;
  o.dossiers = 4;
  o.dpi = 100;
  o.profile = Profile::mixed;
  o.formats = {Format::png,      Format::jpeg,      Format::tiff_g4,
               Format::tiff_lzw, Format::tiff_jpeg, Format::pdf};
  o.unknown_docs = true;
  o.jobs = 2;
  return o;
}

// Two generated trees hold the same files, byte for byte.
void check_same_files(const std::map<std::string, std::string>& a,
                      const std::map<std::string, std::string>& b) {
  REQUIRE(a.size() > 8);
  CHECK(a.size() == b.size());
  for (const auto& [name, content] : a) {
    INFO(name);
    REQUIRE(b.count(name) == 1);
    CHECK(b.at(name) == content);
  }
}

std::vector<json> truth_docs(const fs::path& truth) {
  std::vector<json> docs;
  for (const auto& e : fs::recursive_directory_iterator(truth)) {
    if (e.is_regular_file() && e.path().extension() == ".json") {
      docs.push_back(json::parse(slurp(e.path())));
    }
  }
  return docs;
}

bool is_nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) && nfc->isNormalized(icu::UnicodeString::fromUTF8(s), status);
}

bool valid_iso_date(const std::string& s) {
  if (!std::regex_match(s, std::regex(R"(\d{4}-\d{2}-\d{2})"))) {
    return false;
  }
  const int y = std::stoi(s.substr(0, 4));
  const int m = std::stoi(s.substr(5, 2));
  const int d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string run(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  std::size_t n = 0;
  while (pipe && (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) {
    out.append(buf, n);
  }
  return out;
}

// A set of every document type at a low resolution, in the given layouts.
GenOptions layout_set(const fs::path& out, LayoutSet layouts) {
  GenOptions o;
  o.seed = 9;
  o.out = out;
  o.dossiers = 24;
  o.dpi = 60;
  o.unknown_docs = true;
  o.jobs = 2;
  o.layouts = layouts;
  return o;
}

// "hs-003/02-cccd": the document a failed check is about.
std::string where(const json& doc) {
  return doc["dossier_folder"].get<std::string>() + "/" + doc["document_id"].get<std::string>();
}

std::string page_text(const json& doc) {
  std::string text;
  for (const auto& page : doc["pages"]) {
    if (!text.empty()) {
      text += '\n';
    }
    text += page["text"].get<std::string>();
  }
  return text;
}

std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// Lines joined by spaces: a value wrapped over lines reads whole again.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string dmy(const std::string& iso) {
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::set<std::string> variants_of(const json& doc) {
  std::set<std::string> out;
  for (const auto& v : doc["layout_variants"]) {
    out.insert(v.get<std::string>());
  }
  return out;
}

// Truth documents keyed by what a layout cannot change: the dossier, the number the
// document's files start with and its type.
std::map<std::string, json> truth_by_position(const fs::path& truth) {
  std::map<std::string, json> out;
  for (auto& doc : truth_docs(truth)) {
    const std::string key = doc["dossier_folder"].get<std::string>() + "/" +
                            doc["files"][0].get<std::string>().substr(0, 2) + "/" +
                            doc["doc_type"].get<std::string>();
    out[key] = std::move(doc);
  }
  return out;
}

// Checks every truth document under `truth` against forms.md, the schemas and the
// identifier rules; returns the document types seen.
std::set<std::string> check_truth_values(const fs::path& truth) {
  const fs::path schemas = sohoa::test::source_dir() / "schemas";
  const json ids = json::parse(slurp(schemas / "identifiers.v1.json"));
  std::set<int> provinces;
  for (const auto& p : ids["province_codes"]) {
    provinces.insert(p.get<int>());
  }
  std::set<std::string> types_seen;
  int invalid_seen = 0;
  for (const auto& doc : truth_docs(truth)) {
    const std::string type = doc["doc_type"];
    types_seen.insert(type);
    INFO(where(doc));
    CHECK(!doc["pages"].empty());
    for (const auto& page : doc["pages"]) {
      CHECK(is_nfc(page["text"]));
      CHECK((page["blank"].get<bool>() || !page["text"].get<std::string>().empty()));
    }
    if (type == "unknown") {
      CHECK(doc["fields"].empty());
      continue;
    }
    const json schema = json::parse(slurp(schemas / (type + ".v1.schema.json")));
    const json& props = schema["properties"];
    std::set<std::string> invalid;
    for (const auto& f : doc["invalid_fields"]) {
      invalid.insert(f.get<std::string>());
    }
    invalid_seen += static_cast<int>(invalid.size());
    std::string gender;
    std::string birth;
    for (const auto& [key, value] : doc["fields"].items()) {
      INFO(key);
      REQUIRE(props.contains(key));
      const std::string v = value.get<std::string>();
      CHECK(is_nfc(v));
      CHECK(v.find("  ") == std::string::npos);
      REQUIRE(!v.empty());
      CHECK(v.front() != ' ');
      CHECK(v.back() != ' ');
      if (props[key].contains("x-pattern")) {
        CHECK(std::regex_search(v, std::regex(props[key]["x-pattern"].get<std::string>())));
      }
      if (key.find("date") != std::string::npos) {
        CHECK(valid_iso_date(v));
        if (key != "expiry_date") {
          CHECK(v <= "2026-11-20"); // the generator's fixed "today"
        }
      }
      if (key == "gender") {
        gender = v;
      }
      if (key == "date_of_birth") {
        birth = v;
      }
    }
    // The personal id agrees with the same document's gender and birth year,
    // except where the truth says it was made not to.
    for (const char* key : {"id_number", "personal_id_number", "id_document_number"}) {
      if (!doc["fields"].contains(key)) {
        continue;
      }
      const std::string id = doc["fields"][key];
      if (id.size() == 9) {
        continue; // old CMND
      }
      REQUIRE(id.size() == 12);
      CHECK(provinces.count(std::stoi(id.substr(0, 3))) == 1);
      if (!birth.empty() && !gender.empty()) {
        const int year = std::stoi(birth.substr(0, 4));
        const int digit = id[3] - '0';
        const bool gender_ok = (digit % 2 == 0) == (gender == "Nam");
        const bool century_ok = 1900 + (digit / 2) * 100 == year / 100 * 100;
        const bool year_ok = id.substr(4, 2) == birth.substr(2, 2);
        CHECK(gender_ok);
        CHECK(century_ok);
        CHECK(year_ok == (invalid.count(key) == 0));
      }
    }
    if (doc["fields"].contains("expiry_date")) {
      CHECK(doc["fields"]["date_of_birth"].get<std::string>() <
            doc["fields"]["expiry_date"].get<std::string>());
    }
  }
  CHECK(invalid_seen >= 0);
  return types_seen;
}

} // namespace

TEST_CASE("the generator's random numbers depend only on the seed") {
  Rng a(42);
  Rng b(42);
  Rng c(43);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.uniform_int(-5, 17);
    CHECK(x == b.uniform_int(-5, 17));
    CHECK(x >= -5);
    CHECK(x <= 17);
    differs = differs || x != c.uniform_int(-5, 17);
  }
  CHECK(differs);
  // Forks are independent of the draws made on the parent.
  Rng p1(7);
  Rng p2(7);
  p2.next();
  CHECK(p1.fork(3).next() == p2.fork(3).next());
}

TEST_CASE("personal id numbers follow the forms.md rules") {
  Rng rng(1);
  CHECK(make_personal_id(rng, "079", true, 1990).substr(0, 6) == "079090");
  CHECK(make_personal_id(rng, "001", false, 1985).substr(0, 6) == "001185");
  CHECK(make_personal_id(rng, "048", true, 2003).substr(0, 6) == "048203");
  CHECK(make_personal_id(rng, "096", false, 2010).substr(0, 6) == "096310");
  const std::string id = make_personal_id(rng, "030", true, 1977);
  CHECK(id.size() == 12);
  const std::string broken = break_personal_id(rng, id);
  CHECK(broken.size() == 12);
  CHECK(broken.substr(4, 2) != "77");
  CHECK(broken.substr(0, 4) == id.substr(0, 4));
  CHECK(broken.substr(6) == id.substr(6));
}

TEST_CASE("the same seed gives byte-identical output, another seed differs") {
  sohoa::test::ScratchDir dir("gen-determinism");
  GenOptions a = small_set(dir / "a", 11);
  a.bad_inputs = true;
  GenOptions b = a;
  b.out = dir / "b";
  b.jobs = 1; // the number of threads must not matter
  GenOptions c = a;
  c.out = dir / "c";
  c.seed = 12;
  generate_set(a);
  generate_set(b);
  generate_set(c);
  const auto ta = tree(a.out);
  const auto tc = tree(c.out);
  check_same_files(ta, tree(b.out));
  int same = 0;
  for (const auto& [name, content] : ta) {
    same += tc.count(name) == 1 && tc.at(name) == content ? 1 : 0;
  }
  // Only the content-free bad inputs may coincide.
  CHECK(same < static_cast<int>(ta.size()) / 2);
}

TEST_CASE("truth values satisfy the schemas and the identifier rules") {
  sohoa::test::ScratchDir dir("gen-truth");
  GenOptions o = small_set(dir.path(), 5);
  o.dossiers = 12;
  o.formats = {Format::png};
  o.profile = Profile::clean;
  generate_set(o);

  const std::set<std::string> types_seen = check_truth_values(dir / "truth");
  for (const char* t : {"birth_registration_form", "residence_form_ct01", "judicial_record_request",
                        "citizen_id_card", "administrative_decision"}) {
    CHECK(types_seen.count(t) == 1);
  }
  // Dossier codes follow <unit code>-<yymmdd>-<4 digits>.
  for (const auto& e : fs::directory_iterator(dir / "input")) {
    if (fs::exists(e.path() / "dossier.json")) {
      const json d = json::parse(slurp(e.path() / "dossier.json"));
      CHECK(std::regex_match(d["dossier_code"].get<std::string>(),
                             std::regex(R"(\d{3}\.\d{2}\.\d{2}\.[A-Y]\d{2}-\d{6}-\d{4})")));
    }
  }
}

TEST_CASE("every format decodes with its page count and resolution") {
  for (const Format f : {Format::png, Format::jpeg, Format::tiff_g4, Format::tiff_lzw,
                         Format::tiff_jpeg, Format::pdf}) {
    sohoa::test::ScratchDir dir("gen-format");
    GenOptions o = small_set(dir.path(), 21);
    o.formats = {f};
    o.dossiers = 4;
    o.dpi = 120;
    generate_set(o);
    int files_checked = 0;
    for (const auto& doc : truth_docs(dir / "truth")) {
      std::map<std::string, std::vector<json>> pages_by_file;
      for (const auto& p : doc["pages"]) {
        pages_by_file[p["file"].get<std::string>()].push_back(p);
      }
      for (const auto& [file, pages] : pages_by_file) {
        const fs::path path = dir / "input" / doc["dossier_folder"].get<std::string>() / file;
        INFO(path.string());
        REQUIRE(fs::exists(path));
        const int dpi = pages.front()["dpi"];
        const std::string bytes = slurp(path);
        ++files_checked;
        if (f == Format::png || f == Format::jpeg) {
          REQUIRE(pages.size() == 1);
          const cv::Mat img = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
          REQUIRE(!img.empty());
          CHECK(img.cols == pages.front()["width"].get<int>());
          CHECK(img.rows == pages.front()["height"].get<int>());
          if (f == Format::png) {
            const auto phys = bytes.find("pHYs");
            REQUIRE(phys != std::string::npos);
            const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + phys + 4);
            const unsigned ppm = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
            CHECK(std::lround(ppm * 0.0254) == dpi);
            CHECK(b[8] == 1);
          } else {
            const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
            CHECK(b[13] == 1);
            CHECK(((b[14] << 8) | b[15]) == dpi);
          }
        } else if (f == Format::pdf) {
          const std::string info = run("pdfinfo '" + path.string() + "'");
          CHECK(info.find("Pages:           " + std::to_string(pages.size())) != std::string::npos);
          // One JPEG (DCTDecode) image per page at the page's resolution.
          std::istringstream list(run("pdfimages -list '" + path.string() + "'"));
          std::string line;
          std::size_t images = 0;
          while (std::getline(list, line)) {
            std::istringstream cols(line);
            std::vector<std::string> c;
            for (std::string tok; cols >> tok;) {
              c.push_back(tok);
            }
            if (c.size() < 14 || c[2] != "image") {
              continue;
            }
            ++images;
            CHECK(c[8] == "jpeg");
            CHECK(std::abs(std::stoi(c[12]) - dpi) <= 1);
            CHECK(std::abs(std::stoi(c[13]) - dpi) <= 1);
          }
          CHECK(images == pages.size());
        } else {
          TIFFSetWarningHandler(nullptr);
          std::unique_ptr<TIFF, void (*)(TIFF*)> t(TIFFOpen(path.c_str(), "r"), TIFFClose);
          REQUIRE(t != nullptr);
          CHECK(TIFFNumberOfDirectories(t.get()) == pages.size());
          std::size_t index = 0;
          do {
            uint32_t w = 0;
            uint32_t h = 0;
            float xres = 0;
            uint16_t comp = 0;
            uint16_t bits = 0;
            TIFFGetField(t.get(), TIFFTAG_IMAGEWIDTH, &w);
            TIFFGetField(t.get(), TIFFTAG_IMAGELENGTH, &h);
            TIFFGetField(t.get(), TIFFTAG_XRESOLUTION, &xres);
            TIFFGetField(t.get(), TIFFTAG_COMPRESSION, &comp);
            TIFFGetFieldDefaulted(t.get(), TIFFTAG_BITSPERSAMPLE, &bits);
            CHECK(w == pages[index]["width"].get<uint32_t>());
            CHECK(h == pages[index]["height"].get<uint32_t>());
            CHECK(std::lround(xres) == dpi);
            CHECK(comp == (f == Format::tiff_g4    ? COMPRESSION_CCITTFAX4
                           : f == Format::tiff_lzw ? COMPRESSION_LZW
                                                   : COMPRESSION_JPEG));
            CHECK(bits == (f == Format::tiff_g4 ? 1 : 8));
            ++index;
          } while (TIFFReadDirectory(t.get()));
        }
      }
    }
    CHECK(files_checked >= 4);
  }
}

TEST_CASE("bad inputs are there and marked as expected failures") {
  sohoa::test::ScratchDir dir("gen-bad");
  GenOptions o = small_set(dir.path(), 3);
  o.dossiers = 0;
  o.bad_inputs = true;
  generate_set(o);
  const fs::path bad = dir / "input" / "bad-inputs";
  for (const char* name : {"truncated.png", "empty.jpg", "not-a-tiff.tif", "corrupt.tif",
                           "bomb.png", "don-xin.docx"}) {
    CHECK(fs::exists(bad / name));
  }
  CHECK(fs::file_size(bad / "empty.jpg") == 0);
  CHECK(fs::file_size(bad / "bomb.png") < 200);
  CHECK(cv::imread((bad / "truncated.png").string()).empty());
  const std::string bomb = slurp(bad / "bomb.png");
  CHECK(static_cast<unsigned char>(bomb[18]) == 0x86); // 100000 = 0x000186A0
  CHECK(static_cast<unsigned char>(bomb[19]) == 0xA0);
  if (fs::exists(bad / "encrypted.pdf")) {
    CHECK(
        run("pdfinfo '" + (bad / "encrypted.pdf").string() + "' 2>&1").find("Incorrect password") !=
        std::string::npos);
  }
  int docs = 0;
  for (const auto& doc : truth_docs(dir / "truth")) {
    CHECK(doc["expected_status"] == "failed");
    CHECK(doc["pages"].empty());
    ++docs;
  }
  CHECK(docs >= 6);
}

TEST_CASE("--layouts standard writes no layout keys; holdout and mixed do not depend on --jobs") {
  sohoa::test::ScratchDir dir("gen-layout-jobs");
  GenOptions standard = layout_set(dir / "standard", LayoutSet::standard);
  standard.dossiers = 4;
  generate_set(standard);
  for (const auto& doc : truth_docs(standard.out / "truth")) {
    CHECK(!doc.contains("layout"));
    CHECK(!doc.contains("layout_variants"));
  }
  for (const LayoutSet layouts : {LayoutSet::holdout, LayoutSet::mixed}) {
    GenOptions a = layout_set(dir / "a", layouts);
    a.dossiers = 8;
    a.profile = Profile::mixed;
    a.formats = {Format::png, Format::jpeg, Format::tiff_lzw, Format::pdf};
    GenOptions b = a;
    b.out = dir / "b";
    b.jobs = 1;
    generate_set(a);
    generate_set(b);
    const auto ta = tree(a.out);
    check_same_files(ta, tree(b.out));
    std::set<std::string> seen;
    for (const auto& doc : truth_docs(a.out / "truth")) {
      seen.insert(doc["layout"].get<std::string>());
    }
    CHECK(seen == (layouts == LayoutSet::holdout ? std::set<std::string>{"holdout"}
                                                 : std::set<std::string>{"holdout", "standard"}));
    fs::remove_all(a.out);
    fs::remove_all(b.out);
  }
}

TEST_CASE("a holdout set records its layout, draws every variant and keeps the truth rules") {
  sohoa::test::ScratchDir dir("gen-holdout");
  generate_set(layout_set(dir.path(), LayoutSet::holdout));
  const std::set<std::string> types = check_truth_values(dir / "truth");
  for (const char* t : {"birth_registration_form", "residence_form_ct01", "judicial_record_request",
                        "citizen_id_card", "administrative_decision", "unknown"}) {
    CHECK(types.count(t) == 1);
  }
  std::set<std::string> drawn;
  for (const auto& doc : truth_docs(dir / "truth")) {
    INFO(where(doc));
    CHECK(doc["layout"] == "holdout");
    // Every holdout document differs from the standard layouts in some way.
    CHECK(!doc["layout_variants"].empty());
    const auto variants = variants_of(doc);
    drawn.insert(variants.begin(), variants.end());
  }
  for (const char* v : {"compact", "numbering", "leaders", "value_below_label", "sans_font",
                        "label_wording", "grid", "card_2024", "card_chip_2021", "photocopy",
                        "agency_3_lines", "summary_2_lines", "seal_over_name", "signer_2_lines"}) {
    INFO(v);
    CHECK(drawn.count(v) == 1);
  }
}

TEST_CASE("holdout scan conditions are drawn, applied and recorded in the truth") {
  sohoa::test::ScratchDir dir("gen-conditions");
  GenOptions o = layout_set(dir.path(), LayoutSet::holdout);
  o.dossiers = 8;
  o.dpi = 300;
  o.profile = Profile::clean;
  o.formats = {Format::png};
  generate_set(o);
  check_truth_values(dir / "truth");
  std::map<std::string, int> drawn;
  for (const auto& doc : truth_docs(dir / "truth")) {
    INFO(where(doc));
    std::set<std::string> conditions;
    for (const auto& c : doc["conditions"]) {
      conditions.insert(c.get<std::string>());
      ++drawn[c.get<std::string>()];
    }
    const std::string type = doc["doc_type"].get<std::string>();
    if (conditions.count("fill_over_leaders") == 1) {
      CHECK((type != "citizen_id_card" && type != "administrative_decision"));
    }
    for (const auto& page : doc["pages"]) {
      CHECK(page["rotation"] == (conditions.count("upside_down") == 1 ? 180 : 0));
      const int dpi = page["dpi"].get<int>();
      CHECK((conditions.count("low_dpi") == 1 ? dpi >= 150 && dpi <= 200 : dpi >= 300));
      // Size and resolution follow the image (a phone photo is larger than the page).
      const fs::path file = dir / "input" / doc["dossier_folder"].get<std::string>() /
                            page["file"].get<std::string>();
      const cv::Mat image = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
      CHECK(image.cols == page["width"].get<int>());
      CHECK(image.rows == page["height"].get<int>());
    }
  }
  for (const char* c : {"fill_over_leaders", "stamp_over_text", "photocopy_of_copy", "phone_photo",
                        "low_dpi", "upside_down"}) {
    INFO(c);
    CHECK(drawn[c] >= 1);
  }
}

TEST_CASE("holdout documents hold the values of their standard twins") {
  // Layout choices come from their own random stream, so the same seed gives the same
  // people and values; only the decision's agency block and signer title may differ.
  sohoa::test::ScratchDir dir("gen-twins");
  generate_set(layout_set(dir / "standard", LayoutSet::standard));
  generate_set(layout_set(dir / "holdout", LayoutSet::holdout));
  const auto standard = truth_by_position(dir / "standard" / "truth");
  const auto holdout = truth_by_position(dir / "holdout" / "truth");
  REQUIRE(standard.size() > 40);
  CHECK(standard.size() == holdout.size());
  int texts_differ = 0;
  for (const auto& [key, twin] : standard) {
    INFO(key);
    REQUIRE(holdout.count(key) == 1);
    const json& doc = holdout.at(key);
    json fields = doc["fields"];
    json twin_fields = twin["fields"];
    if (doc["doc_type"] == "administrative_decision") {
      for (const char* changeable : {"issuing_agency", "signer_title"}) {
        fields.erase(changeable);
        twin_fields.erase(changeable);
      }
    }
    CHECK(fields == twin_fields);
    CHECK(doc["invalid_fields"] == twin["invalid_fields"]);
    texts_differ += page_text(doc) != page_text(twin) ? 1 : 0;
  }
  // Wordings, numbering, wraps and card faces change the text of most documents.
  CHECK(texts_differ > static_cast<int>(standard.size()) / 2);
}

TEST_CASE("holdout id cards print every truth field on the chip and 2024 faces") {
  sohoa::test::ScratchDir dir("gen-holdout-cards");
  GenOptions o = layout_set(dir.path(), LayoutSet::holdout);
  o.scan_conditions = false; // the faces as printed: no stamps, copies or photos over them
  generate_set(o);
  int faces_2024 = 0;
  int chip_faces = 0;
  int photocopies = 0;
  for (const auto& doc : truth_docs(dir / "truth")) {
    if (doc["doc_type"] != "citizen_id_card") {
      continue;
    }
    INFO(where(doc));
    const json& f = doc["fields"];
    for (const char* key : {"id_number", "full_name", "date_of_birth", "gender", "nationality",
                            "place_of_origin", "place_of_residence"}) {
      INFO(key);
      REQUIRE(f.contains(key));
    }
    const std::string text = page_text(doc);
    const std::string flat = one_line(text);
    for (const std::string& value :
         {f["id_number"].get<std::string>(), f["full_name"].get<std::string>(),
          dmy(f["date_of_birth"]), f["gender"].get<std::string>(),
          f["nationality"].get<std::string>(), f["place_of_origin"].get<std::string>(),
          f["place_of_residence"].get<std::string>()}) {
      CHECK(contains(flat, value));
    }
    // The chip and 2024 faces print the expiry on one line at the bottom left.
    CHECK(
        contains(text, "\nCó giá trị đến / Date of expiry: " +
                           (f.contains("expiry_date") ? dmy(f["expiry_date"]) : "Không thời hạn")));
    const auto variants = variants_of(doc);
    if (variants.count("card_2024") == 1) {
      ++faces_2024;
      CHECK(contains(text, "CĂN CƯỚC\nIDENTITY CARD\n"));
      CHECK(contains(text, "Số định danh cá nhân / Personal identification number:\n" +
                               f["id_number"].get<std::string>() + "\n"));
      CHECK(contains(text, "Họ, chữ đệm và tên khai sinh / Full name:\n" +
                               f["full_name"].get<std::string>() + "\n"));
      CHECK(contains(text, "Ngày, tháng, năm sinh / Date of birth: " + dmy(f["date_of_birth"])));
      CHECK(
          contains(flat, "Quê quán / Place of origin: " + f["place_of_origin"].get<std::string>()));
      CHECK(contains(flat, "Nơi cư trú / Place of residence: " +
                               f["place_of_residence"].get<std::string>()));
    } else {
      REQUIRE(variants.count("card_chip_2021") == 1);
      ++chip_faces;
      CHECK(contains(text, "CĂN CƯỚC CÔNG DÂN\nCitizen Identity Card\n"));
      CHECK(contains(text, "Số / No.: " + f["id_number"].get<std::string>()));
    }
    if (variants.count("photocopy") == 1) {
      ++photocopies;
      CHECK(doc["pages"][0]["effects"] == json::array({"photocopy"}));
      const fs::path file = dir / "input" / doc["dossier_folder"].get<std::string>() /
                            doc["files"][0].get<std::string>();
      const cv::Mat img = cv::imread(file.string(), cv::IMREAD_COLOR);
      REQUIRE(!img.empty());
      std::vector<cv::Mat> bgr;
      cv::split(img, bgr);
      CHECK(cv::countNonZero(bgr[0] != bgr[1]) == 0); // grey
      CHECK(cv::countNonZero(bgr[1] != bgr[2]) == 0);
      double darkest = 0;
      cv::minMaxLoc(bgr[0], &darkest);
      CHECK(darkest >= 15); // a photocopy's blacks are lifted
    }
  }
  CHECK(faces_2024 > 0);
  CHECK(chip_faces > 0);
  CHECK(photocopies > 0);
}

TEST_CASE("holdout decisions print what their truth says") {
  sohoa::test::ScratchDir dir("gen-holdout-decisions");
  generate_set(layout_set(dir.path(), LayoutSet::holdout));
  int checked = 0;
  for (const auto& doc : truth_docs(dir / "truth")) {
    if (doc["doc_type"] != "administrative_decision") {
      continue;
    }
    INFO(where(doc));
    ++checked;
    const json& f = doc["fields"];
    const auto lines = text_lines(page_text(doc));
    const auto variants = variants_of(doc);
    if (variants.count("agency_3_lines") == 1) {
      // The agency block shares its first two rows with the motto, right of it.
      REQUIRE(lines.size() > 3);
      const auto before = [](const std::string& line, const std::string& motto) {
        return line.substr(0, line.find(" " + motto));
      };
      CHECK(before(lines[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + " " +
                before(lines[1], "Độc lập - Tự do - Hạnh phúc") + " " + lines[2] ==
            f["issuing_agency"].get<std::string>());
    }
    if (variants.count("summary_2_lines") == 1) {
      const auto first = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l.rfind("Về việc", 0) == 0;
      });
      REQUIRE(first != lines.end());
      REQUIRE(first + 1 != lines.end());
      CHECK(*first + " " + *(first + 1) == f["summary"].get<std::string>());
    }
    if (variants.count("signer_2_lines") == 1) {
      const std::string title = f["signer_title"];
      CHECK((title.rfind("KT. ", 0) == 0 || title.rfind("TM. ", 0) == 0));
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("holdout form styles number, place and rule fields as designed") {
  FormStyle style;
  style.numbered = true;
  style.numbering = Numbering::letter_paren;
  FormWriter letters(50, style);
  CHECK(letters.label("Họ và tên") == "a) Họ và tên:");
  for (int i = 0; i < 3; ++i) {
    letters.label("x");
  }
  CHECK(letters.label("Nơi sinh") == "đ) Nơi sinh:"); // Vietnamese points: a, b, c, d, đ, e
  style.numbering = Numbering::roman_dot;
  FormWriter roman(50, style);
  std::string label;
  for (int i = 0; i < 14; ++i) {
    label = roman.label("Dân tộc");
  }
  CHECK(label == "XIV. Dân tộc:");

  // Values under their labels, indented on the next line.
  FormStyle below;
  below.value_below_share = 1.0;
  FormWriter below_writer(50, below);
  below_writer.field("Nơi cư trú", "Số 12, phường Bến Nghé");
  const auto below_pages = below_writer.finish();
  CHECK(below_pages.at(0).lines ==
        std::vector<std::string>{"Nơi cư trú:", "Số 12, phường Bến Nghé"});

  // Table rows: label cell, value cell, no colon; inline pairs become rows.
  FormStyle grid;
  grid.numbered = true;
  grid.grid = true;
  FormWriter grid_writer(50, grid);
  grid_writer.field("Họ và tên", "Lê Văn An");
  grid_writer.inline_fields({{"Giới tính", "Nam"}, {"Dân tộc", "Kinh"}});
  const auto grid_pages = grid_writer.finish();
  CHECK(grid_pages.at(0).lines ==
        std::vector<std::string>{"1. Họ và tên Lê Văn An", "2. Giới tính Nam", "3. Dân tộc Kinh"});

  // Typed leaders are drawn but are not text.
  FormStyle typed;
  typed.leader_kind = LeaderKind::underscores;
  FormWriter typed_writer(100, typed);
  typed_writer.field("Email", "");
  const auto typed_pages = typed_writer.finish();
  CHECK(typed_pages.at(0).lines == std::vector<std::string>{"Email:"});
  const double px_per_mm = 100 / 25.4;
  const double baseline = typed.top + typed.line_mm;
  const cv::Rect near_right_margin(static_cast<int>((typed.right - 30) * px_per_mm),
                                   static_cast<int>((baseline - 2) * px_per_mm),
                                   static_cast<int>(25 * px_per_mm),
                                   static_cast<int>(4 * px_per_mm));
  cv::Mat grey;
  cv::cvtColor(typed_pages.at(0).image(near_right_margin), grey, cv::COLOR_BGR2GRAY);
  CHECK(cv::countNonZero(grey < 128) > 0);

  // The sans fonts are installed: they measure wider than the serif default.
  Canvas canvas(50, 20, 50);
  const TextStyle text_style;
  const double serif = canvas.text_width("Họ, chữ đệm và tên", text_style);
  for (const char* sans : {"DejaVu Sans", "Liberation Sans"}) {
    canvas.set_font_family(sans);
    CHECK(canvas.text_width("Họ, chữ đệm và tên", text_style) != doctest::Approx(serif));
  }
}
