#include "sohoa/pdf/pdf_reader.hpp"

#include "sohoa/core/error.hpp"
#include "image_encode.hpp"
#include "podofo_util.hpp"
#include "sohoa/pdf/jpx_codec.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

namespace sohoa::pdf {
namespace {

using namespace PoDoFo;

class Reader {
public:
  Reader(const std::filesystem::path& file, PdfVecObjects& objects, const DecodeLimits& limits)
      : m_file(file.filename().string()), m_objects(objects), m_limits(limits) {}

  Error fail(ErrorCode code, const std::string& message, int page) const {
    return Error(Stage::ingest, code, message, m_file, page);
  }

  const PdfObject* get(const PdfObject* object) const { return resolve(m_objects, object); }

  // Content to tokenize (a page's streams, a Form XObject) goes through the general
  // filters only: throws PdfError otherwise.
  void require_content_filters(const PdfObject* content) const {
    require_general_filters(m_objects, content);
  }

  const PdfObject* key(const PdfObject* dict, const char* name) const {
    if (dict == nullptr || !dict->IsDictionary()) {
      return nullptr;
    }
    return get(dict->GetDictionary().GetKey(name));
  }

  long long int_key(const PdfObject* dict, const char* name, long long fallback) const {
    const PdfObject* v = key(dict, name);
    if (v == nullptr) {
      return fallback;
    }
    if (v->IsNumber()) {
      return v->GetNumber();
    }
    if (v->IsReal()) {
      return static_cast<long long>(v->GetReal());
    }
    return fallback;
  }

  bool bool_key(const PdfObject* dict, const char* name, bool fallback) const {
    const PdfObject* v = key(dict, name);
    return v != nullptr && v->IsBool() ? v->GetBool() : fallback;
  }

  // The largest image XObject drawn from these resources (forms searched too).
  void find_largest(const PdfObject* resources, const PdfObject*& best, long long& best_area,
                    int depth) const {
    const PdfObject* xobjects = key(resources, "XObject");
    if (xobjects == nullptr || !xobjects->IsDictionary() || depth > 4) {
      return;
    }
    for (const auto& [name, value] : xobjects->GetDictionary().GetKeys()) {
      const PdfObject* x = get(value);
      if (x == nullptr || !x->IsDictionary()) {
        continue;
      }
      const PdfObject* subtype = key(x, "Subtype");
      if (subtype == nullptr || !subtype->IsName()) {
        continue;
      }
      if (subtype->GetName() == PdfName("Image")) {
        const long long area = int_key(x, "Width", 0) * int_key(x, "Height", 0);
        if (area > best_area) {
          best_area = area;
          best = x;
        }
      } else if (subtype->GetName() == PdfName("Form") && x != resources) {
        find_largest(key(x, "Resources"), best, best_area, depth + 1);
      }
    }
  }

  // Components of a colour space, and the palette of an Indexed one.
  struct ColourSpace {
    int components = 0;
    bool indexed = false;
    std::string palette;
    int palette_components = 0;
  };

  ColourSpace colour_space(const PdfObject* cs, int page, int depth = 0) const {
    ColourSpace out;
    if (cs == nullptr || depth > 3) {
      return out;
    }
    if (cs->IsName()) {
      const std::string n = cs->GetName().GetName();
      if (n == "DeviceGray" || n == "CalGray" || n == "G") {
        out.components = 1;
      } else if (n == "DeviceRGB" || n == "CalRGB" || n == "RGB") {
        out.components = 3;
      } else if (n == "DeviceCMYK" || n == "CMYK") {
        out.components = 4;
      }
      return out;
    }
    if (!cs->IsArray() || cs->GetArray().empty()) {
      return out;
    }
    const PdfArray& a = cs->GetArray();
    const PdfObject* family = get(&a[0]);
    if (family == nullptr || !family->IsName()) {
      return out;
    }
    const std::string n = family->GetName().GetName();
    if (n == "ICCBased" && a.size() > 1) {
      out.components = static_cast<int>(int_key(get(&a[1]), "N", 0));
    } else if (n == "CalGray") {
      out.components = 1;
    } else if (n == "CalRGB" || n == "Lab") {
      out.components = 3;
    } else if ((n == "Indexed" || n == "I") && a.size() > 3) {
      const ColourSpace base = colour_space(get(&a[1]), page, depth + 1);
      const PdfObject* lookup = get(&a[3]);
      out.indexed = true;
      out.components = 1;
      out.palette_components = base.components;
      if (lookup != nullptr && (lookup->IsString() || lookup->IsHexString())) {
        const PdfString& s = lookup->GetString();
        out.palette.assign(s.GetString(), static_cast<std::size_t>(s.GetLength()));
      } else if (lookup != nullptr && lookup->HasStream()) {
        out.palette = filtered(lookup, page);
      }
      if (base.components != 1 && base.components != 3) {
        throw fail("unsupported_image", "Indexed colour over an unsupported base", page);
      }
    }
    return out;
  }

  std::string raw(const PdfObject* obj) const { return stream_raw(*obj); }

  std::string filtered(const PdfObject* obj, int page) const {
    // Without /DecodeParms PoDoFo takes the image dictionary as the decode
    // parameters and then refuses anything but 8 bits per component.
    if (!obj->GetDictionary().HasKey("DecodeParms")) {
      const_cast<PdfObject*>(obj)->GetDictionary().AddKey("DecodeParms", PdfDictionary());
    }
    try {
      return stream_decoded(*obj);
    } catch (const PdfError& e) {
      throw fail("corrupt_pdf", "cannot decode an image stream: " + describe(e), page);
    }
  }

  cv::Mat samples_to_mat(const std::string& data, int w, int h, int bpc, const ColourSpace& cs,
                         bool invert, int page) const {
    const int comps = cs.components;
    const std::size_t row_bytes = (static_cast<std::size_t>(w) * comps * bpc + 7) / 8;
    if (data.size() < row_bytes * static_cast<std::size_t>(h)) {
      throw fail("corrupt_pdf", "image data shorter than its size", page);
    }
    const auto sample = [&](const unsigned char* row, int index) -> int {
      switch (bpc) {
      case 8:
        return row[index];
      case 16:
        return row[index * 2];
      case 1:
        return (row[index >> 3] >> (7 - (index & 7))) & 1;
      case 2:
        return (row[index >> 2] >> (6 - 2 * (index & 3))) & 3;
      case 4:
        return (row[index >> 1] >> (4 - 4 * (index & 1))) & 15;
      default:
        return 0;
      }
    };
    const int max_value = bpc == 16 ? 255 : (1 << bpc) - 1;
    const auto level = [&](int v) { return max_value == 255 ? v : v * 255 / max_value; };
    if (cs.indexed) {
      const int pc = cs.palette_components;
      cv::Mat out(h, w, pc == 1 ? CV_8UC1 : CV_8UC3);
      const auto* pal = reinterpret_cast<const unsigned char*>(cs.palette.data());
      const std::size_t entries = cs.palette.size() / static_cast<std::size_t>(pc);
      for (int y = 0; y < h; ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(data.data()) +
                          row_bytes * static_cast<std::size_t>(y);
        for (int x = 0; x < w; ++x) {
          auto idx = static_cast<std::size_t>(sample(row, x));
          if (idx >= entries) {
            idx = entries == 0 ? 0 : entries - 1;
          }
          if (entries == 0) {
            throw fail("corrupt_pdf", "Indexed colour space without a palette", page);
          }
          const unsigned char* p = pal + idx * static_cast<std::size_t>(pc);
          if (pc == 1) {
            out.at<unsigned char>(y, x) = p[0];
          } else {
            out.at<cv::Vec3b>(y, x) = {p[2], p[1], p[0]};
          }
        }
      }
      return out;
    }
    cv::Mat out(h, w, comps == 1 ? CV_8UC1 : CV_8UC3);
    for (int y = 0; y < h; ++y) {
      const auto* row = reinterpret_cast<const unsigned char*>(data.data()) +
                        row_bytes * static_cast<std::size_t>(y);
      for (int x = 0; x < w; ++x) {
        if (comps == 1) {
          int v = level(sample(row, x));
          out.at<unsigned char>(y, x) = static_cast<unsigned char>(invert ? 255 - v : v);
        } else if (comps == 3) {
          const int r = level(sample(row, x * 3));
          const int g = level(sample(row, x * 3 + 1));
          const int b = level(sample(row, x * 3 + 2));
          out.at<cv::Vec3b>(y, x) = {static_cast<unsigned char>(b), static_cast<unsigned char>(g),
                                     static_cast<unsigned char>(r)};
        } else {
          const int c = level(sample(row, x * 4));
          const int m = level(sample(row, x * 4 + 1));
          const int ye = level(sample(row, x * 4 + 2));
          const int k = level(sample(row, x * 4 + 3));
          const auto mix = [&](int v) {
            return static_cast<unsigned char>((255 - v) * (255 - k) / 255);
          };
          out.at<cv::Vec3b>(y, x) = {mix(ye), mix(m), mix(c)};
        }
      }
    }
    return out;
  }

  RasterPage decode(const PdfObject* image, int page) const {
    const long long w = int_key(image, "Width", 0);
    const long long h = int_key(image, "Height", 0);
    if (w <= 0 || h <= 0 || w > 1'000'000 || h > 1'000'000) {
      throw fail("corrupt_pdf", "image without a valid size", page);
    }
    if (w * h > m_limits.max_pixels_per_page) {
      throw fail("too_many_pixels",
                 "page image of " + std::to_string(w) + "x" + std::to_string(h) +
                     " pixels is over the limit",
                 page);
    }
    if (!image->HasStream()) {
      throw fail("corrupt_pdf", "image XObject without data", page);
    }
    std::vector<std::string> filters;
    std::vector<const PdfObject*> parms;
    const PdfObject* f = key(image, "Filter");
    const PdfObject* p = key(image, "DecodeParms");
    if (f != nullptr && f->IsName()) {
      filters.push_back(f->GetName().GetName());
      parms.push_back(p);
    } else if (f != nullptr && f->IsArray()) {
      for (std::size_t i = 0; i < f->GetArray().size(); ++i) {
        const PdfObject* n = get(&f->GetArray()[i]);
        if (n == nullptr || !n->IsName()) {
          throw fail("corrupt_pdf", "bad /Filter entry", page);
        }
        filters.push_back(n->GetName().GetName());
        const PdfObject* pi = p != nullptr && p->IsArray() && i < p->GetArray().size()
                                  ? get(&p->GetArray()[i])
                                  : nullptr;
        parms.push_back(pi);
      }
    }
    const bool image_mask = bool_key(image, "ImageMask", false);
    ColourSpace cs = image_mask ? ColourSpace{1} : colour_space(key(image, "ColorSpace"), page);
    int bpc = image_mask ? 1 : static_cast<int>(int_key(image, "BitsPerComponent", 8));
    bool invert = false;
    if (const PdfObject* d = key(image, "Decode");
        d != nullptr && d->IsArray() && d->GetArray().size() >= 2) {
      const PdfObject* d0 = get(&d->GetArray()[0]);
      invert = d0 != nullptr && d0->IsNumber() ? d0->GetNumber() == 1
               : d0 != nullptr && d0->IsReal() ? d0->GetReal() > 0.5
                                               : false;
    }

    RasterPage out;
    const std::string last = filters.empty() ? std::string() : filters.back();
    for (std::size_t i = 0; i + 1 < filters.size(); ++i) {
      if (filters[i] == "DCTDecode" || filters[i] == "CCITTFaxDecode" ||
          filters[i] == "JBIG2Decode" || filters[i] == "JPXDecode") {
        throw fail("unsupported_image_filter", "image filter chain " + filters[i] + " + " + last,
                   page);
      }
    }
    if (last == "JBIG2Decode" || last == "Crypt") {
      throw fail("unsupported_image_filter", "page image is " + last + " encoded", page);
    }
    if (last == "DCTDecode" || last == "DCT") {
      if (filters.size() > 1) {
        throw fail("unsupported_image_filter", "JPEG wrapped in another filter", page);
      }
      const std::string jpeg = raw(image);
      const std::vector<uchar> buf(jpeg.begin(), jpeg.end());
      const int mode = cs.components == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR;
      cv::Mat decoded;
      try {
        decoded = cv::imdecode(buf, mode);
      } catch (const cv::Exception& e) {
        throw fail("corrupt_pdf", std::string("JPEG: ") + e.what(), page);
      }
      if (decoded.empty()) {
        throw fail("corrupt_pdf", "page JPEG does not decode", page);
      }
      out.pixels = decoded;
      out.kind = decoded.channels() == 1 ? ColourKind::grey : ColourKind::colour;
      return out;
    }
    if (last == "JPXDecode") {
      if (filters.size() > 1) {
        throw fail("unsupported_image_filter", "JPEG 2000 wrapped in another filter", page);
      }
      cv::Mat decoded;
      try {
        decoded = decode_jpx(raw(image), 0, m_limits.max_pixels_per_page);
      } catch (const Error& e) {
        throw fail("corrupt_pdf", std::string("JPEG 2000: ") + e.what(), page);
      }
      if (decoded.cols != w || decoded.rows != h) {
        throw fail("corrupt_pdf", "JPEG 2000 size differs from the image's", page);
      }
      out.pixels = decoded;
      out.kind = decoded.channels() == 1 ? ColourKind::grey : ColourKind::colour;
      return out;
    }
    if (last == "CCITTFaxDecode" || last == "CCF") {
      if (filters.size() > 1) {
        throw fail("unsupported_image_filter", "CCITT data wrapped in another filter", page);
      }
      const PdfObject* dp = parms.back();
      CcittParams cp;
      cp.k = static_cast<int>(int_key(dp, "K", 0));
      cp.columns = static_cast<int>(int_key(dp, "Columns", 1728));
      cp.rows = static_cast<int>(int_key(dp, "Rows", h));
      cp.black_is_1 = bool_key(dp, "BlackIs1", false);
      cp.encoded_byte_align = bool_key(dp, "EncodedByteAlign", false);
      cp.end_of_line = bool_key(dp, "EndOfLine", false);
      if (cp.rows <= 0) {
        cp.rows = static_cast<int>(h);
      }
      if (static_cast<long long>(cp.columns) * cp.rows > m_limits.max_pixels_per_page) {
        throw fail("too_many_pixels", "fax image over the pixel limit", page);
      }
      cv::Mat decoded = decode_ccitt(raw(image), cp);
      // BlackIs1 flips the sample values, /Decode [1 0] flips them back.
      if (cp.black_is_1 != invert) {
        cv::bitwise_not(decoded, decoded);
      }
      out.pixels = decoded;
      out.kind = ColourKind::bitonal;
      return out;
    }
    for (const auto& name : filters) {
      if (name != "FlateDecode" && name != "Fl" && name != "LZWDecode" && name != "LZW" &&
          name != "ASCIIHexDecode" && name != "AHx" && name != "ASCII85Decode" && name != "A85" &&
          name != "RunLengthDecode" && name != "RL") {
        throw fail("unsupported_image_filter", "unsupported image filter " + name, page);
      }
    }
    if (cs.components != 1 && cs.components != 3 && cs.components != 4) {
      throw fail("unsupported_image", "unsupported image colour space", page);
    }
    if (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) {
      throw fail("corrupt_pdf", "bad BitsPerComponent", page);
    }
    const std::string data = filters.empty() ? raw(image) : filtered(image, page);
    out.pixels =
        samples_to_mat(data, static_cast<int>(w), static_cast<int>(h), bpc, cs, invert, page);
    if (bpc == 1 && !cs.indexed) {
      out.kind = ColourKind::bitonal;
    } else {
      out.kind = out.pixels.channels() == 1 ? ColourKind::grey : ColourKind::colour;
    }
    return out;
  }

private:
  std::string m_file;
  PdfVecObjects& m_objects;
  const DecodeLimits& m_limits;
};

// A page drawn as image masks over a background image (mixed raster content,
// as sohoa's mrc mode and other archival tools write it): the masks painted in
// their fill colours over the background and its detail patches, each where its
// transformation puts it, at the masks' resolution. nullopt when the page draws
// no image mask, something else than plain images, or rotates or skews one.
std::optional<RasterPage> compose_masked(const Reader& reader, PdfPage* page, int page_index) {
  const PdfObject* xobjects = reader.key(page->GetResources(), "XObject");
  if (xobjects == nullptr || !xobjects->IsDictionary()) {
    return std::nullopt;
  }
  // Scale and translation of the current transformation: x' = sx x + tx.
  struct Placement {
    double sx = 1, sy = 1, tx = 0, ty = 0;
  };
  struct Drawn {
    const PdfObject* image;
    cv::Vec3b colour; // BGR fill colour when it is a mask
    bool mask;
    Placement at; // the unit square's image on the page, in points
  };
  std::vector<Drawn> drawn;
  std::vector<cv::Vec3b> fill_stack{{0, 0, 0}};
  std::vector<Placement> ctm_stack{{}};
  std::vector<double> operands;
  std::string last_name;
  reader.require_content_filters(page->GetContents());
  PdfContentsTokenizer tokenizer(page);
  EPdfContentsType type;
  const char* keyword = nullptr;
  PdfVariant value;
  const auto level = [](double v) {
    return static_cast<unsigned char>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  };
  while (tokenizer.ReadNext(type, keyword, value)) {
    if (type == ePdfContentsType_Variant) {
      if (value.IsNumber() || value.IsReal()) {
        operands.push_back(value.GetReal());
      } else if (value.IsName()) {
        last_name = value.GetName().GetName();
      }
      continue;
    }
    if (type != ePdfContentsType_Keyword) {
      return std::nullopt; // inline images: not a layered page
    }
    const std::string op = keyword;
    if (op == "q") {
      fill_stack.push_back(fill_stack.back());
      ctm_stack.push_back(ctm_stack.back());
    } else if (op == "Q" && fill_stack.size() > 1) {
      fill_stack.pop_back();
      ctm_stack.pop_back();
    } else if (op == "cm" && operands.size() >= 6) {
      const auto n = operands.size();
      if (operands[n - 5] != 0 || operands[n - 4] != 0) {
        return std::nullopt; // rotated or skewed: not a layered scan
      }
      Placement& c = ctm_stack.back();
      c.tx += c.sx * operands[n - 2];
      c.ty += c.sy * operands[n - 1];
      c.sx *= operands[n - 6];
      c.sy *= operands[n - 3];
    } else if (op == "rg" && operands.size() >= 3) {
      const auto n = operands.size();
      fill_stack.back() = {level(operands[n - 1]), level(operands[n - 2]), level(operands[n - 3])};
    } else if (op == "g" && !operands.empty()) {
      const auto v = level(operands.back());
      fill_stack.back() = {v, v, v};
    } else if (op == "Do") {
      const PdfObject* x = reader.key(xobjects, last_name.c_str());
      const PdfObject* subtype = reader.key(x, "Subtype");
      if (subtype == nullptr || !subtype->IsName() || subtype->GetName() != PdfName("Image")) {
        return std::nullopt;
      }
      if (drawn.size() >= 64) {
        return std::nullopt; // a page made of many small images is no layered scan
      }
      drawn.push_back(
          {x, fill_stack.back(), reader.bool_key(x, "ImageMask", false), ctm_stack.back()});
    }
    operands.clear();
  }
  const auto is_mask = [](const Drawn& d) { return d.mask; };
  if (std::none_of(drawn.begin(), drawn.end(), is_mask)) {
    return std::nullopt;
  }
  cv::Size size;
  for (const Drawn& d : drawn) {
    if (d.mask) {
      size.width = std::max(size.width, static_cast<int>(reader.int_key(d.image, "Width", 0)));
      size.height = std::max(size.height, static_cast<int>(reader.int_key(d.image, "Height", 0)));
    }
  }
  const PdfRect box = page->GetMediaBox();
  if (!(box.GetWidth() > 0) || !(box.GetHeight() > 0) || size.area() <= 0) {
    return std::nullopt;
  }
  // Points to canvas pixels, top-left origin; an image within a pixel of the
  // whole page covers it all.
  const auto area_of = [&](const Placement& at) {
    const double px = size.width / box.GetWidth();
    const double py = size.height / box.GetHeight();
    const double x0 = (at.tx - box.GetLeft()) * px;
    const double x1 = (at.tx + at.sx - box.GetLeft()) * px;
    const double y0 = size.height - (at.ty + at.sy - box.GetBottom()) * py;
    const double y1 = size.height - (at.ty - box.GetBottom()) * py;
    const cv::Rect r(cv::Point(static_cast<int>(std::lround(std::min(x0, x1))),
                               static_cast<int>(std::lround(std::min(y0, y1)))),
                     cv::Point(static_cast<int>(std::lround(std::max(x0, x1))),
                               static_cast<int>(std::lround(std::max(y0, y1)))));
    const cv::Rect whole({0, 0}, size);
    const bool covers = std::abs(r.x) <= 1 && std::abs(r.y) <= 1 &&
                        std::abs(r.br().x - size.width) <= 1 &&
                        std::abs(r.br().y - size.height) <= 1;
    return covers ? whole : (r & whole);
  };
  RasterPage out;
  out.kind = ColourKind::grey;
  cv::Mat canvas(size, CV_8UC3, cv::Scalar::all(255));
  for (const Drawn& d : drawn) {
    const cv::Rect area = area_of(d.at);
    if (area.empty()) {
      continue;
    }
    cv::Mat pixels = reader.decode(d.image, page_index).pixels;
    if (pixels.size() != area.size()) {
      cv::resize(pixels, pixels, area.size(), 0, 0, d.mask ? cv::INTER_NEAREST : cv::INTER_LINEAR);
    }
    cv::Mat target = canvas(area);
    if (d.mask) {
      cv::Mat paint;
      cv::compare(pixels, 0, paint, cv::CMP_EQ);
      target.setTo(cv::Scalar(d.colour[0], d.colour[1], d.colour[2]), paint);
      if (d.colour[0] != d.colour[1] || d.colour[1] != d.colour[2]) {
        out.kind = ColourKind::colour;
      }
    } else if (pixels.channels() == 1) {
      cv::cvtColor(pixels, target, cv::COLOR_GRAY2BGR);
    } else {
      pixels.copyTo(target);
      out.kind = ColourKind::colour;
    }
  }
  if (out.kind == ColourKind::grey) {
    cv::cvtColor(canvas, out.pixels, cv::COLOR_BGR2GRAY);
  } else {
    out.pixels = canvas;
  }
  return out;
}

bool mentions_encrypt(const std::filesystem::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) {
    return false;
  }
  // Trailers live at the end; look at the last 64 KiB.
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  const long from = size > 65536 ? size - 65536 : 0;
  std::fseek(f, from, SEEK_SET);
  std::string tail(static_cast<std::size_t>(size - from), '\0');
  const std::size_t n = std::fread(tail.data(), 1, tail.size(), f);
  std::fclose(f);
  tail.resize(n);
  return tail.find("/Encrypt") != std::string::npos;
}

// Whether a page's content draws text a reader sees: text-showing operators with a
// render mode other than 3 (invisible) or 7 (clip only), on the page or inside the
// Form XObjects it draws. A scanned page with an OCR layer draws its text invisible.
class VisibleTextFinder {
public:
  explicit VisibleTextFinder(const Reader& reader) : m_reader(reader) {}

  bool in_page(PdfPage* page) {
    m_reader.require_content_filters(page->GetContents());
    PdfContentsTokenizer tokens(page);
    return in_content(tokens, page->GetResources(), 0);
  }

private:
  static bool shows_string(const PdfVariant& v) {
    if (v.IsString() || v.IsHexString()) {
      return v.GetString().GetLength() > 0;
    }
    if (v.IsArray()) {
      for (const auto& item : v.GetArray()) {
        if ((item.IsString() || item.IsHexString()) && item.GetString().GetLength() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  bool in_content(PdfContentsTokenizer& tokens, const PdfObject* resources, int depth) {
    std::vector<long long> saved_modes;
    long long mode = 0;
    std::vector<PdfVariant> operands;
    EPdfContentsType type = ePdfContentsType_Keyword;
    const char* keyword = nullptr;
    PdfVariant value;
    while (tokens.ReadNext(type, keyword, value)) {
      if (type == ePdfContentsType_Variant) {
        if (operands.size() < 64) {
          operands.push_back(value);
        }
        continue;
      }
      if (type != ePdfContentsType_Keyword || keyword == nullptr) {
        operands.clear();
        continue;
      }
      const std::string op = keyword;
      const bool visible = mode != 3 && mode != 7;
      if (op == "q") {
        saved_modes.push_back(mode);
      } else if (op == "Q") {
        if (!saved_modes.empty()) {
          mode = saved_modes.back();
          saved_modes.pop_back();
        }
      } else if (op == "Tr" && !operands.empty() && operands.back().IsNumber()) {
        mode = operands.back().GetNumber();
      } else if ((op == "Tj" || op == "TJ" || op == "'" || op == "\"") && visible &&
                 !operands.empty() && shows_string(operands.back())) {
        return true;
      } else if (op == "Do" && !operands.empty() && operands.back().IsName() && depth < 4) {
        const PdfObject* xobject = m_reader.key(m_reader.key(resources, "XObject"),
                                                operands.back().GetName().GetName().c_str());
        const PdfObject* subtype = m_reader.key(xobject, "Subtype");
        if (xobject != nullptr && xobject->HasStream() && subtype != nullptr && subtype->IsName() &&
            subtype->GetName() == PdfName("Form")) {
          m_reader.require_content_filters(xobject);
          char* data = nullptr;
          pdf_long length = 0;
          xobject->GetStream()->GetFilteredCopy(&data, &length);
          PodofoBuffer holder(data);
          PdfContentsTokenizer inner(data, static_cast<long>(length));
          const PdfObject* inner_resources = m_reader.key(xobject, "Resources");
          if (in_content(inner, inner_resources != nullptr ? inner_resources : resources,
                         depth + 1)) {
            return true;
          }
        }
      }
      operands.clear();
    }
    return false;
  }

  const Reader& m_reader;
};

} // namespace

struct PdfPageImages::Impl {
  std::string name;
  DecodeLimits limits;
  PdfMemDocument doc;
  std::unique_ptr<Reader> reader;
  int count = 0;
};

PdfPageImages::PdfPageImages(const std::filesystem::path& file, const DecodeLimits& limits)
    : m_impl(std::make_unique<Impl>()) {
  quiet_podofo();
  Impl& impl = *m_impl;
  impl.name = file.filename().string();
  impl.limits = limits;
  const std::string& name = impl.name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw Error(Stage::ingest, "unreadable_file", "not a readable file", name);
  }
  try {
    impl.doc.Load(file.c_str());
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword ||
        e.GetError() == ePdfError_InvalidEncryptionDict || mentions_encrypt(file)) {
      throw Error(Stage::ingest, "encrypted_pdf", "the PDF is encrypted", name);
    }
    throw Error(Stage::ingest, "corrupt_pdf", "cannot parse the PDF: " + describe(e), name);
  }
  try {
    if (impl.doc.GetEncrypted()) {
      throw Error(Stage::ingest, "encrypted_pdf", "the PDF is encrypted", name);
    }
    impl.count = impl.doc.GetPageCount();
  } catch (const PdfError& e) {
    throw Error(Stage::ingest, "corrupt_pdf", "cannot read the PDF: " + describe(e), name);
  }
  if (impl.count <= 0) {
    throw Error(Stage::ingest, "corrupt_pdf", "the PDF has no pages", name);
  }
  if (impl.count > limits.max_pages_per_document) {
    throw Error(Stage::ingest, "too_many_pages",
                std::to_string(impl.count) + " pages, over the limit of " +
                    std::to_string(limits.max_pages_per_document),
                name);
  }
  impl.reader = std::make_unique<Reader>(file, impl.doc.GetObjects(), impl.limits);
}

PdfPageImages::~PdfPageImages() = default;

int PdfPageImages::page_count() const {
  return m_impl->count;
}

RasterPage PdfPageImages::page(int page_index) const {
  Impl& impl = *m_impl;
  const Reader& reader = *impl.reader;
  try {
    PdfPage* page =
        page_index >= 1 && page_index <= impl.count ? impl.doc.GetPage(page_index - 1) : nullptr;
    if (page == nullptr) {
      throw reader.fail("corrupt_pdf", "missing page object", page_index);
    }
    const PdfObject* best = nullptr;
    long long best_area = 0;
    reader.find_largest(page->GetResources(), best, best_area, 0);
    if (best == nullptr) {
      throw reader.fail("not_image_only", "the page holds no image: not a scanned PDF", page_index);
    }
    // A page drawn as image masks over a background (our own mrc output) is read
    // back as it shows, masks painted; any other page by its largest image.
    std::optional<RasterPage> layered = compose_masked(reader, page, page_index);
    RasterPage raster = layered ? std::move(*layered) : reader.decode(best, page_index);
    const int rotation = ((page->GetRotation() % 360) + 360) % 360;
    if (rotation == 90) {
      cv::rotate(raster.pixels, raster.pixels, cv::ROTATE_90_CLOCKWISE);
    } else if (rotation == 180) {
      cv::rotate(raster.pixels, raster.pixels, cv::ROTATE_180);
    } else if (rotation == 270) {
      cv::rotate(raster.pixels, raster.pixels, cv::ROTATE_90_COUNTERCLOCKWISE);
    }
    const PdfRect box = page->GetMediaBox();
    const double width_pt = rotation == 90 || rotation == 270 ? box.GetHeight() : box.GetWidth();
    if (width_pt > 0) {
      const double dpi = raster.pixels.cols / (width_pt / 72.0);
      raster.dpi = dpi >= k_min_plausible_dpi ? std::round(dpi) : dpi;
      raster.dpi_from_file = true;
    }
    raster.source_page = page_index;
    // Only the page's image is kept: text the page shows besides it would be lost
    // without a word, so it is said (the page is then reviewed against the original).
    bool visible_text = false;
    std::string unreadable;
    try {
      visible_text = VisibleTextFinder(reader).in_page(page);
    } catch (const PdfError& e) {
      unreadable = describe(e);
    }
    if (visible_text) {
      raster.problems.push_back(
          {"visible_text_not_kept",
           impl.name + ", page " + std::to_string(page_index) +
               ": the page shows text drawn as text, not as part of its scanned image; only "
               "the image is kept, so that text is missing from the output"});
    } else if (!unreadable.empty()) {
      raster.problems.push_back(
          {"visible_text_not_kept",
           impl.name + ", page " + std::to_string(page_index) +
               ": the page's drawing instructions cannot be read to check for text besides "
               "its image (" +
               unreadable + ")"});
    }
    return raster;
  } catch (const PdfError& e) {
    throw Error(Stage::ingest, "corrupt_pdf", "cannot read the PDF: " + describe(e), impl.name,
                page_index);
  } catch (const cv::Exception& e) {
    throw Error(Stage::ingest, "corrupt_pdf", std::string("cannot decode: ") + e.what(), impl.name,
                page_index);
  }
}

std::vector<RasterPage> read_pdf_page_images(const std::filesystem::path& file,
                                             const DecodeLimits& limits) {
  const PdfPageImages images(file, limits);
  std::vector<RasterPage> pages;
  for (int i = 1; i <= images.page_count(); ++i) {
    pages.push_back(images.page(i));
  }
  return pages;
}

} // namespace sohoa::pdf
