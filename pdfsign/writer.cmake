# The PDF/A writer, the scanned-PDF reader and the PDF/A checker.
set(SOHOA_PDF_WRITER_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/image_encode.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/mrc_layers.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/pdf_reader.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/pdfa_check.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/pdfa_writer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/podofo_util.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/text_layer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/xml_lite.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/xmp.cpp
)
