# signing and verification tests (owner: signing). Registered by hand rather than
# with sohoa_add_test: these need neither the sohoa binary nor the generator.
add_executable(test_sign
  ${CMAKE_CURRENT_SOURCE_DIR}/sign_fixture.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_sign_pades.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_sign_verify.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_sign_ltv.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_sign_pdfa.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/test_xmp_namespaces.cpp)
target_link_libraries(test_sign PRIVATE sohoa_test_main sohoa::sign PkgConfig::PoDoFo
  OpenSSL::Crypto opencv_core opencv_imgproc)
add_test(NAME test_sign COMMAND test_sign WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(test_sign PROPERTIES TIMEOUT 240 LABELS "pdfsign;sign")
