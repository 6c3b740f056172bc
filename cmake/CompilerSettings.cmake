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
# No include root here: each stage offers <stage>/include/sohoa/<stage>/ as its
# PUBLIC include directory (#include "sohoa/imaging/cleanup.hpp"); its other headers
# are private, found beside the sources that include them.
# The version and the source folder are not compile definitions: they come from
# core/build_info.hpp, so that every other translation unit compiles the same in
# any checkout folder (and a compiler cache can share its objects).
# White-box access for the tools, the tests and the fuzz targets: the source root
# on the include path, so they may also include a stage's private headers
# ("ocr/missed_text.hpp"). The stages never link this.
add_library(sohoa_source_root INTERFACE)
add_library(sohoa::source_root ALIAS sohoa_source_root)
target_include_directories(sohoa_source_root INTERFACE ${PROJECT_SOURCE_DIR})
