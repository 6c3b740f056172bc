#pragma once
// hOCR (XHTML with ocr_page / ocr_line / ocrx_word and bbox, x_wconf) beside the
// ALTO file, for the library tools that read hOCR. Same words as ALTO.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/ocr/alto.hpp"
#include <string>
#include <vector>

namespace sohoa::ocr {

// info: the same facts as the ALTO description (image name, version, page dpi).
std::string to_hocr(const std::vector<PageText>& pages, const AltoInfo& info);

} // namespace sohoa::ocr
