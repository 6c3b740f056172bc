// load_pages: one input file -> its pages. Checks the file itself (exists, not empty,
// content matches the extension) and hands it to the decoder for its format.
#include "sohoa/core/error.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "decode_common.hpp"
#include "decode_png_jpeg.hpp"
#include "decode_tiff.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>

namespace sohoa::pipeline {

namespace fs = std::filesystem;

namespace {

enum class Format { tiff, png, jpeg, pdf, other };

constexpr std::size_t k_sniff_bytes = 1024; // PDF allows junk before "%PDF-" up to 1024

Format format_of_extension(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) {
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (ext == ".tif" || ext == ".tiff") {
    return Format::tiff;
  }
  if (ext == ".png") {
    return Format::png;
  }
  if (ext == ".jpg" || ext == ".jpeg") {
    return Format::jpeg;
  }
  if (ext == ".pdf") {
    return Format::pdf;
  }
  return Format::other;
}

const char* format_name(Format format) {
  switch (format) {
  case Format::tiff:
    return "a TIFF image";
  case Format::png:
    return "a PNG image";
  case Format::jpeg:
    return "a JPEG image";
  case Format::pdf:
    return "a PDF file";
  case Format::other:
    break;
  }
  return "something else";
}

bool starts_with(const std::string& head, std::string_view magic) {
  // A file shorter than the magic that is a prefix of it counts: it is the expected
  // format, cut short, and its decoder reports truncated_file.
  const std::size_t n = std::min(head.size(), magic.size());
  return n > 0 && head.compare(0, n, magic.substr(0, n)) == 0;
}

bool looks_like(Format format, const std::string& head) {
  using namespace std::string_view_literals;
  switch (format) {
  case Format::tiff:
    return starts_with(head, "II*\0"sv) || starts_with(head, "MM\0*"sv) ||
           starts_with(head, "II+\0"sv) || starts_with(head, "MM\0+"sv); // BigTIFF too
  case Format::png:
    return starts_with(head, "\x89PNG\r\n\x1a\n"sv);
  case Format::jpeg:
    return starts_with(head, "\xFF\xD8\xFF"sv);
  case Format::pdf:
    return head.find("%PDF-") != std::string::npos || starts_with(head, "%PDF-");
  case Format::other:
    break;
  }
  return false;
}

// What the bytes look like, for the message when they do not match the extension.
std::string describe_content(const std::string& head) {
  using namespace std::string_view_literals;
  for (Format format : {Format::tiff, Format::png, Format::jpeg}) {
    if (head.size() >= 4 && looks_like(format, head)) {
      return format_name(format);
    }
  }
  if (head.compare(0, 5, "%PDF-") == 0) {
    return "a PDF file";
  }
  if (head.compare(0, 4, "GIF8") == 0) {
    return "a GIF image (not accepted)";
  }
  if (head.compare(0, 2, "BM") == 0) {
    return "a BMP image (not accepted)";
  }
  if (head.size() >= 12 && head.compare(0, 4, "RIFF") == 0 && head.compare(8, 4, "WEBP") == 0) {
    return "a WebP image (not accepted)";
  }
  if (head.compare(0, 4, "PK\x03\x04"sv) == 0) {
    return "a ZIP archive (or an Office document)";
  }
  const bool text = std::all_of(head.begin(), head.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 || c == '\n' || c == '\r' || c == '\t' || c == '\f';
  });
  if (text) {
    return head.find('<') != std::string::npos && head.find('>') != std::string::npos
               ? "a text file (HTML or XML)"
               : "a text file";
  }
  return "data of an unknown kind";
}

std::string read_head(const fs::path& file, const std::string& name) {
  std::ifstream in(file, std::ios::binary);
  std::string head(k_sniff_bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (in.bad() || (!in && in.gcount() == 0)) {
    fail_ingest("unreadable_file", "the file cannot be read", name);
  }
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

std::vector<std::uint8_t> read_all(const fs::path& file, std::uintmax_t size,
                                   const std::string& name) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!in || static_cast<std::uintmax_t>(in.gcount()) != size) {
    fail_ingest("unreadable_file", "the file cannot be read", name);
  }
  return bytes;
}

class PdfPageSource final : public PageSource {
public:
  PdfPageSource(const fs::path& file, std::string name, double default_dpi,
                const IngestLimits& limits)
      : m_name(std::move(name)), m_default_dpi(default_dpi) {
    try {
      m_images = std::make_unique<pdf::PdfPageImages>(file, limits);
    } catch (const Error& e) {
      throw renamed(e);
    }
  }

  std::optional<RasterPage> next() override {
    if (m_next > m_images->page_count()) {
      return std::nullopt;
    }
    RasterPage page;
    try {
      page = m_images->page(m_next);
    } catch (const Error& e) {
      throw renamed(e);
    }
    page.source = m_name;
    page.source_page = m_next++;
    const std::optional<double> dpi = page.dpi > 0 ? std::optional<double>(page.dpi) : std::nullopt;
    set_page_dpi(page, dpi, m_default_dpi);
    return page;
  }

private:
  // The reader knows the path, not the name the dossier uses: name the file here.
  Error renamed(const Error& e) const {
    return Error(e.stage(), e.error_code(), e.what(), m_name, e.page());
  }

  std::string m_name;
  double m_default_dpi;
  std::unique_ptr<pdf::PdfPageImages> m_images;
  int m_next = 1;
};

// A PNG or JPEG: one page, decoded when asked for.
class SingleImageSource final : public PageSource {
public:
  SingleImageSource(Format format, std::vector<std::uint8_t> bytes, std::string name,
                    double default_dpi, const IngestLimits& limits)
      : m_format(format), m_bytes(std::move(bytes)), m_name(std::move(name)),
        m_default_dpi(default_dpi), m_limits(limits) {}

  std::optional<RasterPage> next() override {
    if (m_done) {
      return std::nullopt;
    }
    m_done = true;
    const std::vector<std::uint8_t> bytes = std::move(m_bytes);
    return m_format == Format::png ? decode_png(bytes, m_name, m_default_dpi, m_limits)
                                   : decode_jpeg(bytes, m_name, m_default_dpi, m_limits);
  }

private:
  Format m_format;
  std::vector<std::uint8_t> m_bytes;
  std::string m_name;
  double m_default_dpi;
  IngestLimits m_limits;
  bool m_done = false;
};

} // namespace

std::vector<RasterPage> load_pages(const fs::path& file, double default_dpi,
                                   const IngestLimits& limits) {
  return load_pages(file, default_dpi, limits, file.filename().string());
}

std::vector<RasterPage> load_pages(const fs::path& file, double default_dpi,
                                   const IngestLimits& limits, const std::string& name) {
  std::vector<RasterPage> pages = drain(*open_pages(file, default_dpi, limits, name));
  if (pages.empty()) {
    fail_ingest("corrupt_image", "the file holds no page", name);
  }
  return pages;
}

std::unique_ptr<PageSource> open_pages(const fs::path& file, double default_dpi,
                                       const IngestLimits& limits, const std::string& name) {
  if (!(default_dpi > 0) || !std::isfinite(default_dpi)) {
    throw Error(Stage::config, "invalid_dpi",
                "the default resolution must be a positive number of dpi", name);
  }
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) {
    fail_ingest("unreadable_file", "the file does not exist", name);
  }
  if (fs::is_directory(status)) {
    fail_ingest("unreadable_file", "this is a folder, not a file", name);
  }
  const Format format = format_of_extension(file);
  if (format == Format::other) {
    const std::string ext = file.extension().string();
    fail_ingest(
        "unsupported_format",
        (ext.empty() ? std::string("files without an extension") : "\"" + ext + "\" files") +
            " are not accepted (accepted: .tif, .tiff, .png, .jpg, .jpeg, .pdf)",
        name);
  }
  if (!fs::is_regular_file(status)) {
    fail_ingest("unreadable_file", "this is not a regular file", name);
  }
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) {
    fail_ingest("unreadable_file", "the file size cannot be read: " + ec.message(), name);
  }
  if (size == 0) {
    fail_ingest("empty_file", "the file is empty (0 bytes)", name);
  }
  if (size > static_cast<std::uintmax_t>(limits.max_file_bytes) ||
      size > static_cast<std::uintmax_t>(INT_MAX)) {
    fail_ingest("file_too_large",
                "the file has " + std::to_string(size) + " bytes, more than the limit of " +
                    std::to_string(std::min<long long>(limits.max_file_bytes, INT_MAX)),
                name);
  }
  const std::string head = read_head(file, name);
  if (!looks_like(format, head)) {
    fail_ingest("corrupt_image",
                std::string("the file is named as ") + format_name(format) + " but looks like " +
                    describe_content(head),
                name);
  }
  switch (format) {
  case Format::tiff:
    return open_tiff(file, name, default_dpi, limits);
  case Format::png:
  case Format::jpeg:
    return std::make_unique<SingleImageSource>(format, read_all(file, size, name), name,
                                               default_dpi, limits);
  case Format::pdf:
    return std::make_unique<PdfPageSource>(file, name, default_dpi, limits);
  case Format::other:
    break;
  }
  fail_ingest("unsupported_format", "this kind of file is not accepted", name);
}

} // namespace sohoa::pipeline
