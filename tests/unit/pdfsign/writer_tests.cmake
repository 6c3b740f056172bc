# PDF/A writer, scanned-PDF reader and PDF/A checker tests (owner: writer).
# Registered by hand rather than with sohoa_add_test: they need neither the
# sohoa binary nor the generator, only poppler-utils and qpdf at run time.
add_executable(test_pdf_writer
  ${CMAKE_CURRENT_SOURCE_DIR}/test_pdf_writer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_pdf_reader.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_pdf_image_modes.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_pdf_jpx.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_pdf_check.cpp)
target_link_libraries(test_pdf_writer PRIVATE sohoa_test_main sohoa::pdf PkgConfig::PoDoFo
  opencv_imgproc opencv_imgcodecs)
add_test(NAME test_pdf_writer COMMAND test_pdf_writer)
set_tests_properties(test_pdf_writer PROPERTIES TIMEOUT 300 LABELS "pdfsign;pdf")
