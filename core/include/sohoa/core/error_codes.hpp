#pragma once
// The one table of error codes (zxing-cpp's Error is the model: a code from a fixed
// list, a message, a location). Every sohoa::Error carries a code of this table: an
// ErrorCode is made from a string literal at compile time and a code missing here
// does not compile ("not in core/error_codes.hpp"). Codes are stable, snake_case,
// and written to the batch report and the manifest (error_code); the meaning is
// what the code says in general, the Error's own message what happened.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace sohoa {

struct ErrorCodeEntry {
  std::string_view code;
  std::string_view meaning;
};

// Sorted by code.
inline constexpr std::array k_error_codes = std::to_array<ErrorCodeEntry>({
    {"alto_write_failed", "the ALTO file could not be written"},
    {"attachment_needs_pdfa3", "an embedded file needs PDF/A-3"},
    {"bad_alto", "not an ALTO file the project wrote"},
    {"bad_attachment", "an embedded file that cannot be attached"},
    {"bad_image", "an image OCR cannot take"},
    {"bad_input", "a document that dossier.json or the listing refused"},
    {"bad_lane", "not a queue lane (counter, archive)"},
    {"bad_language", "not a Tesseract language name"},
    {"bad_ledger_url", "not a postgresql:// ledger address"},
    {"bad_metadata", "XMP metadata that cannot be written"},
    {"bad_page_image", "a page image the PDF writer cannot store"},
    {"bad_queue_url", "not a redis:// queue address"},
    {"bad_report", "not a batch report"},
    {"bad_schema", "a form schema that does not load"},
    {"bad_shard", "not a shard I/N"},
    {"bad_xml", "XML that does not parse"},
    {"ccitt_encode_failed", "a bitonal image could not be G4-encoded"},
    {"changed_output", "an output changed since its manifest was written"},
    {"copy_failed", "a file could not be copied"},
    {"corrupt_image", "an image whose data does not decode"},
    {"corrupt_json", "a JSON file that does not parse"},
    {"corrupt_pdf", "a PDF whose structure does not parse"},
    {"corrupt_record", "a document record that is not sohoa.document/1"},
    {"empty_file", "an input file of zero bytes"},
    {"empty_image", "an image without pixels"},
    {"encrypted_pdf", "an encrypted PDF"},
    {"file_too_large", "an input file over the size limit"},
    {"hocr_write_failed", "the hOCR file could not be written"},
    {"icu_failed", "ICU could not process text"},
    {"incomplete_dossier", "a dossier output without a complete manifest"},
    {"inconsistent_outputs", "a document's PDF, record and ALTO disagree"},
    {"input_not_found", "INPUT does not exist"},
    {"internal_error", "an error no stage raised (a bug)"},
    {"invalid_dossier_json", "dossier.json is not valid JSON"},
    {"invalid_dpi", "a resolution no scanner produces"},
    {"invalid_rotation", "a rotation that is not a quarter turn"},
    {"jpeg_encode_failed", "an image could not be JPEG-encoded"},
    {"kind_mismatch", "pixels that do not match their colour kind"},
    {"language_data_missing", "no traineddata file for a language"},
    {"ledger_error", "the PostgreSQL ledger refused a statement"},
    {"ledger_unreachable", "the PostgreSQL ledger cannot be reached"},
    {"lexicon_missing", "a vocabulary list is missing"},
    {"link_outside_input", "a symbolic link leads out of INPUT"},
    {"ltv_needs_tsa", "long-term validation needs a TSA"},
    {"missing_resource", "a bundled resource (ICC profile, font) is missing"},
    {"no_documents", "a dossier without documents"},
    {"no_input", "INPUT holds nothing to digitize"},
    {"no_pages", "a document without pages"},
    {"no_randomness", "the system gave no random bytes"},
    {"no_reports", "no batch report to merge"},
    {"not_a_dossier_output", "not a dossier folder that run wrote"},
    {"not_a_pdf", "not a PDF file"},
    {"not_image_only", "a PDF that is not a scan (it holds text or vector content)"},
    {"nothing_to_package", "no document to package"},
    {"ocr_timeout", "OCR of a page took too long"},
    {"opencv_error", "OpenCV failed on an image"},
    {"openssl", "OpenSSL failed"},
    {"out_of_memory", "not enough memory for an image"},
    {"output_in_use", "another process writes this output"},
    {"output_unwritable", "the output folder or file cannot be written"},
    {"package_exists", "the package folder already exists"},
    {"package_write_failed", "the package could not be written"},
    {"pdf_write_failed", "the PDF could not be written"},
    {"queue_error", "the Redis queue refused a command"},
    {"queue_unreachable", "the Redis queue cannot be reached"},
    {"revocation_unavailable", "revocation data could not be fetched"},
    {"scanner_cover_open", "the scanner's cover is open"},
    {"scanner_empty", "the document feeder is empty"},
    {"scanner_error", "the scanner failed"},
    {"scanner_jammed", "the scanner jammed"},
    {"scanner_option", "the scanner refused an option"},
    {"scanner_unavailable", "the scanner cannot be opened"},
    {"signer_unavailable", "the configured signer cannot be used"},
    {"signing_failed", "the signature could not be made"},
    {"tesseract_failed", "Tesseract failed"},
    {"too_many_pages", "a document over the page limit"},
    {"too_many_pixels", "an image over the pixel limit"},
    {"truncated_file", "a file that ends before its data"},
    {"tsa_unavailable", "the time-stamping authority cannot be used"},
    {"unreadable_file", "a file that cannot be read"},
    {"unreadable_input", "an input folder that cannot be listed"},
    {"unreadable_pdf", "a PDF that cannot be opened"},
    {"unsupported_format", "a file of a format the program does not read"},
    {"unsupported_image", "a PDF image of a kind the reader does not decode"},
    {"unsupported_image_filter", "a PDF image filter the reader does not decode"},
    {"unsupported_pixel_type", "pixels of a type cleanup does not take"},
    {"write_failed", "a file could not be written"},
    {"xml_write_failed", "an XML file could not be written"},
});

// The table's row for the code, or end() when the code is not in it.
constexpr auto error_code_row(std::string_view code) {
  const auto it =
      std::lower_bound(k_error_codes.begin(), k_error_codes.end(), code,
                       [](const ErrorCodeEntry& e, std::string_view c) { return e.code < c; });
  return it != k_error_codes.end() && it->code == code ? it : k_error_codes.end();
}

// Whether the table has the code; usable in a constant expression under every
// compiler (see ErrorCode's constructor).
constexpr bool has_error_code(std::string_view code) {
  return error_code_row(code) != k_error_codes.end();
}

constexpr const ErrorCodeEntry* find_error_code(std::string_view code) {
  const auto it = error_code_row(code);
  return it != k_error_codes.end() ? &*it : nullptr;
}

// A code of the table. From a literal it is checked by the compiler; a code read
// back at run time (a recorded error) goes through known().
class ErrorCode {
public:
  // Implicit on purpose: Error(Stage::ingest, "corrupt_image", ...) stays readable.
  // The check compares rows, not a pointer with null: GCC with -fsanitize=undefined
  // keeps null-pointer checks and cannot fold that comparison at compile time.
  consteval ErrorCode(const char* code) : m_entry(find_error_code(code)) {
    if (!has_error_code(code)) {
      throw "error code not in core/error_codes.hpp"; // reached only at compile time
    }
  }
  // The entry of a code met at run time; internal_error for one not in the table.
  static ErrorCode known(std::string_view code) {
    const ErrorCodeEntry* entry = find_error_code(code);
    return ErrorCode(entry != nullptr ? entry : find_error_code("internal_error"));
  }

  std::string_view code() const { return m_entry->code; }
  std::string_view meaning() const { return m_entry->meaning; }
  bool operator==(const ErrorCode& other) const { return m_entry == other.m_entry; }

private:
  explicit ErrorCode(const ErrorCodeEntry* entry) : m_entry(entry) {}
  const ErrorCodeEntry* m_entry;
};

} // namespace sohoa
