# ingest tests: decoding (TIFF/PNG/JPEG), the bad-input corpus, header parsers, discovery.
sohoa_add_test(test_pipeline_ingest
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/test_pipeline_ingest_util.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_pipeline_ingest_decode.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_pipeline_ingest_bad.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_pipeline_ingest_headers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_pipeline_ingest_discover.cpp
  LIBS sohoa_pipeline TIFF::TIFF ZLIB::ZLIB opencv_imgcodecs opencv_imgproc
  LABELS unit)

# Seed corpora of the fuzz targets (fuzz/), replayed as plain CTest tests:
# replay_density, replay_dossier_json. (May move to tests/CMakeLists.txt.)
include(${PROJECT_SOURCE_DIR}/fuzz/replay.cmake)
