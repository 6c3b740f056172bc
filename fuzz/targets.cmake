# The fuzz targets and what each needs. The parsers are compiled straight from their
# sources (not through sohoa_pipeline), so a fuzz or replay binary does not pull in
# OCR, PDF and signing.
set(SOHOA_FUZZ_TARGETS density dossier_json tiff pdf_reader xmp alto verify_scan schema)
set(SOHOA_FUZZ_density_SOURCES
  ${PROJECT_SOURCE_DIR}/pipeline/decode_density.cpp
  ${PROJECT_SOURCE_DIR}/pipeline/decode_common.cpp)
set(SOHOA_FUZZ_density_LIBS sohoa_core opencv_core ZLIB::ZLIB)
set(SOHOA_FUZZ_dossier_json_SOURCES ${PROJECT_SOURCE_DIR}/pipeline/decode_dossier_json.cpp)
set(SOHOA_FUZZ_dossier_json_LIBS sohoa_core nlohmann_json::nlohmann_json)
# The TIFF reader: directory walk, page count, strips and tiles.
set(SOHOA_FUZZ_tiff_SOURCES
  ${PROJECT_SOURCE_DIR}/pipeline/decode_tiff.cpp
  ${PROJECT_SOURCE_DIR}/pipeline/decode_common.cpp)
set(SOHOA_FUZZ_tiff_LIBS sohoa_core TIFF::TIFF opencv_core opencv_imgproc)
# The scanned-PDF reader and what it decodes with (CCITT through libtiff).
# The PDF and signing sources include their public headers as "sohoa/pdf/..." and
# "sohoa/sign/...": this gives those folders without linking the libraries.
if(NOT TARGET sohoa_fuzz_pdfsign_headers)
  add_library(sohoa_fuzz_pdfsign_headers INTERFACE)
  target_include_directories(sohoa_fuzz_pdfsign_headers INTERFACE
    ${PROJECT_SOURCE_DIR}/pdfsign/pdf/include ${PROJECT_SOURCE_DIR}/pdfsign/sign/include)
endif()
# libxml2 reads ALTO and XMP, OpenJPEG the JPEG 2000 images of MRC pages; their imported
# targets live in ocr/ and pdfsign/pdf/, so they are found again here.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SohoaFuzzLibXml2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(SohoaFuzzOpenJpeg REQUIRED IMPORTED_TARGET libopenjp2)
set(SOHOA_FUZZ_pdf_reader_SOURCES
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/pdf_reader.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/image_encode.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/jpx_codec.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/podofo_util.cpp)
set(SOHOA_FUZZ_pdf_reader_LIBS sohoa_core sohoa_fuzz_pdfsign_headers PkgConfig::PoDoFo TIFF::TIFF opencv_core
  opencv_imgproc opencv_imgcodecs PkgConfig::SohoaFuzzOpenJpeg)
# XMP as read back: the namespace-aware reader and the date parser.
set(SOHOA_FUZZ_xmp_SOURCES
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/xmp_reader.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/xmp.cpp)
set(SOHOA_FUZZ_xmp_LIBS sohoa_core sohoa_fuzz_pdfsign_headers PkgConfig::SohoaFuzzLibXml2
  opencv_core)
set(SOHOA_FUZZ_alto_SOURCES
  ${PROJECT_SOURCE_DIR}/ocr/alto_reader.cpp
  ${PROJECT_SOURCE_DIR}/ocr/unicode.cpp)
set(SOHOA_FUZZ_alto_LIBS sohoa_core PkgConfig::SohoaFuzzLibXml2 ICU::uc opencv_core)
# verify's raw-byte scanner.
set(SOHOA_FUZZ_verify_scan_SOURCES
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/signature_scan.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf/xmp_reader.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/sign/verify_pdfa.cpp)
set(SOHOA_FUZZ_verify_scan_LIBS sohoa_core sohoa_fuzz_pdfsign_headers PkgConfig::SohoaFuzzLibXml2)
# The schema loader's reading of one type schema; the rest of forms/ from its library.
set(SOHOA_FUZZ_schema_SOURCES ${PROJECT_SOURCE_DIR}/forms/catalog.cpp
  ${PROJECT_SOURCE_DIR}/forms/schema_regex.cpp)
set(SOHOA_FUZZ_schema_LIBS sohoa_forms sohoa_core nlohmann_json::nlohmann_json ICU::uc ICU::i18n)
# Sources compiled straight in see their stage's public headers as their library would.
set(SOHOA_FUZZ_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/pipeline/include ${PROJECT_SOURCE_DIR}/ocr/include
  ${PROJECT_SOURCE_DIR}/forms/include)
