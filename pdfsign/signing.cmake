# PAdES signing and verification sources (owner: signing).
set(SOHOA_PDF_SIGNING_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/openssl_util.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/http_fetch.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/key_source_files.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/key_source_pkcs11.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/tsa_client.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/cms_pades.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/visible_stamp.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/pdf_signing.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/dss.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/signer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/verify_scan.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/verify_signature.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/verify_changes.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/verify_report.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/verify.cpp
)
# The ENGINE API is deprecated in OpenSSL 3.0 but is Debian 12's only PKCS#11 route.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/key_source_pkcs11.cpp
  PROPERTIES COMPILE_OPTIONS -Wno-deprecated-declarations)
