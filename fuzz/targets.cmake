# The fuzz targets and what each needs. The parsers are compiled straight from their
# sources (not through sohoa_pipeline), so a fuzz or replay binary does not pull in
# OCR, PDF and signing.
set(SOHOA_FUZZ_TARGETS density dossier_json)
set(SOHOA_FUZZ_density_SOURCES
  ${PROJECT_SOURCE_DIR}/pipeline/decode_density.cpp
  ${PROJECT_SOURCE_DIR}/pipeline/decode_common.cpp)
set(SOHOA_FUZZ_density_LIBS sohoa_core opencv_core)
set(SOHOA_FUZZ_dossier_json_SOURCES ${PROJECT_SOURCE_DIR}/pipeline/decode_dossier_json.cpp)
set(SOHOA_FUZZ_dossier_json_LIBS sohoa_core nlohmann_json::nlohmann_json)
