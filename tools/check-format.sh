#!/usr/bin/env bash
# Fails when a C++ source of the repository differs from .clang-format.
#   tools/check-format.sh          check (tools/setup.sh test runs it first)
#   tools/check-format.sh --fix    rewrite the files in place
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
[ "${1:-}" = "--fix" ] && fix=1
format=$(command -v clang-format || command -v clang-format-14 || true)
if [ -z "$format" ]; then
  echo "check-format.sh: clang-format is not installed (tools/install-deps.sh installs it)" >&2
  exit 2
fi
mapfile -t files < <(find core imaging ocr forms pdfsign pipeline service scanner queue archive \
  cli tools tests fuzz -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) \
  -not -path '*/node_modules/*' | sort)
if [ "$fix" = 1 ]; then
  "$format" -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$format" --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (tools/check-format.sh --fix)" >&2
    bad=$((bad + 1))
  fi
done
echo "check-format.sh: ${#files[@]} files, $bad not formatted"
[ "$bad" = 0 ]
