# Ingest's sources: discovery, dossier.json, decoders. CMAKE_CURRENT_LIST_DIR so the
# list can be included from elsewhere too.
set(SOHOA_INGEST_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ingest_discover.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ingest_load.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_density.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_dossier_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_jpeg_pixels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_png_jpeg.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_tiff.cpp
)
