# Settings every own target links: warnings, sanitizers, -Werror in dev mode.
add_library(sohoa_settings INTERFACE)
add_library(sohoa::settings ALIAS sohoa_settings)
target_compile_options(sohoa_settings INTERFACE -Wall -Wextra -Wpedantic
                       $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                       -Wnon-virtual-dtor -Wno-missing-field-initializers
                       # GCC 12 reports false positives inside nlohmann-json at -O2.
                       $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
if(SOHOA_DEV_MODE)
  target_compile_options(sohoa_settings INTERFACE -Werror)
endif()
if(SOHOA_SANITIZE)
  target_compile_options(sohoa_settings INTERFACE -fsanitize=address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(sohoa_settings INTERFACE -fsanitize=address,undefined)
endif()
# The sources root is the include root: #include "imaging/deskew.hpp".
target_include_directories(sohoa_settings INTERFACE ${PROJECT_SOURCE_DIR})
# The version and the source folder are not compile definitions: they come from
# core/build_info.hpp, so that every other translation unit compiles the same in
# any checkout folder (and a compiler cache can share its objects).
