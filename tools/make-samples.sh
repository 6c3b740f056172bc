#!/usr/bin/env bash
# Materializes the bundled samples (samples/samples.conf: a seed and a recipe,
# no binary files in git) and digitizes them with build/sohoa.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
# shellcheck source=../samples/samples.conf
. samples/samples.conf
work="$build/samples"
rm -rf "$work"
"$build/sohoa-gen" --seed "$SAMPLES_SEED" --out "$work" --dossiers "$SAMPLES_DOSSIERS" \
  --profile "$SAMPLES_PROFILE" --formats "$SAMPLES_FORMATS" --unknown-docs
out=out/samples
set +e
"$build/sohoa" run "$work/input" --out "$out" --force
code=$?
set -e
if [ -x "$build/sohoa-score" ]; then
  echo
  "$build/sohoa-score" --truth "$work/truth" --out "$out" | sed -n '1,/^$/p' || true
fi
echo "samples: scans in $work/input (truth in $work/truth)"
echo "samples: outputs in $out/ (one folder per dossier: PDF/A, record JSON, ALTO, manifest.json)"
echo "samples: batch report $out/batch-report.json, exit code $code"
exit "$code"
