#!/usr/bin/env bash
# Fails when a C++ file of the project differs from what clang-format makes of it
# (.clang-format). Fix with: clang-format -i <files>, or scripts/check-format.sh --fix.
set -euo pipefail
cd "$(dirname "$0")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cc' '*.h')
else
  mapfile -t files < <(find src tools bench fuzz -name '*.cc' -o -name '*.h')
fi
if [ "${1:-}" = "--fix" ]; then clang-format -i "${files[@]}"; exit 0; fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/origine-format.$$; then
  grep -E '^[^ ].*: (error|warning):' /tmp/origine-format.$$ | sed 's/: error: code should be clang-formatted.*//' | sort -u | head -50
  rm -f /tmp/origine-format.$$
  echo "format: the files above are not clang-formatted (scripts/check-format.sh --fix)" >&2
  exit 1
fi
rm -f /tmp/origine-format.$$
echo "format: ${#files[@]} C++ files clang-formatted"
