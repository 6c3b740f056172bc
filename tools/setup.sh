#!/usr/bin/env bash
# The README's two commands.
#   tools/setup.sh samples   install what is missing, build, digitize the samples
#   tools/setup.sh test      install what is missing, build, run every test
# Options: --sanitize (ASan+UBSan build in build-asan/), --no-install (skip apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
shift || true
sanitize=0
install=1
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --no-install) install=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
case "$mode" in
  samples|test|build) ;;
  *) echo "usage: tools/setup.sh samples|test|build [--sanitize] [--no-install]" >&2; exit 2 ;;
esac

if [ "$install" = 1 ]; then
  tools/install-deps.sh
fi

build=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "$sanitize" = 1 ]; then
  build=build-asan
  cmake_args+=(-DSOHOA_SANITIZE=ON)
fi
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$build" "${cmake_args[@]}" >/dev/null
cmake --build "$build" -j "$jobs"

case "$mode" in
  samples)
    tools/make-samples.sh "$build"
    ;;
  test)
    tools/check-format.sh
    export OMP_THREAD_LIMIT=1
    if [ "$sanitize" = 1 ]; then
      export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
      export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
      export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
    fi
    (cd "$build" && ctest --output-on-failure -j "$jobs")
    ;;
esac
