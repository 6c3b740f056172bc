#include "commands.hpp"
#include "command_options.hpp"
#include "package_command.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/sign/verify.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "sohoa/pipeline/hot_folder.hpp"
#include "sohoa/pipeline/reprocess.hpp"
#include "sohoa/scanner/sane_scanner.hpp"
#include "sohoa/scanner/scan_dossier.hpp"
#include "sohoa/service/http_api.hpp"
#include "sohoa/pipeline/report_merge.hpp"
#include "sohoa/queue/worker.hpp"
#include "sohoa/sign/verify_report.hpp"
#include <boost/program_options.hpp>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <thread>
#include <unistd.h>

namespace sohoa::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_usage =
    R"(sohoa - digitize paper dossiers into signed, searchable PDF/A records

Usage:
  sohoa run INPUT... --out OUT [options]     digitize dossiers
  sohoa verify FILE.pdf... [--trust PEM|DIR]... [--json] [--lang vi|en]
                                             check signatures, integrity and PDF/A claims
  sohoa reprocess OUT [options]              redo forms (and signatures) on earlier output
  sohoa watch IN --out OUT [run options]     hot folder: dossier folders dropped into IN
  sohoa scan --device NAME --out OUT [--source adf|flatbed] [--dpi N] [run options]
                                             one dossier from a SANE scanner
  sohoa serve --data DIR [--listen 127.0.0.1:8750] [options]
                                             the counter: HTTP API and review page
  sohoa run INPUT... --out OUT --shard I/N   one shard of a batch shared by N processes
  sohoa report OUT                           merge the shards' batch-report-*.json
  sohoa enqueue BATCH --queue redis://HOST:PORT [--lane counter|archive]
                                             put a batch's dossiers on the work queue
  sohoa worker --queue redis://... --ledger postgresql://... --out OUT [options]
                                             digitize dossiers from the queue
  sohoa package OUT/<dossier_id> --out SIP_DIR [--format eark]
                                             an E-ARK submission package of one dossier
  sohoa package --check SIP_DIR              its checksums and schemas
  sohoa --help | --version
  sohoa COMMAND --help                       the options of one command

INPUT is a batch folder (every sub-folder a dossier), a dossier folder (document
files directly, optional dossier.json), or one or more files (each a dossier).

Exit codes (run): 0 all documents ok or needs_review, 1 some failed, 2 bad usage or
configuration (nothing written), 3 a signer or TSA was configured but could not be used.
Exit codes (verify): 0 every signature valid, intact and trusted, 1 anything else,
2 bad usage or an unreadable file.
)";

po::options_description signing_options() {
  po::options_description d("Signing (secrets come from $SOHOA_SIGN_PASSPHRASE or --secret-file)");
  d.add_options()("sign-cert", po::value<std::string>(),
                  "signer certificate PEM (chain may follow the leaf)")(
      "sign-key", po::value<std::string>(), "signer private key PEM")(
      "sign-chain", po::value<std::string>(), "extra chain certificates PEM")(
      "sign-p12", po::value<std::string>(),
      "signer key and chain as PKCS#12")("pkcs11-uri", po::value<std::string>(),
                                         "key and certificate on a PKCS#11 token (pkcs11: URI)")(
      "pkcs11-module", po::value<std::string>(),
      "PKCS#11 module (default $SOHOA_PKCS11_MODULE, else SoftHSM2)")(
      "secret-env", po::value<std::string>()->default_value("SOHOA_SIGN_PASSPHRASE"),
      "environment variable holding the key pass phrase or token PIN")(
      "secret-file", po::value<std::string>(), "file holding the pass phrase or PIN")(
      "tsa", po::value<std::string>(), "RFC 3161 timestamp authority URL: PAdES B-T")(
      "ltv", po::bool_switch(), "long-term validation data and a document timestamp (B-LTA)")(
      "crl", po::value<std::vector<std::string>>(),
      "CRL file (PEM or DER) for the --ltv DSS, repeatable (else fetched from the certificates)")(
      "visible-signature", po::bool_switch(),
      "a visible copy stamp top right of page 1 (NĐ 30/2020 PL I)")(
      "copy-form", po::value<std::string>()->default_value("SAO Y"),
      "copy form on the stamp: SAO Y, SAO LỤC or TRÍCH SAO")(
      "sign-reason", po::value<std::string>(),
      "signature reason")("sign-location", po::value<std::string>(), "signature location")(
      "no-sign", po::bool_switch(), "write unsigned PDF/A even when a signer is configured");
  return d;
}

po::options_description output_options() {
  po::options_description d("Output");
  d.add_options()("quiet,q", po::bool_switch(), "print errors only")(
      "log-json", po::bool_switch(), "log events as JSON lines on stderr")(
      "schemas", po::value<std::string>(), "folder of form schemas (default: bundled schemas/)");
  return d;
}

pipeline::SigningConfig signing_config(const po::variables_map& vm, const std::string& agency) {
  pipeline::SigningConfig s;
  auto str = [&](const char* key) {
    return vm.count(key) ? vm[key].as<std::string>() : std::string();
  };
  s.source.cert_pem = str("sign-cert");
  s.source.key_pem = str("sign-key");
  s.source.chain_pem = str("sign-chain");
  s.source.p12 = str("sign-p12");
  s.source.pkcs11_uri = str("pkcs11-uri");
  s.source.pkcs11_module = str("pkcs11-module");
  if (s.source.pkcs11_module.empty()) {
    if (const char* env = std::getenv("SOHOA_PKCS11_MODULE")) {
      s.source.pkcs11_module = env;
    }
  }
  s.source.secret_env = str("secret-env");
  s.source.secret_file = str("secret-file");
  const int sources = (!s.source.cert_pem.empty() || !s.source.key_pem.empty() ? 1 : 0) +
                      (!s.source.p12.empty() ? 1 : 0) + (!s.source.pkcs11_uri.empty() ? 1 : 0);
  if (sources > 1) {
    throw UsageError("choose one signer: --sign-cert/--sign-key, --sign-p12 or --pkcs11-uri");
  }
  if (!s.source.cert_pem.empty() && s.source.key_pem.empty()) {
    throw UsageError("--sign-cert needs --sign-key");
  }
  if (s.source.cert_pem.empty() && !s.source.key_pem.empty()) {
    throw UsageError("--sign-key needs --sign-cert");
  }
  s.options.tsa_url = str("tsa");
  s.options.ltv_crls = paths_of(vm, "crl");
  s.options.ltv = vm["ltv"].as<bool>();
  s.options.visible = vm["visible-signature"].as<bool>();
  s.options.copy_form = str("copy-form");
  s.options.reason = str("sign-reason");
  s.options.location = str("sign-location");
  s.options.agency_name = agency;
  if (s.options.ltv && s.options.tsa_url.empty()) {
    throw UsageError("--ltv needs --tsa (the document timestamp comes from it)");
  }
  s.enabled = sources == 1 && !vm["no-sign"].as<bool>();
  if (!s.enabled && !s.options.tsa_url.empty() && !vm["no-sign"].as<bool>()) {
    throw UsageError("--tsa needs a signer (--sign-cert/--sign-key, --sign-p12 or --pkcs11-uri)");
  }
  return s;
}

pipeline::OutputOptions output_config(const po::variables_map& vm) {
  pipeline::OutputOptions o;
  o.quiet = vm["quiet"].as<bool>();
  o.log_json = vm["log-json"].as<bool>();
  o.progress = ::isatty(STDERR_FILENO) != 0;
  return o;
}

bool deterministic_mode() {
  const char* env = std::getenv("SOHOA_DETERMINISTIC");
  return env != nullptr && std::string(env) == "1";
}

pdf::PdfAPart pdfa_part(const std::string& value) {
  if (value == "2b") {
    return pdf::PdfAPart::a2b;
  }
  if (value == "3b") {
    return pdf::PdfAPart::a3b;
  }
  throw UsageError("--pdfa takes 2b or 3b, not '" + value + "'");
}

pdf::ImageMode image_mode(const std::string& value) {
  if (const auto mode = pdf::image_mode_from_name(value)) {
    return *mode;
  }
  throw UsageError("--image-mode takes mrc, jpeg or lossless, not '" + value + "'");
}

// The options of processing dossiers, shared by run and worker.
po::options_description processing_options() {
  po::options_description d("Processing");
  d.add_options()("lang,l", po::value<std::string>()->default_value("vie"),
                  "OCR languages, Tesseract names joined by + (vie+eng)")(
      "tessdata", po::value<std::string>(), "Tesseract language data folder")(
      "jobs,j", po::value<int>()->default_value(0), "pages in parallel (0: all cores)")(
      "dpi", po::value<double>()->default_value(300), "resolution assumed when a file has none")(
      "pdfa", po::value<std::string>()->default_value("2b"),
      "2b, or 3b to embed the document record")(
      "image-mode", po::value<std::string>()->default_value("mrc"),
      "page images: mrc (text mask over a 200 dpi background), jpeg, or lossless")(
      "hocr", po::bool_switch(), "also write <document_id>.hocr beside the ALTO file")(
      "no-post-correct", po::bool_switch(),
      "keep OCR words as read (no Vietnamese lexicon correction)")(
      "max-pixels", po::value<long long>()->default_value(200'000'000),
      "largest page accepted, in pixels (decompression bombs)")(
      "max-pages", po::value<int>()->default_value(2000), "most pages in one document");
  return d;
}

pipeline::RunConfig processing_config(const po::variables_map& vm) {
  pipeline::RunConfig config;
  if (vm.count("out")) {
    config.out = vm["out"].as<std::string>();
  }
  config.languages = vm["lang"].as<std::string>();
  std::replace(config.languages.begin(), config.languages.end(), ',', '+');
  if (vm.count("tessdata")) {
    config.tessdata_dir = vm["tessdata"].as<std::string>();
  }
  config.jobs = vm["jobs"].as<int>();
  if (config.jobs < 0 || config.jobs > 256) {
    throw UsageError("--jobs takes 0 (all cores) to 256");
  }
  config.default_dpi = vm["dpi"].as<double>();
  if (config.default_dpi < 50 || config.default_dpi > 2400) {
    throw UsageError("--dpi takes 50 to 2400");
  }
  config.pdfa = pdfa_part(vm["pdfa"].as<std::string>());
  config.image_mode = image_mode(vm["image-mode"].as<std::string>());
  config.hocr = vm["hocr"].as<bool>();
  config.post_correct = !vm["no-post-correct"].as<bool>();
  config.limits.max_pixels_per_page = vm["max-pixels"].as<long long>();
  config.limits.max_pages_per_document = vm["max-pages"].as<int>();
  if (vm.count("schemas")) {
    config.schemas_dir = vm["schemas"].as<std::string>();
  }
  config.signing = signing_config(vm, "");
  config.output = output_config(vm);
  config.deterministic = deterministic_mode();
  return config;
}

using Runner = std::function<int(const pipeline::RunConfig&, pipeline::Logger&)>;

// `run`, and `watch` and `scan` (the same options, another runner, no shards).
int run_command(const std::vector<std::string>& args, const Runner& runner = pipeline::run_batch,
                const char* title = "sohoa run INPUT... --out OUT [options]",
                bool needs_input = true, bool sharded = true) {
  po::options_description main(title);
  main.add_options()("help,h", "this help")("input", po::value<std::vector<std::string>>(),
                                            "batch folder, dossier folder or files")(
      "out,o", po::value<std::string>(), "output folder")("force", po::bool_switch(),
                                                          "redo dossiers already complete");
  if (sharded) {
    main.add_options()(
        "shard", po::value<std::string>(),
        "I/N: only the dossiers whose id hashes to shard I of N (writes batch-report-I.json)")(
        "shard-count", po::value<int>()->default_value(0),
        "N, with the shard index from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job)");
  }
  main.add(processing_options()).add(signing_options()).add(output_options());
  po::positional_options_description positional;
  positional.add("input", -1);
  const auto parsed = parse(main, positional, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  if (!vm.count("input") && needs_input) {
    throw UsageError("run needs INPUT (a batch folder, a dossier folder or files)");
  }
  if (vm.count("input") && !needs_input) {
    throw UsageError("unexpected argument '" + vm["input"].as<std::vector<std::string>>()[0] + "'");
  }
  require_options(vm, {"out"}, "run needs --out OUT");
  pipeline::RunConfig config = processing_config(vm);
  config.inputs = paths_of(vm, "input");
  config.force = vm["force"].as<bool>();
  if (sharded) {
    config.selection.shard = pipeline::resolve_shard(
        vm.count("shard") ? vm["shard"].as<std::string>() : std::string(),
        vm["shard-count"].as<int>(), [](const char* name) { return std::getenv(name); });
  }
  pipeline::Logger log(std::cerr, config.output);
  const int code = runner(config, log);
  if (!config.output.quiet && code != pipeline::k_exit_usage) {
    std::cerr << "sohoa: outputs in " << config.out.string() << " ("
              << pipeline::report_file_name(config.selection.shard) << ")\n";
  }
  return code;
}

int verify_command(const std::vector<std::string>& args) {
  po::options_description main("sohoa verify FILE.pdf... [options]");
  main.add_options()("help,h", "this help")("file", po::value<std::vector<std::string>>(),
                                            "signed PDF files")(
      "trust", po::value<std::vector<std::string>>(), "trust anchors: PEM file or folder (repeat)")(
      "crl", po::value<std::vector<std::string>>(),
      "CRL file (PEM or DER, repeat)")("json", po::bool_switch(), "machine-readable report")(
      "lang", po::value<std::string>()->default_value("vi"), "report language: vi or en");
  po::positional_options_description positional;
  positional.add("file", -1);
  const auto parsed = parse(main, positional, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  require_options(vm, {"file"}, "verify needs at least one PDF file");
  sign::VerifyRequest request;
  request.files = paths_of(vm, "file");
  request.trust = paths_of(vm, "trust");
  request.crls = paths_of(vm, "crl");
  const std::string lang = vm["lang"].as<std::string>();
  if (lang != "vi" && lang != "en") {
    throw UsageError("--lang takes vi or en");
  }
  const sign::VerifyResult result = sign::verify(request);
  if (!result.files.empty()) {
    std::cout << (vm["json"].as<bool>() ? sign::json_report(result.files)
                                        : sign::text_report(result.files, lang));
  }
  for (const auto& error : result.errors) {
    std::cerr << "sohoa: error: " << error << '\n';
  }
  return result.exit_code;
}

int reprocess_command(const std::vector<std::string>& args) {
  po::options_description main("sohoa reprocess OUT [options]");
  main.add_options()("help,h", "this help")("out", po::value<std::string>(),
                                            "output folder of an earlier run")(
      "resign", po::bool_switch(), "add a new signature (renewed certificate, B-LTA renewal)")(
      "pdfa", po::value<std::string>()->default_value("2b"),
      "2b or 3b for rebuilt PDFs")("image-mode", po::value<std::string>()->default_value("mrc"),
                                   "page images of rebuilt PDFs: mrc, jpeg or lossless");
  main.add_options()("renew-timestamps", po::bool_switch(),
                     "to every B-LTA PDF: the last document timestamp's validation data and a "
                     "new document timestamp from --tsa");
  main.add(signing_options()).add(output_options());
  po::positional_options_description positional;
  positional.add("out", 1);
  const auto parsed = parse(main, positional, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  require_options(vm, {"out"}, "reprocess needs OUT, the output folder of an earlier run");
  pipeline::ReprocessConfig config;
  config.out = vm["out"].as<std::string>();
  if (vm.count("schemas")) {
    config.schemas_dir = vm["schemas"].as<std::string>();
  }
  config.renew_timestamps = vm["renew-timestamps"].as<bool>();
  if (config.renew_timestamps) {
    // Time-stamps only: no signer is involved, so --tsa stands alone here.
    if (!vm.count("tsa") || vm.count("sign-cert") || vm.count("sign-p12") ||
        vm.count("pkcs11-uri") || vm["resign"].as<bool>()) {
      throw UsageError("--renew-timestamps needs --tsa URL and takes no signer (nor --resign)");
    }
    config.renew_tsa_url = vm["tsa"].as<std::string>();
    config.renew_crls = paths_of(vm, "crl");
  } else {
    config.signing = signing_config(vm, "");
  }
  config.resign = vm["resign"].as<bool>();
  if (config.resign && !config.signing.enabled) {
    throw UsageError(
        "--resign needs a signer (--sign-cert/--sign-key, --sign-p12 or --pkcs11-uri)");
  }
  config.pdfa = pdfa_part(vm["pdfa"].as<std::string>());
  config.image_mode = image_mode(vm["image-mode"].as<std::string>());
  config.output = output_config(vm);
  config.deterministic = deterministic_mode();
  pipeline::Logger log(std::cerr, config.output);
  return pipeline::run_reprocess(config, log);
}

// "127.0.0.1:8750", "[::1]:8750", "0.0.0.0:0" (0: any free port).
std::pair<std::string, int> host_and_port(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    throw UsageError("--listen takes HOST:PORT, not '" + listen + "'");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = -1;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535) {
    throw UsageError("--listen: the port must be 0 to 65535");
  }
  return {host, port};
}

int serve_command(const std::vector<std::string>& args) {
  po::options_description main("sohoa serve --data DIR [--listen 127.0.0.1:8750] [options]");
  main.add_options()("help,h", "this help")("data", po::value<std::string>(),
                                            "folder of the counter's dossiers (as run writes OUT)")(
      "listen", po::value<std::string>()->default_value("127.0.0.1:8750"),
      "HOST:PORT; beyond loopback $SOHOA_SERVE_TOKEN is required (Authorization: Bearer)")(
      "max-upload-mb", po::value<int>()->default_value(100), "largest upload accepted, MiB")(
      "max-files", po::value<int>()->default_value(40), "most page files in one upload");
  main.add(processing_options()).add(signing_options()).add(output_options());
  const auto parsed = parse(main, {}, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  require_options(vm, {"data"}, "serve needs --data DIR");
  service::ServeConfig config;
  config.data_dir = vm["data"].as<std::string>();
  std::tie(config.host, config.port) = host_and_port(vm["listen"].as<std::string>());
  if (const char* token = std::getenv("SOHOA_SERVE_TOKEN")) {
    config.token = token;
  }
  // OCR, forms and PDF options as for run; --jobs is the number of warm engines.
  config.run = processing_config(vm);
  // The citizen waits for the signed PDF: no JPEG 2000 trials for a few kB less.
  config.run.mrc_effort = pdf::MrcEffort::fastest;
  const int jobs =
      config.run.jobs > 0 ? config.run.jobs : static_cast<int>(std::thread::hardware_concurrency());
  config.engines = std::clamp(jobs, 1, 64);
  const int upload_mb = vm["max-upload-mb"].as<int>();
  config.max_files = vm["max-files"].as<int>();
  if (upload_mb < 1 || upload_mb > 4096 || config.max_files < 1 || config.max_files > 10000) {
    throw UsageError("--max-upload-mb takes 1 to 4096, --max-files 1 to 10000");
  }
  config.max_request_bytes = static_cast<std::size_t>(upload_mb) << 20U;
  config.run.limits.max_pages_per_document =
      std::min(config.run.limits.max_pages_per_document, config.max_files * 50);
  config.signing = config.run.signing;
  pipeline::Logger log(std::cerr, config.run.output);
  return service::run_server(config, log);
}

// `scan`: its own options, then run's for the digitizing.
int scan_command(const std::vector<std::string>& args) {
  po::options_description own("Scanner");
  own.add_options()("device", po::value<std::string>(), "SANE device name (scanimage -L)")(
      "source", po::value<std::string>()->default_value("adf"),
      "adf or flatbed")("mode", po::value<std::string>()->default_value("color"), "color or gray")(
      "dossier-id", po::value<std::string>(), "id of the dossier (default scan-<time>)")(
      "sane-option", po::value<std::vector<std::string>>(), "backend option NAME=VALUE (repeat)");
  const auto parsed = po::command_line_parser(args).options(own).allow_unregistered().run();
  po::variables_map vm;
  po::store(parsed, vm);
  po::notify(vm);
  std::vector<std::string> rest = po::collect_unrecognized(parsed.options, po::include_positional);
  const bool help = std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
                    std::find(rest.begin(), rest.end(), "-h") != rest.end();
  if (help) {
    std::cout
        << "sohoa scan --device NAME --out OUT [--source adf|flatbed] [--dpi N] [run options]\n"
        << own << '\n';
  } else if (!vm.count("device")) {
    throw UsageError("scan needs --device NAME (scanimage -L lists the scanners)");
  }
  scan::ScanConfig scan;
  if (vm.count("device")) {
    scan.settings.device = vm["device"].as<std::string>();
  }
  const std::string source = vm["source"].as<std::string>();
  if (source != "adf" && source != "flatbed") {
    throw UsageError("--source takes adf or flatbed");
  }
  scan.settings.source = source == "adf" ? scan::Source::adf : scan::Source::flatbed;
  const std::string mode = vm["mode"].as<std::string>();
  if (mode != "color" && mode != "gray") {
    throw UsageError("--mode takes color or gray");
  }
  scan.settings.colour = mode == "color";
  if (vm.count("dossier-id")) {
    scan.dossier_id = vm["dossier-id"].as<std::string>();
  }
  if (vm.count("sane-option")) {
    for (const auto& option : vm["sane-option"].as<std::vector<std::string>>()) {
      const auto eq = option.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw UsageError("--sane-option takes NAME=VALUE, not '" + option + "'");
      }
      scan.settings.extra_options.emplace_back(option.substr(0, eq), option.substr(eq + 1));
    }
  }
  return run_command(
      rest,
      [&](const pipeline::RunConfig& run, pipeline::Logger& log) {
        scan.run = run;
        scan.settings.dpi = static_cast<int>(run.default_dpi);
        return scan::run_scan(scan, log);
      },
      "sohoa scan: digitizing options (as run)", false, false);
}

int report_command(const std::vector<std::string>& args) {
  po::options_description main("sohoa report OUT");
  main.add_options()("help,h", "this help")("out", po::value<std::string>(),
                                            "output folder shared by shards or queue workers");
  po::positional_options_description positional;
  positional.add("out", 1);
  const auto parsed = parse(main, positional, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  require_options(vm, {"out"}, "report needs OUT, the output folder shards or workers wrote");
  const fs::path out = vm["out"].as<std::string>();
  const std::size_t merged = pipeline::merge_report_files(out);
  std::cerr << "sohoa: " << merged << " report(s) merged into "
            << (out / "batch-report.json").string() << '\n';
  return 0;
}

int enqueue_command(const std::vector<std::string>& args) {
  po::options_description main("sohoa enqueue BATCH --queue redis://HOST:PORT [options]");
  main.add_options()("help,h", "this help")("batch", po::value<std::string>(),
                                            "batch folder (every sub-folder a dossier)")(
      "queue", po::value<std::string>(),
      "Redis: redis://HOST:PORT")("lane", po::value<std::string>()->default_value("archive"),
                                  "counter (served first: citizens waiting) or archive");
  main.add(output_options());
  po::positional_options_description positional;
  positional.add("batch", 1);
  const auto parsed = parse(main, positional, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  require_options(vm, {"batch", "queue"}, "enqueue needs BATCH and --queue redis://HOST:PORT");
  queue::EnqueueConfig config;
  config.batch = vm["batch"].as<std::string>();
  config.queue_url = vm["queue"].as<std::string>();
  config.lane = queue::parse_lane(vm["lane"].as<std::string>());
  pipeline::Logger log(std::cerr, output_config(vm));
  queue::enqueue_batch(config, log);
  return 0;
}

std::atomic<bool> g_stop_worker{false};

extern "C" void stop_worker_on_signal(int /*signal*/) {
  g_stop_worker = true;
}

int worker_command(const std::vector<std::string>& args) {
  po::options_description main(
      "sohoa worker --queue redis://... --ledger postgresql://... --out OUT");
  main.add_options()("help,h", "this help")("queue", po::value<std::string>(),
                                            "Redis: redis://HOST:PORT")(
      "ledger", po::value<std::string>(), "PostgreSQL: postgresql://USER@HOST:PORT/DATABASE")(
      "out,o", po::value<std::string>(), "output folder shared by every worker")(
      "name", po::value<std::string>(), "consumer name, unique per worker (default HOST-PID)")(
      "claim-after", po::value<double>()->default_value(600),
      "seconds a dossier may stay unacknowledged before another worker takes it over")(
      "max-attempts", po::value<int>()->default_value(3),
      "attempts before a dossier goes to the dead-letter stream sohoa:dead")(
      "drain", po::bool_switch(), "exit when both lanes are empty and nothing is pending");
  main.add(processing_options()).add(signing_options()).add(output_options());
  const auto parsed = parse(main, {}, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  require_options(vm, {"queue", "ledger", "out"},
                  "worker needs --queue redis://..., --ledger postgresql://... and --out OUT");
  queue::WorkerConfig config;
  config.run = processing_config(vm);
  config.queue_url = vm["queue"].as<std::string>();
  config.ledger_url = vm["ledger"].as<std::string>();
  if (vm.count("name")) {
    config.name = pipeline::sanitize_id(vm["name"].as<std::string>());
  } else {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    config.name = pipeline::sanitize_id(std::string(host) + "-" + std::to_string(::getpid()));
  }
  if (config.name.empty()) {
    throw UsageError("--name must not be empty");
  }
  const double claim_after = vm["claim-after"].as<double>();
  if (claim_after < 0.1) {
    throw UsageError("--claim-after takes at least 0.1 seconds");
  }
  config.claim_after = std::chrono::milliseconds(static_cast<long long>(claim_after * 1000));
  config.max_attempts = vm["max-attempts"].as<int>();
  if (config.max_attempts < 1) {
    throw UsageError("--max-attempts takes 1 or more");
  }
  config.drain = vm["drain"].as<bool>();
  std::signal(SIGTERM, stop_worker_on_signal);
  std::signal(SIGINT, stop_worker_on_signal);
  pipeline::Logger log(std::cerr, config.run.output);
  return queue::run_worker(config, log, g_stop_worker);
}

} // namespace

int sohoa_main(int argc, char** argv) {
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << k_usage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "sohoa " << sohoa::software_version() << '\n';
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    using Command = std::function<int(const std::vector<std::string>&)>;
    // Every command, in the order the usage lists them.
    static const std::vector<std::pair<std::string, Command>> commands = {
        {"run", [](const auto& a) { return run_command(a); }},
        {"verify", verify_command},
        {"reprocess", reprocess_command},
        {"watch",
         [](const auto& a) {
           return run_command(a, pipeline::run_watch, "sohoa watch IN --out OUT [run options]",
                              true, false);
         }},
        {"scan", scan_command},
        {"serve", serve_command},
        {"report", report_command},
        {"enqueue", enqueue_command},
        {"worker", worker_command},
        {"package", package_command},
    };
    if (command == "scan-driver") {
      // Internal: the process `sohoa scan` starts to talk to SANE (not in the usage).
      if (args.size() != 1) {
        throw UsageError("scan-driver is started by sohoa scan, with its settings");
      }
      return scan::run_scan_driver(scan::settings_from_json(args.front()), 3);
    }
    std::string names;
    for (const auto& [name, run] : commands) {
      if (name == command) {
        return run(args);
      }
      names += (names.empty() ? "" : ", ") + name;
    }
    throw UsageError("unknown command '" + command + "' (" + names + "; see --help)");
  } catch (const UsageError& e) {
    std::cerr << "sohoa: error: " << e.what() << '\n';
  } catch (const po::error& e) {
    std::cerr << "sohoa: error: " << e.what() << " (see sohoa " << command << " --help)\n";
  } catch (const Error& e) {
    std::cerr << "sohoa: error: " << e.describe() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "sohoa: error: " << e.what() << '\n';
  }
  return 2;
}

} // namespace sohoa::cli
