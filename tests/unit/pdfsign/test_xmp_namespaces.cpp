// XMP is read by namespace URI, not by prefix: the PDF/A check and verify accept
// valid XMP whose namespaces use other prefixes, and both reject malformed XMP
// with a message that says so.
#include "pdf_fixtures.hpp"
#include "pdf_test_pages.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "sohoa/pdf/xmp_reader.hpp"
#include "sohoa/sign/verify_model.hpp"
#include "support/scratch.hpp"

#include "sohoa/core/atomic_file.hpp"

#include <doctest/doctest.h>

using namespace sohoa;
using sohoa::test::ScratchDir;

namespace {

// Replaces every `from` by `to` (same length, so the PDF's offsets stay right)
// inside the XMP packet only; returns how many were replaced.
int replace_in_xmp(std::string& bytes, const std::string& from, const std::string& to) {
  REQUIRE(from.size() == to.size());
  const size_t begin = bytes.find("<?xpacket begin");
  const size_t end = bytes.find("<?xpacket end", begin);
  REQUIRE(end != std::string::npos);
  int count = 0;
  for (size_t at = bytes.find(from, begin); at != std::string::npos && at < end;
       at = bytes.find(from, at + to.size())) {
    bytes.replace(at, from.size(), to);
    ++count;
  }
  return count;
}

const char* k_other_prefixes =
    "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
    "<meta:xmpmeta xmlns:meta=\"adobe:ns:meta/\">"
    "<r:RDF xmlns:r=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
    "<r:Description r:about=\"\" xmlns:a=\"http://www.aiim.org/pdfa/ns/id/\""
    " xmlns:d=\"http://purl.org/dc/elements/1.1/\" a:part=\"2\">"
    "<a:conformance>B</a:conformance>"
    "<d:title><r:Alt><r:li xml:lang=\"vi\">khác</r:li>"
    "<r:li xml:lang=\"x-default\">Giấy khai sinh</r:li></r:Alt></d:title>"
    "<pdfaid:part xmlns:pdfaid=\"urn:not-the-pdfa-id-schema\">9</pdfaid:part>"
    "</r:Description></r:RDF></meta:xmpmeta><?xpacket end=\"w\"?>";

} // namespace

TEST_CASE("the XMP reader finds properties by namespace URI whatever their prefix") {
  std::string error;
  const auto packet = pdf::parse_xmp(k_other_prefixes, error);
  REQUIRE_MESSAGE(packet.has_value(), error);
  const pdf::PdfAIdentification id = pdf::pdfa_identification(*packet);
  CHECK(id.part == "2");
  CHECK(id.conformance == "B");
  const std::string* title = packet->find(pdf::k_xmp_ns_dc, "title");
  REQUIRE(title != nullptr);
  CHECK(*title == "Giấy khai sinh");
  // A `pdfaid:` prefix bound to another URI is another property.
  CHECK(packet->find("urn:not-the-pdfa-id-schema", "part") != nullptr);
  // verify reads the same claim from a file's raw bytes.
  const std::string bytes = std::string("%PDF-1.7\n1 0 obj\n<<>>stream\n") + k_other_prefixes +
                            "\nendstream\nendobj\n%%EOF\n";
  const auto markers = sign::pdfa_markers(bytes);
  REQUIRE(markers.size() == 1);
  CHECK(markers[0].status == sign::CheckStatus::ok);
  CHECK(markers[0].detail.en.find("PDF/A-2B") != std::string::npos);
}

TEST_CASE("our PDF/A with renamed XMP prefixes passes the check and verify reads its claim") {
  ScratchDir dir("xmp-prefixes");
  std::string bytes = read_file(test::write_sample_pdf(dir));
  // x: -> m:, pdfaid: -> idpdfa:, dc: -> d1: (same lengths: offsets stay valid).
  CHECK(replace_in_xmp(bytes, "x:xmpmeta", "m:xmpmeta") == 2);
  CHECK(replace_in_xmp(bytes, "xmlns:x=", "xmlns:m=") == 1);
  CHECK(replace_in_xmp(bytes, "xmlns:pdfaid=", "xmlns:idpdfa=") == 1);
  CHECK(replace_in_xmp(bytes, "pdfaid:", "idpdfa:") >= 2);
  CHECK(replace_in_xmp(bytes, "xmlns:dc=", "xmlns:d1=") == 1);
  CHECK(replace_in_xmp(bytes, "<dc:", "<d1:") >= 1);
  CHECK(replace_in_xmp(bytes, "</dc:", "</d1:") >= 1);
  REQUIRE(bytes.find("pdfaid:") == std::string::npos);
  const auto file = dir / "renamed.pdf";
  write_file_atomic(file, bytes);
  const auto checks = pdf::check_pdfa(file, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
  const auto markers = sign::pdfa_markers(bytes);
  REQUIRE(!markers.empty());
  CHECK(markers[0].status == sign::CheckStatus::ok);
  CHECK(markers[0].detail.en.find("PDF/A-2B claimed") != std::string::npos);
}

TEST_CASE("malformed XMP fails the PDF/A check and verify with a clear message") {
  std::string error;
  CHECK_FALSE(pdf::parse_xmp("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF>", error));
  CHECK(error.find("XMP is not well-formed XML") != std::string::npos);
  CHECK_FALSE(pdf::parse_xmp("<a/>", error));
  CHECK(error.find("no rdf:RDF") != std::string::npos);

  ScratchDir dir("xmp-malformed");
  std::string bytes = read_file(test::write_sample_pdf(dir));
  CHECK(replace_in_xmp(bytes, "</rdf:RDF>", "</rdf:RDX>") == 1);
  const auto file = dir / "malformed.pdf";
  write_file_atomic(file, bytes);
  const auto checks = pdf::check_pdfa(file, 2);
  bool reported = false;
  for (const auto& c : checks) {
    if (c.rule == "XMP well-formed" && !c.ok) {
      reported = c.detail.find("XMP is not well-formed XML") != std::string::npos;
    }
  }
  INFO(test::failed_rules(checks));
  CHECK(reported);
  const auto markers = sign::pdfa_markers(bytes);
  REQUIRE(!markers.empty());
  CHECK(markers[0].status == sign::CheckStatus::warning);
  CHECK(markers[0].detail.en.find("cannot be read: XMP is not well-formed XML") !=
        std::string::npos);
}
