// The "bad-inputs" dossier: files the pipeline must fail on one by one, never crash.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "tools/gen/generator.hpp"
#include "tools/gen/layouts.hpp"

namespace sohoa::gen {

namespace fs = std::filesystem;

namespace {

void put_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(v >> shift));
  }
}

void put_chunk(std::vector<std::uint8_t>& out, const char* type,
               const std::vector<std::uint8_t>& data) {
  put_be32(out, static_cast<std::uint32_t>(data.size()));
  std::vector<std::uint8_t> body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  put_be32(out, png_crc32(body.data(), body.size()));
}

// A valid PNG header claiming 100000 x 100000 RGB pixels, with a few bytes of data.
std::vector<std::uint8_t> bomb_png() {
  std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  put_be32(ihdr, 100000);
  put_be32(ihdr, 100000);
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
  put_chunk(out, "IHDR", ihdr);
  // zlib stream with one stored block of 16 zero bytes.
  std::vector<std::uint8_t> idat = {0x78, 0x01, 0x01, 16, 0, 0xEF, 0xFF};
  idat.insert(idat.end(), 16, 0);
  put_be32(idat, (16u << 16) | 1u); // Adler-32 of 16 zero bytes
  put_chunk(out, "IDAT", idat);
  put_chunk(out, "IEND", {});
  return out;
}

// "II*\0", an IFD offset, then an IFD whose entries point nowhere.
std::vector<std::uint8_t> corrupt_tiff(Rng& rng) {
  std::vector<std::uint8_t> out = {'I', 'I', 42, 0, 8, 0, 0, 0};
  out.push_back(0xFF); // 0x7FFF entries: far more than the file holds
  out.push_back(0x7F);
  for (int i = 0; i < 200; ++i) {
    out.push_back(static_cast<std::uint8_t>(rng.range(0, 255)));
  }
  return out;
}

bool run_qpdf(const fs::path& in, const fs::path& out) {
  // AES-128 (R4) with a static id and IV is byte-identical between runs; 256-bit
  // encryption (R6) draws random salts that no qpdf option fixes.
  const std::string cmd =
      "qpdf --static-id --static-aes-iv --encrypt user owner 128 --use-aes=y -- '" + in.string() +
      "' '" + out.string() + "' >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return rc == 0 && fs::exists(out);
}

} // namespace

int generate_bad_inputs(const GenOptions& opt) {
  Rng rng = Rng(opt.seed).fork(0xBADBAD);
  const std::string folder = "bad-inputs";
  const fs::path dir = opt.out / "input" / folder;
  const fs::path truth = opt.out / "truth" / folder;
  fs::create_directories(dir);
  fs::create_directories(truth);

  DossierContext ctx;
  ctx.dpi = opt.dpi;
  ctx.office = random_address(rng);
  ctx.received = reference_today();
  ctx.applicant = random_person(rng, true, Date{1970, 1, 1}, Date{2000, 1, 1});
  LayoutVariant standard_layout;
  GenDocument doc = make_unknown_document(rng, ctx, standard_layout);
  const PageImage page{doc.pages.front().image, doc.pages.front().dpi};

  std::vector<std::pair<std::string, std::string>> files; // name, why it must fail
  {
    auto png = encode_png(page.image, page.dpi);
    png.resize(png.size() * 2 / 5);
    write_bytes(dir / "truncated.png", png);
    files.emplace_back("truncated.png", "truncated PNG");
  }
  write_bytes(dir / "empty.jpg", {});
  files.emplace_back("empty.jpg", "zero-byte file");
  {
    const std::string text = "Đây không phải là ảnh TIFF mà là một tệp văn bản.\n";
    write_bytes(dir / "not-a-tiff.tif", std::vector<std::uint8_t>(text.begin(), text.end()));
    files.emplace_back("not-a-tiff.tif", "text file with a .tif extension");
  }
  write_bytes(dir / "corrupt.tif", corrupt_tiff(rng));
  files.emplace_back("corrupt.tif", "TIFF header with a garbage IFD");
  write_bytes(dir / "bomb.png", bomb_png());
  files.emplace_back("bomb.png", "PNG claiming 100000x100000 pixels");
  {
    const fs::path plain = opt.out / ".encrypt-source.pdf";
    write_pdf(plain, {page});
    if (run_qpdf(plain, dir / "encrypted.pdf")) {
      files.emplace_back("encrypted.pdf", "encrypted PDF");
    } else {
      std::cerr << "sohoa-gen: warning: qpdf missing or failed, no encrypted.pdf\n";
    }
    fs::remove(plain);
  }
  {
    // A zip container like a .docx: local file header, then junk.
    std::vector<std::uint8_t> docx = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
    const std::string name = "[Content_Types].xml";
    docx.insert(docx.end(), name.begin(), name.end());
    for (int i = 0; i < 300; ++i) {
      docx.push_back(static_cast<std::uint8_t>(rng.range(0, 255)));
    }
    write_bytes(dir / "don-xin.docx", docx);
    files.emplace_back("don-xin.docx", "unsupported file type");
  }
  for (const auto& [name, why] : files) {
    nlohmann::ordered_json j;
    const std::string id = fs::path(name).stem().string();
    j["schema"] = "sohoa.truth/1";
    j["dossier_folder"] = folder;
    j["dossier_id"] = folder;
    j["document_id"] = id;
    j["doc_type"] = "unknown";
    j["profile"] = "bad";
    j["format"] = fs::path(name).extension().string().substr(1);
    j["files"] = {name};
    j["expected_status"] = "failed";
    j["reason"] = why;
    j["fields"] = nlohmann::ordered_json::object();
    j["invalid_fields"] = nlohmann::ordered_json::array();
    j["pages"] = nlohmann::ordered_json::array();
    std::ofstream out(truth / (id + ".json"), std::ios::trunc);
    out << j.dump(2) << '\n';
  }
  return static_cast<int>(files.size());
}

} // namespace sohoa::gen
