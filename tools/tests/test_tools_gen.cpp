// sohoa-gen: determinism, truth validity against forms.md/schemas, decodable formats.
#include <tiffio.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "support/scratch.hpp"
#include "tools/gen/generator.hpp"
#include "tools/gen/random_data.hpp"
#include "tools/gen/rng.hpp"
#include <doctest/doctest.h>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sohoa::gen;

namespace {

std::string slurp(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Relative path -> content of every file under dir.
std::map<std::string, std::string> tree(const fs::path &dir) {
  std::map<std::string, std::string> out;
  for (const auto &e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      out[fs::relative(e.path(), dir).string()] = slurp(e.path());
    }
  }
  return out;
}

GenOptions small_set(const fs::path &out, std::uint64_t seed) {
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

std::vector<json> truth_docs(const fs::path &truth) {
  std::vector<json> docs;
  for (const auto &e : fs::recursive_directory_iterator(truth)) {
    if (e.is_regular_file() && e.path().extension() == ".json") {
      docs.push_back(json::parse(slurp(e.path())));
    }
  }
  return docs;
}

bool is_nfc(const std::string &s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) && nfc->isNormalized(icu::UnicodeString::fromUTF8(s), status);
}

bool valid_iso_date(const std::string &s) {
  if (!std::regex_match(s, std::regex(R"(\d{4}-\d{2}-\d{2})"))) {
    return false;
  }
  const int y = std::stoi(s.substr(0, 4));
  const int m = std::stoi(s.substr(5, 2));
  const int d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string run(const std::string &cmd) {
  std::unique_ptr<FILE, int (*)(FILE *)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  std::size_t n = 0;
  while (pipe && (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) {
    out.append(buf, n);
  }
  return out;
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
  const auto tb = tree(b.out);
  const auto tc = tree(c.out);
  REQUIRE(ta.size() > 8);
  CHECK(ta.size() == tb.size());
  for (const auto &[name, content] : ta) {
    INFO(name);
    REQUIRE(tb.count(name) == 1);
    CHECK(tb.at(name) == content);
  }
  int same = 0;
  for (const auto &[name, content] : ta) {
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

  const fs::path schemas = sohoa::test::source_dir() / "schemas";
  const json ids = json::parse(slurp(schemas / "identifiers.v1.json"));
  std::set<int> provinces;
  for (const auto &p : ids["province_codes"]) {
    provinces.insert(p.get<int>());
  }
  std::set<std::string> types_seen;
  int invalid_seen = 0;
  for (const auto &doc : truth_docs(dir / "truth")) {
    const std::string type = doc["doc_type"];
    types_seen.insert(type);
    const std::string where =
        doc["dossier_folder"].get<std::string>() + "/" + doc["document_id"].get<std::string>();
    INFO(where);
    CHECK(!doc["pages"].empty());
    for (const auto &page : doc["pages"]) {
      CHECK(is_nfc(page["text"]));
      CHECK((page["blank"].get<bool>() || !page["text"].get<std::string>().empty()));
    }
    if (type == "unknown") {
      CHECK(doc["fields"].empty());
      continue;
    }
    const json schema = json::parse(slurp(schemas / (type + ".v1.schema.json")));
    const json &props = schema["properties"];
    std::set<std::string> invalid;
    for (const auto &f : doc["invalid_fields"]) {
      invalid.insert(f.get<std::string>());
    }
    invalid_seen += static_cast<int>(invalid.size());
    std::string gender;
    std::string birth;
    for (const auto &[key, value] : doc["fields"].items()) {
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
    for (const char *key : {"id_number", "personal_id_number", "id_document_number"}) {
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
  for (const char *t : {"birth_registration_form", "residence_form_ct01", "judicial_record_request",
                        "citizen_id_card", "administrative_decision"}) {
    CHECK(types_seen.count(t) == 1);
  }
  CHECK(invalid_seen >= 0);
  // Dossier codes follow <unit code>-<yymmdd>-<4 digits>.
  for (const auto &e : fs::directory_iterator(dir / "input")) {
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
    for (const auto &doc : truth_docs(dir / "truth")) {
      std::map<std::string, std::vector<json>> pages_by_file;
      for (const auto &p : doc["pages"]) {
        pages_by_file[p["file"].get<std::string>()].push_back(p);
      }
      for (const auto &[file, pages] : pages_by_file) {
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
            const auto *b = reinterpret_cast<const unsigned char *>(bytes.data() + phys + 4);
            const unsigned ppm = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
            CHECK(std::lround(ppm * 0.0254) == dpi);
            CHECK(b[8] == 1);
          } else {
            const auto *b = reinterpret_cast<const unsigned char *>(bytes.data());
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
          std::unique_ptr<TIFF, void (*)(TIFF *)> t(TIFFOpen(path.c_str(), "r"), TIFFClose);
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
  for (const char *name : {"truncated.png", "empty.jpg", "not-a-tiff.tif", "corrupt.tif",
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
  for (const auto &doc : truth_docs(dir / "truth")) {
    CHECK(doc["expected_status"] == "failed");
    CHECK(doc["pages"].empty());
    ++docs;
  }
  CHECK(docs >= 6);
}
