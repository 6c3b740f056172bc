// `sohoa serve` at the counter's pace: a long poll answers with the records as soon
// as they are made, the clerk may sign at once (signing waits for the PDFs still
// being written), and the manifest says where the server's own time went.
#include "e2e_support.hpp"
#include "sign_e2e_support.hpp"
#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <fstream>
#include <map>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_host = "127.0.0.1";

const nlohmann::json* find_event(const nlohmann::json& events, const std::string& name) {
  const auto it = std::find_if(events.begin(), events.end(), [&](const nlohmann::json& e) {
    return e.value("event", "") == name;
  });
  return it == events.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("a long poll brings the records at once and signing waits for the PDFs") {
  ScratchDir dir("serve-wait");
  const auto set = generate(dir / "gen", 5, 1, "clean", "png");
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(set.input / "hs-001")) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with("-p1.png") || name.ends_with("-p2.png")) {
      pages.push_back(entry.path());
    }
  }
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() == 2);

  const auto& pki = e2esign::pki();
  const int port = free_port();
  BackgroundCommand server({sohoa_binary().string(), "serve", "--data", (dir / "data").string(),
                            "--listen", std::string(k_host) + ":" + std::to_string(port), "--jobs",
                            "2", "--quiet", "--sign-cert", (pki / "signer-rsa.pem").string(),
                            "--sign-key", (pki / "signer-rsa.key").string()},
                           {"SOHOA_PRIORITY_LOCK=" + (dir / "priority.lock").string()});
  httplib::Client client(k_host, port);
  client.set_connection_timeout(2);
  client.set_read_timeout(180);
  bool up = false;
  for (int i = 0; i < 600 && !up && server.running(); ++i) {
    const auto res = client.Get("/healthz");
    up = res && res->status == 200;
    if (!up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  REQUIRE(up);

  auto res = client.Get("/api/dossiers/hs-none?wait=records&timeout=1");
  REQUIRE(res);
  CHECK(res->status == 404);

  const std::string listing =
      nlohmann::json{{"documents",
                      {{{"id", "to-khai"},
                        {"files", {pages[0].filename().string(), pages[1].filename().string()}}}}}}
          .dump();
  httplib::MultipartFormDataItems parts = {
      {"page", slurp(pages[0]), pages[0].filename().string(), "image/png"},
      {"page", slurp(pages[1]), pages[1].filename().string(), "image/png"},
      {"dossier.json", listing, "dossier.json", "application/json"}};
  res = client.Post("/api/dossiers", parts);
  REQUIRE(res);
  REQUIRE(res->status == 201);
  const std::string id = nlohmann::json::parse(res->body)["id"];
  const std::string api = "/api/dossiers/" + id;

  res = client.Get(api + "?wait=soon");
  REQUIRE(res);
  CHECK(res->status == 400);
  res = client.Get(api + "?wait=records&timeout=ten");
  REQUIRE(res);
  CHECK(res->status == 400);

  // One request, held open until the records are made (or the 25 s cap passes).
  nlohmann::json status = nlohmann::json::object();
  for (int i = 0; i < 8 && !status.value("records_ready", false); ++i) {
    res = client.Get(api + "?wait=records&timeout=25");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    status = nlohmann::json::parse(res->body);
  }
  REQUIRE(status["records_ready"] == true);
  REQUIRE(status["documents"].size() == 1);
  CHECK(status["documents"][0]["document_id"] == "to-khai");
  CHECK(status["documents"][0]["pages"].size() == 2);

  // Accepted at once, whatever the PDFs' progress: the answer is the signed manifest.
  res = client.Post(api + "/sign?force=1", "", "application/json");
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  const auto manifest = nlohmann::json::parse(res->body);
  REQUIRE(manifest["documents"].size() == 1);
  CHECK(manifest["documents"][0].contains("signature"));

  // Finished now: a wait for it answers at once, done and signed.
  res = client.Get(api + "?wait=done&timeout=0");
  REQUIRE(res);
  status = nlohmann::json::parse(res->body);
  CHECK(status["status"] == "done");
  CHECK(status["signed"] == true);
  res = client.Get(api + "/documents/to-khai.pdf");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body.rfind("%PDF-", 0) == 0);
  // The counter's pages keep their JPEG backgrounds (`run` stores these as JPEG 2000,
  // smaller, after trials that cost the waiting citizen more than half the encoding).
  CHECK(res->body.find("/DCTDecode") != std::string::npos);
  CHECK(res->body.find("/JPXDecode") == std::string::npos);

  // The server's steps are in the manifest beside the pipeline's spans.
  const auto stored = read_json(dir / "data" / id / "manifest.json");
  const nlohmann::json* upload = find_event(stored["events"], "upload");
  REQUIRE(upload != nullptr);
  CHECK((*upload)["staged_ms"].get<double>() >= 0);
  CHECK((*upload)["queued_ms"].get<double>() >= 0);
  const nlohmann::json* signing = find_event(stored["events"], "sign");
  REQUIRE(signing != nullptr);
  CHECK((*signing)["signing_ms"].get<double>() > 0);
  CHECK((*signing)["waited_ms"].get<double>() >= 0);

  // The page images are encoded from cleanup on, beside the pages' OCR, not after
  // it: each page's encoding starts before its reading ends, so the records never
  // wait for one and the PDF waits for little more than the records.
  const nlohmann::json* digitized = find_event(stored["events"], "digitized");
  REQUIRE(digitized != nullptr);
  bool recorded = false;
  std::map<int, double> read_until;
  std::map<int, double> encoded_from;
  for (const auto& span : (*digitized)["timings"]) {
    if (span["stage"] == "record") {
      recorded = true;
    } else if (span["stage"] == "ocr") {
      read_until[span["page"].get<int>()] = span["end_ms"].get<double>();
    } else if (span["stage"] == "encode") {
      encoded_from[span["page"].get<int>()] = span["start_ms"].get<double>();
    }
  }
  CHECK(recorded);
  REQUIRE(read_until.size() == 2);
  REQUIRE(encoded_from.size() == 2);
  for (const auto& [page, until] : read_until) {
    INFO("page " << page);
    CHECK(encoded_from[page] < until);
  }

  fs::path pdf = dir / "signed.pdf";
  {
    std::ofstream out(pdf, std::ios::binary);
    out << res->body;
  }
  const auto verified = run_sohoa({"verify", pdf.string(), "--trust", (pki / "root.pem").string()});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);

  server.kill(SIGTERM);
  CHECK(server.wait().exit_code == 0);
}
