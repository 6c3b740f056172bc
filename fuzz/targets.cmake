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
set(SOHOA_FUZZ_pdf_reader_SOURCES
  ${PROJECT_SOURCE_DIR}/pdfsign/pdf_reader.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/image_encode.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/podofo_util.cpp)
set(SOHOA_FUZZ_pdf_reader_LIBS sohoa_core PkgConfig::PoDoFo TIFF::TIFF opencv_core
  opencv_imgproc opencv_imgcodecs)
# XMP as read back: the small XML parser and the date parser.
set(SOHOA_FUZZ_xmp_SOURCES
  ${PROJECT_SOURCE_DIR}/pdfsign/xml_lite.cpp
  ${PROJECT_SOURCE_DIR}/pdfsign/xmp.cpp)
set(SOHOA_FUZZ_xmp_LIBS sohoa_core opencv_core)
# The ALTO reader (libxml2; its imported target lives in ocr/, so found again here).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SohoaFuzzLibXml2 REQUIRED IMPORTED_TARGET libxml-2.0)
set(SOHOA_FUZZ_alto_SOURCES
  ${PROJECT_SOURCE_DIR}/ocr/alto_reader.cpp
  ${PROJECT_SOURCE_DIR}/ocr/unicode.cpp)
set(SOHOA_FUZZ_alto_LIBS sohoa_core PkgConfig::SohoaFuzzLibXml2 ICU::uc opencv_core)
# verify's raw-byte scanner.
set(SOHOA_FUZZ_verify_scan_SOURCES ${PROJECT_SOURCE_DIR}/pdfsign/verify_scan.cpp)
set(SOHOA_FUZZ_verify_scan_LIBS sohoa_core)
# The schema loader's reading of one type schema; the rest of forms/ from its library.
set(SOHOA_FUZZ_schema_SOURCES ${PROJECT_SOURCE_DIR}/forms/catalog.cpp)
set(SOHOA_FUZZ_schema_LIBS sohoa_forms sohoa_core nlohmann_json::nlohmann_json)
