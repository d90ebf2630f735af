#!/usr/bin/env bash
# Installs the Debian packages Origine needs to build, run and test (and, with --bench,
# the nginx yardstick of `make bench`).
# Idempotent: only missing packages are installed. Uses sudo when not root.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang clang-format clang-tidy
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libssl-dev zlib1g-dev libcbor-dev
  libqrencode-dev libzxing-dev libcairo2-dev libpango1.0-dev
  libpoppler-cpp-dev fonts-dejavu-core libcli11-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  iso-codes nodejs npm chromium poppler-utils zbar-tools
  libcurl4-openssl-dev sqlite3 golang-go golang-golang-x-mod-dev libxlsxwriter-dev
  libp11-kit-dev softhsm2 opensc
  wrk curl python3 openssl
)
# The benchmarks' yardstick (bench/run.sh): a service, so only for `make bench`;
# make test's smoke runs without it and says SKIPPED.
if [ "${1:-}" = "--bench" ]; then PACKAGES+=(nginx-light); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Debian's nodejs package is enough; a machine that already has node (e.g. from NodeSource) keeps it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
