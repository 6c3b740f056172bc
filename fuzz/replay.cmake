# Seed replay tests: include(${PROJECT_SOURCE_DIR}/fuzz/replay.cmake) from
# tests/CMakeLists.txt. One executable and one CTest test per fuzz target, plain
# compiler, no libFuzzer; sanitizers come with SOHOA_SANITIZE like every other test.
include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
# The binary seeds (images) are not committed: sohoa-fuzz-seeds (tools/) writes them
# before the replays that read them, as a CTest fixture.
set(SOHOA_FUZZ_GENERATED_SEEDS ${PROJECT_BINARY_DIR}/fuzz-seeds)
set(SOHOA_FUZZ_GENERATED_TARGETS density tiff)
if(TARGET sohoa-fuzz-seeds)
  add_test(NAME fuzz_seeds_generate COMMAND sohoa-fuzz-seeds ${SOHOA_FUZZ_GENERATED_SEEDS})
  set_tests_properties(fuzz_seeds_generate PROPERTIES FIXTURES_SETUP fuzz_seeds
                       LABELS "fuzz-replay" TIMEOUT 60)
endif()
foreach(target IN LISTS SOHOA_FUZZ_TARGETS)
  add_executable(replay_${target} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp
                 ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${target}.cpp ${SOHOA_FUZZ_${target}_SOURCES})
  target_link_libraries(replay_${target} PRIVATE sohoa::settings sohoa::source_root ${SOHOA_FUZZ_${target}_LIBS})
  target_include_directories(replay_${target} PRIVATE ${SOHOA_FUZZ_INCLUDE_DIRS})
  set(seeds)
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/fuzz/corpus/${target})
    list(APPEND seeds ${PROJECT_SOURCE_DIR}/fuzz/corpus/${target})
  endif()
  if(target IN_LIST SOHOA_FUZZ_GENERATED_TARGETS AND TARGET sohoa-fuzz-seeds)
    list(APPEND seeds ${SOHOA_FUZZ_GENERATED_SEEDS}/${target})
  endif()
  add_test(NAME replay_${target} COMMAND replay_${target} ${seeds})
  set_tests_properties(replay_${target} PROPERTIES TIMEOUT 120 LABELS "fuzz-replay")
  if(target IN_LIST SOHOA_FUZZ_GENERATED_TARGETS AND TARGET sohoa-fuzz-seeds)
    set_tests_properties(replay_${target} PROPERTIES FIXTURES_REQUIRED fuzz_seeds)
  endif()
endforeach()
# What the fuzzers found, as plain assertions on the same parsers.
add_executable(test_fuzz_findings ${PROJECT_SOURCE_DIR}/fuzz/test_fuzz_findings.cpp
               ${SOHOA_FUZZ_xmp_SOURCES} ${SOHOA_FUZZ_dossier_json_SOURCES}
               ${SOHOA_FUZZ_schema_SOURCES})
target_link_libraries(test_fuzz_findings PRIVATE sohoa_test_main ${SOHOA_FUZZ_xmp_LIBS}
                      ${SOHOA_FUZZ_dossier_json_LIBS} ${SOHOA_FUZZ_schema_LIBS})
target_include_directories(test_fuzz_findings PRIVATE ${SOHOA_FUZZ_INCLUDE_DIRS})
add_test(NAME test_fuzz_findings COMMAND test_fuzz_findings)
set_tests_properties(test_fuzz_findings PROPERTIES TIMEOUT 120 LABELS "unit;fuzz-replay")
