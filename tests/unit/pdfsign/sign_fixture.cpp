#include "sign_fixture.hpp"
#include "sohoa/sign/verify.hpp"
#include "sohoa/sign/verify_report.hpp"
#include <sstream>

#include "support/scratch.hpp"
#include "support/tsa_server.hpp"

#include <podofo/podofo.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace sohoa::test {
namespace {

std::filesystem::path pki_scripts() {
  return source_dir() / "tests/unit/pdfsign/pki";
}

// Owns a folder for the whole test process.
struct ProcessDir {
  ScratchDir dir{"sign-fixture"};
};

ProcessDir& process_dir() {
  static ProcessDir s_dir;
  return s_dir;
}

} // namespace

CommandResult run_command(const std::string& command, int timeout_s) {
  CommandResult result;
  const std::string full = "timeout " + std::to_string(timeout_s) + " sh -c '" + command + "' 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.output.append(buffer, n);
  }
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

const std::filesystem::path& test_pki() {
  static const std::filesystem::path s_pki = [] {
    const auto dir = process_dir().dir / "pki";
    const auto done =
        run_command((pki_scripts() / "make-test-pki.sh").string() + " " + dir.string());
    if (done.status != 0) {
      throw std::runtime_error("make-test-pki.sh failed: " + done.output);
    }
    return dir;
  }();
  return s_pki;
}

const std::filesystem::path& nss_db() {
  static const std::filesystem::path s_db = [] {
    const auto dir = process_dir().dir / "nss";
    std::filesystem::create_directories(dir);
    const auto done = run_command("certutil -N -d sql:" + dir.string() +
                                  " --empty-password && certutil -A -d sql:" + dir.string() +
                                  " -n root -t CT,C,C -i " + (test_pki() / "root.pem").string());
    if (done.status != 0) {
      throw std::runtime_error("certutil failed: " + done.output);
    }
    return dir;
  }();
  return s_db;
}

std::string tsa_url() {
  static const TsaServer s_tsa(test_pki(), process_dir().dir.path(), 170);
  return s_tsa.url();
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void make_test_pdf(const std::filesystem::path& path) {
  using namespace PoDoFo;
  PdfMemDocument doc;
  doc.SetPdfVersion(ePdfVersion_1_7);
  PdfPage* page = doc.CreatePage(PdfRect(0, 0, 595, 842));
  const TVecFilters no_filter;
  // Image: 16x16 RGB, raw.
  PdfObject* image = doc.GetObjects().CreateObject("XObject");
  PdfDictionary& idict = image->GetDictionary();
  idict.AddKey("Subtype", PdfName("Image"));
  idict.AddKey("Width", PdfObject(pdf_int64(16)));
  idict.AddKey("Height", PdfObject(pdf_int64(16)));
  idict.AddKey("ColorSpace", PdfName("DeviceRGB"));
  idict.AddKey("BitsPerComponent", PdfObject(pdf_int64(8)));
  std::string pixels(16 * 16 * 3, '\0');
  for (size_t i = 0; i < pixels.size(); ++i) {
    pixels[i] = static_cast<char>((i * 7) & 0xff);
  }
  image->GetStream()->BeginAppend(no_filter);
  image->GetStream()->Append(pixels.data(), pixels.size());
  image->GetStream()->EndAppend();
  // Content: the image and the invisible text layer, uncompressed.
  PdfFont* font = doc.CreateFont("Helvetica");
  PdfDictionary& resources = page->GetResources()->GetDictionary();
  PdfDictionary xobjects;
  xobjects.AddKey("Im1", image->Reference());
  resources.AddKey("XObject", xobjects);
  PdfDictionary fonts;
  fonts.AddKey("F1", font->GetObject()->Reference());
  resources.AddKey("Font", fonts);
  const std::string content =
      "q 595 0 0 842 0 0 cm /Im1 Do Q\nBT 3 Tr /F1 12 Tf 72 700 Td (sohoa test text layer) Tj ET\n";
  PdfObject* contents = page->GetContents();
  contents->GetStream()->BeginAppend(no_filter);
  contents->GetStream()->Append(content.data(), content.size());
  contents->GetStream()->EndAppend();
  // XMP, uncompressed.
  const std::string xmp =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
      "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
      "rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" pdfaid:part=\"2\" "
      "pdfaid:conformance=\"B\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
  PdfObject* metadata = doc.GetObjects().CreateObject("Metadata");
  metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
  metadata->GetStream()->BeginAppend(no_filter);
  metadata->GetStream()->Append(xmp.data(), xmp.size());
  metadata->GetStream()->EndAppend();
  doc.GetCatalog()->GetDictionary().AddKey("Metadata", metadata->Reference());
  doc.GetInfo()->SetTitle(PdfString("Test"));
  doc.GetInfo()->GetObject()->GetDictionary().AddKey("ModDate",
                                                     PdfString("D:20260101000000+07'00'"));
  doc.Write(path.c_str());
}

sign::SignerSource pem_source(const std::string& name) {
  sign::SignerSource source;
  source.cert_pem = test_pki() / (name + ".pem");
  source.key_pem = test_pki() / (name + ".key");
  return source;
}

VerifyOutcome verify_files(const std::vector<std::filesystem::path>& files, bool with_crls,
                           const std::string& lang, bool json) {
  sign::VerifyRequest request;
  request.files = files;
  request.trust = {test_pki() / "root.pem"};
  if (with_crls) {
    request.crls = {test_pki() / "int.crl", test_pki() / "root.crl"};
  }
  const sign::VerifyResult result = sign::verify(request);
  VerifyOutcome outcome;
  outcome.code = result.exit_code;
  if (!result.files.empty()) {
    outcome.text = json ? sign::json_report(result.files) : sign::text_report(result.files, lang);
  }
  for (const auto& error : result.errors) {
    outcome.text += "sohoa: error: " + error + "\n";
  }
  return outcome;
}

} // namespace sohoa::test
