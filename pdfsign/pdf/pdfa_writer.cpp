#include "sohoa/pdf/pdfa_writer.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "image_encode.hpp"
#include "mrc_encode.hpp"
#include "podofo_util.hpp"
#include "text_layer.hpp"
#include "xmp.hpp"
#include "sohoa/core/clock.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>

namespace sohoa::pdf {
namespace {

using namespace PoDoFo;

constexpr const char* k_icc_profile = "/usr/share/color/icc/sRGB.icc";
constexpr const char* k_glyphless_font = "/usr/share/tesseract-ocr/5/tessdata/pdf.ttf";

std::string read_resource(const char* path) {
  try {
    return sohoa::read_file(path);
  } catch (const std::exception& e) {
    throw Error(Stage::pdf, "missing_resource",
                std::string("cannot read ") + path +
                    " (Debian packages icc-profiles-free, "
                    "tesseract-ocr): " +
                    e.what());
  }
}

// "uuid:" + an RFC 4122 shaped id from a hash (version 4 bits set).
std::string uuid_from(const std::string& seed) {
  std::string h = sha256_hex(seed).substr(0, 32);
  h[12] = '4';
  h[16] = "89ab"[(h[16] - '0') & 3];
  return "uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20, 12);
}

using Encoding = ImageEncoding;

EncodedImage bitonal_image(const cv::Mat& img) {
  // Anything not ink is paper: threshold keeps a stray grey value honest.
  cv::Mat bw;
  cv::compare(luminance(img), 128, bw, cv::CMP_GE);
  return {encode_ccitt_g4(bw), img.cols, img.rows, Encoding::ccitt, true, false, {}};
}

EncodedImage jpeg_image(const cv::Mat& img, bool grey, int quality) {
  const cv::Mat pixels = grey ? luminance(img) : img;
  return {encode_jpeg(pixels, quality), img.cols, img.rows, Encoding::dct,
          pixels.channels() == 1,       false,    {}};
}

// Interleaved samples as PDF wants them: RGB order, rows packed.
EncodedImage flate_image(const cv::Mat& img, bool grey) {
  cv::Mat pixels;
  if (grey) {
    pixels = luminance(img).clone();
  } else {
    cv::cvtColor(img, pixels, cv::COLOR_BGR2RGB); // a new buffer: the page stays as given
  }
  std::string samples(reinterpret_cast<const char*>(pixels.data),
                      pixels.total() * pixels.elemSize());
  return {std::move(samples),     img.cols, img.rows, Encoding::flate,
          pixels.channels() == 1, false,    {}};
}

// The images of one page, bottom first: each is drawn over the whole page.
std::vector<EncodedImage> encode_page_images(const PdfPageInput& page,
                                             const PdfWriteOptions& options, int index) {
  const cv::Mat& img = page.image;
  if (img.empty() || img.depth() != CV_8U || (img.channels() != 1 && img.channels() != 3)) {
    throw Error(Stage::pdf, "bad_page_image", "page image must be 8-bit grey or BGR", {}, index);
  }
  const bool grey = page.kind == ColourKind::grey || img.channels() == 1;
  if (page.kind == ColourKind::bitonal) {
    return {bitonal_image(img)}; // G4 is already an ink mask at full resolution
  }
  switch (options.image_mode) {
  case ImageMode::jpeg:
    return {jpeg_image(img, grey, options.jpeg_quality)};
  case ImageMode::lossless:
    return {flate_image(img, grey)};
  case ImageMode::mrc:
    break;
  }
  MrcEncodeOptions mrc;
  mrc.target_ssim = options.mrc_background_ssim;
  mrc.background_jpeg_quality = options.mrc_background_quality;
  mrc.try_jpx = options.mrc_effort == MrcEffort::smallest;
  return encode_mrc_page(grey ? luminance(img) : img, page.dpi, mrc);
}

void set_raw_stream(PdfObject* object, const std::string& bytes) {
  PdfMemoryInputStream in(bytes.data(), static_cast<pdf_long>(bytes.size()));
  object->GetStream()->SetRawData(&in, static_cast<pdf_long>(bytes.size()));
}

void set_plain_stream(PdfObject* object, const std::string& bytes) {
  object->GetStream()->Set(bytes.data(), static_cast<pdf_long>(bytes.size()), TVecFilters());
}

void set_flate_stream(PdfObject* object, const std::string& bytes) {
  object->GetStream()->Set(bytes.data(), static_cast<pdf_long>(bytes.size()));
}

// The GlyphLessFont (as Tesseract's PDF renderer makes it): every code maps to
// glyph 1 of pdf.ttf, which is invisible; ToUnicode gives the text back.
PdfObject* create_glyphless_font(PdfVecObjects& objects) {
  PdfObject* font_file = objects.CreateObject();
  const std::string ttf = read_resource(k_glyphless_font);
  font_file->GetDictionary().AddKey("Length1", pdf_int(static_cast<long long>(ttf.size())));
  set_flate_stream(font_file, ttf);

  PdfObject* descriptor = objects.CreateObject("FontDescriptor");
  auto& fd = descriptor->GetDictionary();
  fd.AddKey("FontName", PdfName("GlyphLessFont"));
  fd.AddKey("Flags", pdf_int(5));
  PdfArray bbox;
  bbox.push_back(pdf_int(0));
  bbox.push_back(pdf_int(0));
  bbox.push_back(pdf_int(500));
  bbox.push_back(pdf_int(1000));
  fd.AddKey("FontBBox", bbox);
  fd.AddKey("ItalicAngle", pdf_int(0));
  fd.AddKey("Ascent", pdf_int(1000));
  fd.AddKey("Descent", pdf_int(0));
  fd.AddKey("CapHeight", pdf_int(1000));
  fd.AddKey("StemV", pdf_int(80));
  fd.AddKey("FontFile2", font_file->Reference());

  // Every CID to glyph 1 (never .notdef, 6.2.11.8-1).
  PdfObject* cid_to_gid = objects.CreateObject();
  std::string map(65536 * 2, '\0');
  for (std::size_t i = 1; i < map.size(); i += 2) {
    map[i] = '\x01';
  }
  set_flate_stream(cid_to_gid, map);

  PdfObject* cid_font = objects.CreateObject("Font");
  auto& cf = cid_font->GetDictionary();
  cf.AddKey("Subtype", PdfName("CIDFontType2"));
  cf.AddKey("BaseFont", PdfName("GlyphLessFont"));
  PdfDictionary info;
  info.AddKey("Registry", PdfString("Adobe"));
  info.AddKey("Ordering", PdfString("Identity"));
  info.AddKey("Supplement", pdf_int(0));
  cf.AddKey("CIDSystemInfo", info);
  cf.AddKey("FontDescriptor", descriptor->Reference());
  cf.AddKey("DW", pdf_int(500));
  cf.AddKey("CIDToGIDMap", cid_to_gid->Reference());

  PdfObject* to_unicode = objects.CreateObject();
  set_flate_stream(to_unicode, glyphless_to_unicode_cmap());

  PdfObject* font = objects.CreateObject("Font");
  auto& f = font->GetDictionary();
  f.AddKey("Subtype", PdfName("Type0"));
  f.AddKey("BaseFont", PdfName("GlyphLessFont"));
  f.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray descendants;
  descendants.push_back(cid_font->Reference());
  f.AddKey("DescendantFonts", descendants);
  f.AddKey("ToUnicode", to_unicode->Reference());
  return font;
}

PdfObject* create_image(PdfVecObjects& objects, const EncodedImage& image) {
  PdfObject* obj = objects.CreateObject("XObject");
  auto& d = obj->GetDictionary();
  d.AddKey("Subtype", PdfName("Image"));
  d.AddKey("Width", pdf_int(image.width));
  d.AddKey("Height", pdf_int(image.height));
  if (image.mask) {
    d.AddKey("ImageMask", PdfVariant(true));
  } else {
    d.AddKey("ColorSpace", PdfName(image.grey ? "DeviceGray" : "DeviceRGB"));
  }
  d.AddKey("BitsPerComponent", pdf_int(image.encoding == Encoding::ccitt ? 1 : 8));
  switch (image.encoding) {
  case Encoding::ccitt: {
    set_raw_stream(obj, image.bytes);
    d.AddKey("Filter", PdfName("CCITTFaxDecode"));
    PdfDictionary parms;
    parms.AddKey("K", pdf_int(-1));
    parms.AddKey("Columns", pdf_int(image.width));
    parms.AddKey("Rows", pdf_int(image.height));
    parms.AddKey("BlackIs1", PdfVariant(false));
    d.AddKey("DecodeParms", parms);
    break;
  }
  case Encoding::dct:
    set_raw_stream(obj, image.bytes);
    d.AddKey("Filter", PdfName("DCTDecode"));
    break;
  case Encoding::flate:
    set_flate_stream(obj, image.bytes);
    break;
  case Encoding::jpx:
    // A JP2 file (PDF/A-2 6.2.8.3: 1 or 3 channels of one bit depth); the
    // dictionary's /ColorSpace takes precedence over the file's.
    set_raw_stream(obj, image.bytes);
    d.AddKey("Filter", PdfName("JPXDecode"));
    break;
  }
  return obj;
}

// Draws the page's images over the whole page or their placement (page pixels,
// top-left origin), masks in their ink colours (an image mask paints the current
// fill colour where its samples are 0).
std::string image_operators(const std::vector<EncodedImage>& images, double w_pt, double h_pt,
                            cv::Size page_px) {
  std::string out;
  char buf[240];
  const double sx = w_pt / page_px.width;
  const double sy = h_pt / page_px.height;
  for (std::size_t k = 0; k < images.size(); ++k) {
    const EncodedImage& img = images[k];
    std::string fill;
    if (img.mask) {
      std::snprintf(buf, sizeof buf, "%.4f %.4f %.4f rg\n", img.colour[2] / 255.0,
                    img.colour[1] / 255.0, img.colour[0] / 255.0);
      fill = buf;
    }
    const cv::Rect r = img.placement.empty() ? cv::Rect({0, 0}, page_px) : img.placement;
    std::snprintf(buf, sizeof buf, "q\n%s%.4f 0 0 %.4f %.4f %.4f cm\n/Im%zu Do\nQ\n", fill.c_str(),
                  r.width * sx, r.height * sy, r.x * sx, (page_px.height - r.y - r.height) * sy, k);
    out += buf;
  }
  return out;
}

void add_output_intent(PdfVecObjects& objects, PdfObject* catalog) {
  PdfObject* icc = objects.CreateObject();
  icc->GetDictionary().AddKey("N", pdf_int(3));
  icc->GetDictionary().AddKey("Alternate", PdfName("DeviceRGB"));
  set_flate_stream(icc, read_resource(k_icc_profile));
  PdfDictionary intent;
  intent.AddKey("Type", PdfName("OutputIntent"));
  intent.AddKey("S", PdfName("GTS_PDFA1"));
  intent.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("DestOutputProfile", icc->Reference());
  PdfArray intents;
  intents.push_back(intent);
  catalog->GetDictionary().AddKey("OutputIntents", intents);
}

void add_attachment(PdfVecObjects& objects, PdfObject* catalog, const Attachment& att,
                    const std::string& mod_date) {
  if (att.file_name.empty()) {
    throw Error(Stage::pdf, "bad_attachment", "the associated file needs a name");
  }
  PdfObject* ef = objects.CreateObject("EmbeddedFile");
  ef->GetDictionary().AddKey("Subtype",
                             PdfName(att.mime.empty() ? "application/octet-stream" : att.mime));
  PdfDictionary params;
  params.AddKey("ModDate", PdfString(mod_date));
  params.AddKey("Size", pdf_int(static_cast<long long>(att.bytes.size())));
  ef->GetDictionary().AddKey("Params", params);
  set_flate_stream(ef, att.bytes);

  // Set by hand: PdfFileSpec mangles /F (PDF-NOTES).
  PdfObject* spec = objects.CreateObject("Filespec");
  auto& s = spec->GetDictionary();
  s.AddKey("F", PdfString(att.file_name));
  s.AddKey("UF", pdf_text(att.file_name));
  if (!att.description.empty()) {
    s.AddKey("Desc", pdf_text(att.description));
  }
  // The record is data derived from the page images.
  s.AddKey("AFRelationship", PdfName("Data"));
  PdfDictionary efd;
  efd.AddKey("F", ef->Reference());
  efd.AddKey("UF", ef->Reference());
  s.AddKey("EF", efd);

  PdfArray af;
  af.push_back(spec->Reference());
  catalog->GetDictionary().AddKey("AF", af);
  PdfArray names;
  names.push_back(PdfString(att.file_name));
  names.push_back(spec->Reference());
  PdfDictionary tree;
  tree.AddKey("Names", names);
  PdfDictionary name_dict;
  name_dict.AddKey("EmbeddedFiles", tree);
  catalog->GetDictionary().AddKey("Names", name_dict);
}

// Replaces the trailer /ID strings (written by PoDoFo) with a hash of the file
// content, so identical content gives an identical file.
void set_content_id(std::string& pdf) {
  const auto trailer = pdf.rfind("trailer");
  const auto id = trailer == std::string::npos ? std::string::npos : pdf.find("/ID", trailer);
  if (id == std::string::npos) {
    throw Error(Stage::pdf, "pdf_write_failed", "PoDoFo wrote no trailer /ID");
  }
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t pos = id;
  for (int k = 0; k < 2; ++k) {
    const auto open = pdf.find('<', pos);
    const auto close = open == std::string::npos ? open : pdf.find('>', open);
    if (close == std::string::npos) {
      throw Error(Stage::pdf, "pdf_write_failed", "unexpected trailer /ID form");
    }
    spans.emplace_back(open + 1, close - open - 1);
    pos = close + 1;
  }
  for (const auto& [start, len] : spans) {
    std::fill_n(pdf.begin() + static_cast<std::ptrdiff_t>(start), len, '0');
  }
  std::string digest = sha256_hex(pdf);
  for (auto& c : digest) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const auto& [start, len] : spans) {
    for (std::size_t i = 0; i < len; ++i) {
      pdf[start + i] = digest[i % digest.size()];
    }
  }
}

} // namespace

EncodedPageImage encode_page_image(const cv::Mat& image, ColourKind kind, double dpi,
                                   const PdfWriteOptions& options) {
  PdfPageInput page;
  page.image = image;
  page.kind = kind;
  page.dpi = dpi;
  EncodedPageImage encoded;
  encoded.width = image.cols;
  encoded.height = image.rows;
  encoded.layers = encode_page_images(page, options, 0);
  return encoded;
}

std::optional<ImageMode> image_mode_from_name(const std::string& name) {
  if (name == "mrc") {
    return ImageMode::mrc;
  }
  if (name == "jpeg") {
    return ImageMode::jpeg;
  }
  if (name == "lossless") {
    return ImageMode::lossless;
  }
  return std::nullopt;
}

std::string image_mode_name(ImageMode mode) {
  switch (mode) {
  case ImageMode::mrc:
    return "mrc";
  case ImageMode::jpeg:
    return "jpeg";
  case ImageMode::lossless:
    return "lossless";
  }
  return "mrc";
}

std::string podofo_version() {
  return PODOFO_VERSION_STRING;
}

void write_pdfa(const std::vector<PdfPageInput>& pages, const LegalMetadata& metadata,
                const PdfWriteOptions& options, const std::filesystem::path& out) {
  quiet_podofo();
  if (pages.empty()) {
    throw Error(Stage::pdf, "no_pages", "a PDF needs at least one page", out.string());
  }
  if (options.attachment && options.part != PdfAPart::a3b) {
    throw Error(Stage::pdf, "attachment_needs_pdfa3",
                "an associated file is only allowed in PDF/A-3", out.string());
  }
  // sohoa:digitized_at is declared as an XMP Date: refuse what is not one.
  if (!metadata.digitized_at.empty()) {
    PdfTime t;
    if (!parse_pdf_or_xmp_date(metadata.digitized_at, t)) {
      throw Error(Stage::pdf, "bad_metadata",
                  "digitized_at is not an ISO 8601 date: " + metadata.digitized_at, out.string());
    }
  }
  std::vector<std::shared_ptr<const EncodedPageImage>> images;
  std::string seed;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& p = pages[i];
    if (!(p.dpi > 0)) {
      throw Error(Stage::pdf, "bad_page_image", "page dpi must be positive", out.string(),
                  static_cast<int>(i + 1));
    }
    images.push_back(p.encoded ? p.encoded
                               : std::make_shared<const EncodedPageImage>(
                                     encode_page_image(p.image, p.kind, p.dpi, options)));
    for (const EncodedImage& img : images.back()->layers) {
      seed += sha256_hex(img.bytes);
    }
  }
  const Timestamp created_at = options.created_at.value_or(run_clock(options.deterministic).now());
  const PdfTime created{std::chrono::system_clock::to_time_t(created_at.utc),
                        static_cast<int>(created_at.offset.count())};
  const std::string version =
      metadata.software_version.empty() ? "sohoa" : "sohoa " + metadata.software_version;
  const std::string producer = version + " (PoDoFo " + podofo_version() + ")";
  seed += metadata.dossier_code + '\n' + metadata.document_id + '\n' + xmp_date(created);

  std::string bytes;
  try {
    PdfMemDocument doc;
    doc.SetPdfVersion(ePdfVersion_1_7);
    PdfVecObjects& objects = doc.GetObjects();
    PdfObject* catalog = doc.GetCatalog();

    PdfObject* font = nullptr;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const auto& p = pages[i];
      // The page size comes from the full-resolution image (an MRC mask's size).
      const int width_px = images[i]->width;
      const int height_px = images[i]->height;
      const double w_pt = width_px / p.dpi * 72.0;
      const double h_pt = height_px / p.dpi * 72.0;
      PdfPage* page = doc.CreatePage(PdfRect(0, 0, w_pt, h_pt));
      PdfDictionary& resources = page->GetResources()->GetDictionary();
      PdfDictionary xobjects;
      const std::vector<EncodedImage>& layers = images[i]->layers;
      for (std::size_t k = 0; k < layers.size(); ++k) {
        xobjects.AddKey("Im" + std::to_string(k), create_image(objects, layers[k])->Reference());
      }
      resources.AddKey("XObject", xobjects);
      std::string content = image_operators(images[i]->layers, w_pt, h_pt, {width_px, height_px});
      if (p.text != nullptr && p.text->word_count() > 0) {
        TextPlacement placement;
        placement.page_width_pt = w_pt;
        placement.page_height_pt = h_pt;
        placement.image_width_px = p.text->width > 0 ? p.text->width : width_px;
        placement.image_height_px = p.text->height > 0 ? p.text->height : height_px;
        const std::string text = text_layer_operators(*p.text, placement, "F1");
        if (!text.empty()) {
          if (font == nullptr) {
            font = create_glyphless_font(objects);
          }
          PdfDictionary fonts;
          fonts.AddKey("F1", font->Reference());
          resources.AddKey("Font", fonts);
          content += text;
        }
      }
      set_flate_stream(page->GetContents(), content);
    }

    add_output_intent(objects, catalog);

    XmpInput xmp;
    xmp.part = options.part;
    xmp.metadata = &metadata;
    xmp.producer = producer;
    xmp.creator_tool = version;
    xmp.create_date = xmp_date(created);
    xmp.document_id = uuid_from(seed);
    xmp.instance_id = uuid_from(seed + "\ninstance");
    PdfObject* meta = objects.CreateObject("Metadata");
    meta->GetDictionary().AddKey("Subtype", PdfName("XML"));
    set_plain_stream(meta, build_xmp(xmp));
    catalog->GetDictionary().AddKey("Metadata", meta->Reference());
    if (!metadata.language.empty()) {
      catalog->GetDictionary().AddKey("Lang", PdfString(metadata.language));
    }
    if (options.attachment) {
      add_attachment(objects, catalog, *options.attachment, info_date(created));
    }

    // Info from the same model as the XMP (6.6.3: they must agree).
    PdfDictionary& info = doc.GetInfo()->GetObject()->GetDictionary();
    info.Clear();
    if (!metadata.title.empty()) {
      info.AddKey("Title", pdf_text(metadata.title));
    }
    if (!metadata.agency_name.empty()) {
      info.AddKey("Author", pdf_text(metadata.agency_name));
    }
    info.AddKey("Creator", pdf_text(version));
    info.AddKey("Producer", pdf_text(producer));
    info.AddKey("CreationDate", PdfString(info_date(created)));
    info.AddKey("ModDate", PdfString(info_date(created)));

    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    bytes.assign(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    throw Error(Stage::pdf, "pdf_write_failed", describe(e), out.string());
  }
  set_content_id(bytes);
  write_file_bytes(out, bytes); // Error(Stage::output) naming the file and errno's reason
}

} // namespace sohoa::pdf
