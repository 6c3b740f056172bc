# Seed replay tests: include(${PROJECT_SOURCE_DIR}/fuzz/replay.cmake) from
# tests/CMakeLists.txt. One executable and one CTest test per fuzz target, plain
# compiler, no libFuzzer; sanitizers come with SOHOA_SANITIZE like every other test.
include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
foreach(target IN LISTS SOHOA_FUZZ_TARGETS)
  add_executable(replay_${target} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp
                 ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${target}.cpp ${SOHOA_FUZZ_${target}_SOURCES})
  target_link_libraries(replay_${target} PRIVATE sohoa::settings sohoa::source_root ${SOHOA_FUZZ_${target}_LIBS})
  target_include_directories(replay_${target} PRIVATE ${SOHOA_FUZZ_INCLUDE_DIRS})
  add_test(NAME replay_${target}
           COMMAND replay_${target} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${target})
  set_tests_properties(replay_${target} PROPERTIES TIMEOUT 120 LABELS "fuzz-replay")
endforeach()
