#pragma once
// The visible copy stamp (NĐ 30/2020, Phụ lục I): copy form, agency, signing
// time, in embedded Liberation Serif 10 pt, black, top right of page 1.
#include <memory>
#include <string>
#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfRect;
class PdfXObject;
} // namespace PoDoFo

namespace sohoa::pdf {

// The widget rectangle for these lines, 20 pt from the top right corner.
PoDoFo::PdfRect stamp_rect(const PoDoFo::PdfRect& media_box, const std::vector<std::string>& lines);

// The appearance XObject drawing the lines inside rect; its object lives in doc,
// the returned wrapper is the caller's.
std::unique_ptr<PoDoFo::PdfXObject> make_stamp_appearance(PoDoFo::PdfMemDocument& doc,
                                                          const PoDoFo::PdfRect& rect,
                                                          const std::vector<std::string>& lines);

} // namespace sohoa::pdf
