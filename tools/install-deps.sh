#!/usr/bin/env bash
# Installs the Debian 12 packages sohoa needs to build, test and benchmark.
# Idempotent: only missing packages are installed; nothing is done when all are present.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git clang-format
  # libraries the pipeline links
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-photo-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  zlib1g-dev libtiff-dev libjpeg62-turbo-dev libopenjp2-7-dev libpodofo-dev libboost-program-options-dev libssl-dev libcurl4-openssl-dev
  nlohmann-json3-dev libvalijson-dev libicu-dev libxml2-dev doctest-dev
  # data the pipeline reads at run time
  icc-profiles-free fonts-liberation2 fonts-dejavu-core hunspell-vi
  # the test-data generator renders pages with cairo
  libcairo2-dev
  # tools the tests and checks drive from outside
  poppler-utils qpdf libtiff-tools openssl libnss3-tools
  softhsm2 libengine-pkcs11-openssl opensc
  # the counter: HTTP service, scanners, the browser test of the review page
  libcpp-httplib-dev libsane-dev sane-utils chromium nodejs
  # queue workers: Redis Streams and the PostgreSQL ledger (the queue tests start both)
  libhiredis-dev libpqxx-dev redis-server postgresql
)
# Debian's nodejs comes without npm; other builds of nodejs (NodeSource) bundle it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi
if [ "${SOHOA_BENCH_DEPS:-0}" = 1 ]; then
  packages+=(ocrmypdf time bc python3 jq)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
