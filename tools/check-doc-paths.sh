#!/usr/bin/env bash
# Lists every repository path that README.md and docs/*.md mention and fails when
# one does not exist. A mention is a word whose first component is a top-level
# folder of the repository (pipeline/resume.hpp, tools/bench.sh, ocr/digit_reread.*,
# docs/CHECKS.md: in prose, code spans or code blocks alike), or a relative Markdown
# link target, resolved from the document's folder. System paths (/archive/...,
# /usr/share/...), URLs and placeholders (<stage>) are not repository paths.
#
# Usage: tools/check-doc-paths.sh [REPO_ROOT]   (default: the checkout holding this script)
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root"

shopt -s nullglob
top_dirs=()
for d in */; do
  d="${d%/}"
  [[ "$d" == build* ]] && continue  # build trees are not part of the repository
  top_dirs+=("$d")
done

is_top_dir() {
  local first="$1" d
  for d in "${top_dirs[@]}"; do
    [[ "$d" == "$first" ]] && return 0
  done
  return 1
}

# A path exists as written, as a glob (ocr/second_pass.*), or as a stem whose
# files share it (pipeline/hot_folder -> pipeline/hot_folder.cpp, .hpp).
path_exists() {
  local p="$1" matches
  [[ -e "$p" ]] && return 0
  if [[ "$p" == *'*'* ]]; then
    matches=($p)
  else
    matches=("$p".*)
  fi
  ((${#matches[@]} > 0))
}

missing=0
checked=0
for doc in README.md docs/*.md; do
  [[ -f "$doc" ]] || continue
  doc_dir="$(dirname "$doc")"
  # Words that may be paths (not preceded by a path character, so /usr/share/x and
  # https://host/x are not taken), then link targets ](target) without anchors.
  mentions="$( (grep -oE '(^|[^A-Za-z0-9_./~$-])[A-Za-z0-9_.-]+/[A-Za-z0-9_.*/-]*' "$doc" |
                  sed -E 's/^[^A-Za-z0-9_.-]//; s/[.,:;]+$//; s/^/word /') || true
               (grep -oE '\]\([^)[:space:]]+\)' "$doc" | sed -E 's/^\]\(//; s/\)$//; s/#.*//' |
                  sed 's/^/link /') || true)"
  while read -r kind path; do
    [[ -z "$path" ]] && continue
    [[ "$path" == *'<'* || "$path" == *'>'* || "$path" == *'$'* ]] && continue
    [[ "$path" == *://* ]] && continue
    [[ "$path" =~ ^[a-z]+: ]] && continue  # https:, mailto:, sohoa:dead
    [[ "$path" == /* ]] && continue        # system paths (/usr/share/...)
    if [[ "$kind" == link ]]; then
      resolved="$doc_dir/$path"
    else
      first="${path%%/*}"
      [[ "$path" == */* ]] || continue
      is_top_dir "$first" || continue
      resolved="$path"
    fi
    checked=$((checked + 1))
    if path_exists "$resolved"; then
      echo "ok       $doc: $path"
    else
      echo "MISSING  $doc: $path"
      missing=$((missing + 1))
    fi
  done < <(sort -u <<<"$mentions")
done

echo "$checked paths mentioned, $missing missing"
((missing == 0))
