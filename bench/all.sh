#!/usr/bin/env bash
# Every benchmark of the project, in one list (docs/BENCHMARKS.md says what each measures).
#   bench/all.sh BUILD_DIR [NAME...]           full runs (make bench: BUILD_DIR=build-bench,
#                                              Release, -DORIGINE_BENCH=ON), all or the NAMEs
#   bench/all.sh BUILD_DIR --smoke NAME...     each once with a few iterations, seconds, to
#                                              prove it still runs (make test: ctest
#                                              bench_smoke_NAME on the sanitizer build)
#   bench/all.sh --list                        the names
# A new benchmark: its case below and its name in NAMES (ctest picks it up), its target in
# bench/CMakeLists.txt if it is C++, its section in docs/BENCHMARKS.md.
# Exit status: 0, 1 when a benchmark failed, 77 when every benchmark asked for was SKIPPED
# (it says why: e.g. ../shared is absent).
set -uo pipefail
cd "$(dirname "$0")/.."
NAMES=(http trust payments origin hs tlog web)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${NAMES[@]}"; exit 0; fi
BUILD=$(readlink -f "${1:?usage: bench/all.sh BUILD_DIR [--smoke] [NAME...] | --list}")
shift
SMOKE=
if [ "${1:-}" = "--smoke" ]; then SMOKE=1; shift; fi
[ $# -gt 0 ] || set -- "${NAMES[@]}"
WORK=$(mktemp -d /tmp/origine-bench-all.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
unset BENCH_SMOKE ORIGINE_BENCH_SMOKE
[ -z "$SMOKE" ] || export BENCH_SMOKE=1 ORIGINE_BENCH_SMOKE=1
[ -z "$SMOKE" ] || echo "smoke run: proves the benchmark still runs; its figures mean nothing (few iterations)"
# Google Benchmark binaries: a short minimum time in smoke mode.
gb_time() { [ -n "$SMOKE" ] && echo "--benchmark_min_time=0.01"; }

run() {  # name
  case "$1" in
    http) bash bench/run.sh "$BUILD/src/app/origine" ;;
    trust) bash bench/trust.sh "$BUILD" ;;
    payments)
      if [ -n "$SMOKE" ]; then
        BENCH_PAYMENTS_N=8 BENCH_PARALLEL=2 BENCH_CONNECTIONS=2 BENCH_DURATION_S=1 BENCH_STATEMENT_LINES=200 \
          node bench/payments.mjs "$BUILD/src/app/origine" "$BUILD/tools/paysim/origine-paysim"
      else
        node bench/payments.mjs "$BUILD/src/app/origine" "$BUILD/tools/paysim/origine-paysim"
      fi ;;
    origin) "$BUILD/bench/origin_bench" $(gb_time) ;;
    hs) if [ -n "$SMOKE" ]; then HS_BENCH_QUERIES=100 "$BUILD/bench/hs_bench"; else "$BUILD/bench/hs_bench"; fi ;;
    tlog)
      # Full: a 10,000,000-leaf tree kept in /tmp/origine-tlog-bench (2.3 GiB) for later runs;
      # smoke: one full level-1 tile (65,536 leaves) in a temporary directory.
      if [ -n "$SMOKE" ]; then
        TLOG_BENCH_LEAVES=65536 TLOG_BENCH_DIR="$WORK/tlog" "$BUILD/bench/tlog_bench" $(gb_time)
      else
        "$BUILD/bench/tlog_bench"
      fi ;;
    web)
      [ -d web/node_modules ] || { echo "bench/all.sh: web/node_modules is missing (cd web && npm ci)" >&2; return 1; }
      # vitest bench exits 0 even when a benchmark throws: a benchmark without samples failed.
      (cd web && npx vitest bench --run --outputJson "$WORK/web-bench.json" src/verify) &&
        node -e '
          const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
          const all = r.files.flatMap((f) => f.groups.flatMap((g) => g.benchmarks));
          const failed = all.filter((b) => !(b.sampleCount > 0)).map((b) => b.name);
          if (!all.length || failed.length) { console.error("web benchmarks that failed:", failed.join(", ") || "none ran"); process.exit(1); }' \
          "$WORK/web-bench.json" ;;
    *) echo "bench/all.sh: no benchmark named $1 (bench/all.sh --list)" >&2; return 1 ;;
  esac
}

failed=() skipped=() passed=()
for name in "$@"; do
  echo "== bench $name$([ -n "$SMOKE" ] && echo ' (smoke)')"
  start=$(date +%s)
  run "$name"
  status=$?
  case $status in
    0) passed+=("$name") ;;
    77) skipped+=("$name") ;;
    *) failed+=("$name") ;;
  esac
  echo "== bench $name: $([ $status = 0 ] && echo ok || { [ $status = 77 ] && echo SKIPPED || echo "FAILED ($status)"; }), $(($(date +%s) - start)) s"
done
[ ${#skipped[@]} -eq 0 ] || echo "bench/all.sh: skipped ${skipped[*]} (the reasons are above)"
[ ${#failed[@]} -eq 0 ] || { echo "FAILED benchmarks: ${failed[*]}"; exit 1; }
[ ${#passed[@]} -gt 0 ] || exit 77
exit 0
