// `sohoa run`, `reprocess` and `verify` under hostile input and a hostile machine:
// names that are not UTF-8, links out of the input, outputs that cannot be written
// (a file in the way, a full disk), resumed runs whose inputs or outputs changed,
// invalid dossier.json, corrupt records and manifests, unsigned bytes after a
// signature, truncated PDFs. Each dossier here is one or two one-page documents.
#include "e2e_support.hpp"
#include "sign_e2e_support.hpp"
#include "sohoa/core/hash.hpp"
#include <algorithm>
#include <fstream>
#include <unistd.h>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Two different one-page PNG scans from the generator, made once per process.
const std::vector<fs::path>& sample_pages() {
  static ScratchDir dir("e2e-robust-pages");
  static const std::vector<fs::path> pages = [] {
    const auto set = generate(dir / "gen", 21, 2, "clean", "png");
    std::vector<fs::path> found;
    for (const auto& e : fs::recursive_directory_iterator(set.input)) {
      if (e.path().extension() == ".png") {
        found.push_back(e.path());
      }
    }
    std::sort(found.begin(), found.end());
    return found;
  }();
  REQUIRE(pages.size() >= 2);
  return pages;
}

void copy_page(std::size_t which, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(sample_pages()[which], to, fs::copy_options::overwrite_existing);
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

CommandResult run_batch(const fs::path& input, const fs::path& out,
                        std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"run", input.string(), "--out", out.string(), "--jobs", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_sohoa(args);
}

const json* dossier_row(const json& report, const std::string& id) {
  const json* found = nullptr;
  int count = 0;
  for (const auto& d : report["dossiers"]) {
    if (d["dossier_id"] == id) {
      found = &d;
      ++count;
    }
  }
  CHECK_MESSAGE(count <= 1, id << " is counted " << count << " times");
  return found;
}

const json* document_row(const json& report, const std::string& dossier, const std::string& id) {
  for (const auto& d : report["documents"]) {
    if (d["dossier_id"] == dossier && d["document_id"] == id) {
      return &d;
    }
  }
  return nullptr;
}

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += digits[static_cast<unsigned char>(c) >> 4];
    out += digits[static_cast<unsigned char>(c) & 0x0F];
  }
  return out;
}

// A tmpfs of `size` mounted at `at` for the test's life; empty() when this machine
// does not allow it (not root, no mount in the container).
class TmpfsMount {
public:
  TmpfsMount(const fs::path& at, const std::string& size) : m_at(at) {
    fs::create_directories(at);
    m_mounted = geteuid() == 0 && run_command({"/bin/mount", "-t", "tmpfs", "-o", "size=" + size,
                                               "tmpfs", at.string()})
                                          .exit_code == 0;
  }
  ~TmpfsMount() {
    if (m_mounted) {
      run_command({"/bin/umount", m_at.string()});
    }
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;
  bool mounted() const { return m_mounted; }
  bool remount(const std::string& options) {
    return run_command({"/bin/mount", "-o", "remount," + options, m_at.string()}).exit_code == 0;
  }

private:
  fs::path m_at;
  bool m_mounted = false;
};

} // namespace

TEST_CASE("names that are not UTF-8: no crash, escaped stable ids, original bytes kept") {
  ScratchDir dir("e2e-robust-names");
  const std::string folder = "hs-\xFF\xFE"; // not UTF-8 at all
  const std::string file = "gi\xE1y.png";   // Latin-1, not UTF-8
  copy_page(0, dir / "batch" / folder / file);
  copy_page(1, dir / "batch" / "hs-ok" / "p1.png"); // a batch: every sub-folder a dossier
  const auto out = dir / "out";
  auto r = run_batch(dir / "batch", out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("schema:") == std::string::npos); // the manifest fits its schema

  const auto manifest = read_json(out / "hs-%FF%FE" / "manifest.json");
  CHECK(manifest["complete"] == true);
  CHECK(manifest["dossier_id"] == "hs-%FF%FE");
  CHECK(manifest["dossier"]["source_folder"] == "hs-%FF%FE");
  CHECK(manifest["dossier"]["source_folder_bytes_hex"] == hex(folder));
  REQUIRE(manifest["documents"].size() == 1);
  const auto& doc = manifest["documents"][0];
  CHECK(doc["document_id"] == "gi%E1y");
  CHECK(doc["status"] != "failed");
  CHECK(doc["inputs"][0]["name"] == "gi%E1y.png");
  CHECK(doc["inputs"][0]["name_bytes_hex"] == hex(file));
  CHECK(doc["inputs"][0]["sha256"] == sohoa::sha256_file(sample_pages()[0]));
  const auto record = read_json(out / "hs-%FF%FE" / "gi%E1y.json");
  CHECK(record["pages"][0]["source"] == "gi%E1y.png");
  const auto report = read_json(out / "batch-report.json");
  CHECK(report["totals"]["dossiers"] == 2);

  // The same bytes give the same ids: the rerun finds both dossiers complete.
  r = run_batch(dir / "batch", out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto again = read_json(out / "batch-report.json");
  for (const auto& d : again["dossiers"]) {
    CHECK(d["skipped"] == true);
  }
}

TEST_CASE("links out of the input are refused by name; links inside it still work") {
  ScratchDir dir("e2e-robust-links");
  const auto batch = dir / "batch";
  copy_page(0, batch / "hs-b" / "own.png");
  copy_page(1, dir / "elsewhere" / "secret.png");
  copy_page(1, dir / "elsewhere" / "folder" / "page.png");
  fs::create_directories(batch / "hs-a");
  fs::create_symlink("../hs-b/own.png", batch / "hs-a" / "inside.png");
  fs::create_symlink(dir / "elsewhere" / "secret.png", batch / "hs-a" / "outside.png");
  fs::create_directory_symlink(dir / "elsewhere" / "folder", batch / "hs-a" / "sub");
  fs::create_directory_symlink(dir / "elsewhere" / "folder", batch / "hs-linked");
  const auto out = dir / "out";
  const auto r = run_batch(batch, out);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("outside.png") != std::string::npos);
  CHECK(r.err.find("outside the input folder") != std::string::npos);

  const auto report = read_json(out / "batch-report.json");
  const json* inside = document_row(report, "hs-a", "inside");
  REQUIRE(inside != nullptr);
  CHECK((*inside)["status"] != "failed");
  for (const std::string id : {"outside", "sub"}) {
    CAPTURE(id);
    const json* refused = document_row(report, "hs-a", id);
    REQUIRE(refused != nullptr);
    CHECK((*refused)["status"] == "failed");
    REQUIRE((*refused)["errors"].size() == 1);
    const std::string message = (*refused)["errors"][0]["message"];
    CHECK(message.find("\"" + (id == "sub" ? id : id + ".png") + "\"") != std::string::npos);
    CHECK(message.find("outside the input folder") != std::string::npos);
  }
  const json* linked = dossier_row(report, "hs-linked");
  REQUIRE(linked != nullptr);
  CHECK((*linked)["status"] == "failed");
  CHECK((*linked)["reason"].get<std::string>().find("outside the input folder") !=
        std::string::npos);
  // Nothing from elsewhere was read: no output holds the secret page's hash.
  const auto secret = sohoa::sha256_file(dir / "elsewhere" / "secret.png");
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().filename() == "manifest.json") {
      CHECK(slurp(e.path()).find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("an output folder that cannot be made fails its dossier once, exit 1, redone next") {
  ScratchDir dir("e2e-robust-blocked");
  copy_page(0, dir / "batch" / "hs-a" / "p1.png");
  copy_page(1, dir / "batch" / "hs-b" / "p1.png");
  const auto out = dir / "out";
  write_text(out / "hs-b", "a file where the dossier's folder should be");
  auto r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("hs-b") != std::string::npos);
  auto report = read_json(out / "batch-report.json");
  CHECK(report["totals"]["dossiers"] == 2);
  CHECK(report["totals"]["failed_dossiers"] == 1);
  CHECK(report["exit_code"] == 1);
  const json* blocked = dossier_row(report, "hs-b");
  REQUIRE(blocked != nullptr);
  CHECK((*blocked)["status"] == "failed");
  CHECK((*blocked)["reason"].get<std::string>().find("output folder") != std::string::npos);
  const json* fine = dossier_row(report, "hs-a");
  REQUIRE(fine != nullptr);
  CHECK((*fine)["status"] != "failed");

  fs::remove(out / "hs-b");
  r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  report = read_json(out / "batch-report.json");
  REQUIRE(dossier_row(report, "hs-a") != nullptr);
  REQUIRE(dossier_row(report, "hs-b") != nullptr);
  CHECK((*dossier_row(report, "hs-a"))["skipped"] == true);
  CHECK((*dossier_row(report, "hs-b"))["skipped"] == false);
  CHECK(read_json(out / "hs-b" / "manifest.json")["complete"] == true);
}

TEST_CASE("a full disk or a read-only output: failed, never complete, redone by the rerun") {
  ScratchDir dir("e2e-robust-full");
  copy_page(0, dir / "batch" / "hs-a" / "p1.png");
  const auto out = dir / "out";
  TmpfsMount disk(out, "24k"); // room for folders and small files, not for a page's PDF
  if (!disk.mounted()) {
    MESSAGE("skipped: mounting a tmpfs needs root (this test runs as root in CI)");
    return;
  }
  auto r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find((out / "hs-a" / "p1.pdf").string()) != std::string::npos);
  CHECK(r.err.find("No space left on device") != std::string::npos);
  if (fs::exists(out / "hs-a" / "manifest.json")) {
    const auto manifest = read_json(out / "hs-a" / "manifest.json");
    CHECK(manifest["complete"] == false);
    CHECK(manifest["documents"][0]["status"] == "failed");
  }
  CHECK(temp_files(out).empty());

  // Read-only: the dossier fails before any work, naming the reason.
  REQUIRE(disk.remount("ro"));
  r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Read-only file system") != std::string::npos);

  // Room again: the same command finishes the dossier.
  REQUIRE(disk.remount("rw,size=64m"));
  r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto manifest = read_json(out / "hs-a" / "manifest.json");
  CHECK(manifest["complete"] == true);
  CHECK(manifest["documents"][0]["status"] != "failed");
  CHECK(fs::exists(out / "hs-a" / "p1.pdf"));
}

TEST_CASE("resume checks inputs and outputs, not the manifest alone") {
  ScratchDir dir("e2e-robust-resume");
  const auto input = dir / "batch" / "hs-a" / "p1.png";
  copy_page(0, input);
  const auto out = dir / "out";
  const auto skipped = [&] {
    const auto report = read_json(out / "batch-report.json");
    const json* row = dossier_row(report, "hs-a");
    REQUIRE(row != nullptr);
    return (*row)["skipped"] == true;
  };
  auto r = run_batch(dir / "batch", out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_batch(dir / "batch", out);
  CHECK(r.exit_code == 0);
  CHECK(skipped());

  // A touched input with the same bytes: hashed again, found equal, still skipped.
  fs::last_write_time(input, fs::last_write_time(input) + std::chrono::seconds(5));
  r = run_batch(dir / "batch", out);
  CHECK(r.exit_code == 0);
  CHECK(skipped());

  // A deleted output: redone, and the file is back.
  fs::remove(out / "hs-a" / "p1.alto.xml");
  r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(skipped());
  CHECK(r.err.find("p1.alto.xml") != std::string::npos);
  CHECK(fs::exists(out / "hs-a" / "p1.alto.xml"));

  // Another scan under the same name: redone from the new scan.
  copy_page(1, input);
  r = run_batch(dir / "batch", out);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(skipped());
  const auto manifest = read_json(out / "hs-a" / "manifest.json");
  CHECK(manifest["documents"][0]["inputs"][0]["sha256"] == sohoa::sha256_file(sample_pages()[1]));
}

TEST_CASE("invalid dossier.json fails its dossier with the file and the place, exit 1") {
  ScratchDir dir("e2e-robust-dossier-json");
  copy_page(0, dir / "batch" / "hs-a" / "p1.png");
  write_text(dir / "batch" / "hs-a" / "dossier.json", "{\"dossier_code\": \"000.00.16.H29\",\n");
  const auto out = dir / "out";
  const auto r = run_batch(dir / "batch" / "hs-a", out);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find((dir / "batch" / "hs-a" / "dossier.json").string()) != std::string::npos);
  CHECK(r.err.find("not valid JSON") != std::string::npos);
  CHECK(r.err.find("line 2") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "hs-a" / "manifest.json")); // nothing under a wrong id
  const auto report = read_json(out / "batch-report.json");
  const json* row = dossier_row(report, "hs-a");
  REQUIRE(row != nullptr);
  CHECK((*row)["status"] == "failed");
}

TEST_CASE("reprocess: a corrupt record or manifest is named, fails its dossier, the rest goes on") {
  ScratchDir dir("e2e-robust-reprocess");
  copy_page(0, dir / "batch" / "hs-a" / "p1.png");
  copy_page(1, dir / "batch" / "hs-b" / "p1.png");
  const auto out = dir / "out";
  auto r = run_batch(dir / "batch", out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  write_text(out / "hs-a" / "p1.json", "{\"schema\": \"sohoa.document/1\", ");
  r = run_sohoa({"reprocess", out.string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find((out / "hs-a" / "p1.json").string()) != std::string::npos);
  CHECK(r.err.find("not valid JSON") != std::string::npos);
  CHECK(r.err.find("json.exception") == std::string::npos);
  CHECK(read_json(out / "hs-b" / "manifest.json").contains("reprocessed_at")); // went on

  write_text(out / "hs-a" / "manifest.json", "{ torn");
  auto b_manifest = read_json(out / "hs-b" / "manifest.json");
  b_manifest.erase("reprocessed_at");
  write_text(out / "hs-b" / "manifest.json", b_manifest.dump(2));
  r = run_sohoa({"reprocess", out.string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("hs-a/manifest.json") != std::string::npos);
  CHECK(read_json(out / "hs-b" / "manifest.json").contains("reprocessed_at"));
}

TEST_CASE("verify: bytes after the signed %%EOF are a failure, not a permitted addition") {
  ScratchDir dir("e2e-robust-verify");
  copy_page(0, dir / "batch" / "hs-a" / "p1.png");
  const auto out = dir / "out";
  const auto r = run_batch(dir / "batch" / "hs-a", out,
                           {"--sign-cert", (e2esign::pki() / "signer-rsa.pem").string(),
                            "--sign-key", (e2esign::pki() / "signer-rsa.key").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto pdf = out / "hs-a" / "p1.pdf";
  const std::vector<std::string> verify = {
      "verify", "", "--trust", (e2esign::pki() / "root.pem").string(), "--lang", "en"};
  auto args = verify;
  args[1] = pdf.string();
  REQUIRE(run_sohoa(args).exit_code == 0);

  const auto appended = dir / "appended.pdf";
  write_text(appended, slurp(pdf) + "trailing bytes nobody signed\n");
  args[1] = appended.string();
  const auto v = run_sohoa(args);
  INFO(v.out << v.err);
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("not wholly signed") != std::string::npos);
  CHECK(v.out.find("only permitted additions") == std::string::npos);

  // Blank lines after %%EOF are no content: still valid.
  const auto blank = dir / "blank.pdf";
  write_text(blank, slurp(pdf) + "\n\n");
  args[1] = blank.string();
  CHECK(run_sohoa(args).exit_code == 0);
}

TEST_CASE("a truncated PDF scan fails with a plain message naming the file") {
  ScratchDir dir("e2e-robust-messages");
  const auto set = generate(dir / "gen", 22, 1, "clean", "pdf");
  fs::path pdf;
  for (const auto& e : fs::recursive_directory_iterator(set.input)) {
    if (e.path().extension() == ".pdf") {
      pdf = e.path();
    }
  }
  REQUIRE(!pdf.empty());
  const std::string bytes = slurp(pdf);
  write_text(dir / "batch" / "hs-a" / "cut.pdf", bytes.substr(0, bytes.size() / 2));
  const auto r = run_batch(dir / "batch" / "hs-a", dir / "out");
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cut.pdf") != std::string::npos);
  CHECK(r.err.find("ePdfError") == std::string::npos);
  CHECK(r.err.find("Handler") == std::string::npos);
  CHECK(r.err.find("PoDoFo") == std::string::npos);
}
