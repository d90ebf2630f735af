#!/usr/bin/env bash
# clang-tidy with the committed .clang-tidy over the C++ files of src/, tools/paysim, bench/
# and fuzz/ (or the given .cc files), in parallel, with the compile_commands.json of the test
# build. Fails on any warning (.clang-tidy: WarningsAsErrors '*').
#   scripts/tidy.sh [-jN] [FILE.cc...]     default: every .cc of the compile database there
#   scripts/tidy.sh --fix FILE.cc...       let clang-tidy apply the fixes it knows
#   scripts/tidy.sh --analyzer [FILE.cc...] also the clang static analyzer (slow; off in .clang-tidy)
# A file whose translation unit is unchanged since it last passed (same source, same headers
# as the last build saw them, same flags, same .clang-tidy, same to-fix entries among them,
# same clang-tidy)
# is not checked again: the passes are kept in BUILD/tidy-cache/. `make test` runs this after
# the build, so a fresh clone checks everything once (a few minutes on 2 cores), then only
# what changed.
# Files listed in scripts/tidy-to-fix.txt (warnings not fixed yet) are not checked, and the
# warnings located in them (headers included elsewhere) are not counted. That list is empty
# since issue 11 and must stay so.
# Env: TIDY_BUILD_DIR (build-test), TIDY_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${TIDY_BUILD_DIR:-build-test}
JOBS=${TIDY_JOBS:-2}
FIX=
EXTRA=
args=()
for a in "$@"; do
  case "$a" in
    -j*) JOBS=${a#-j} ;;
    --fix) FIX=1 ;;
    --analyzer) EXTRA=--checks=clang-analyzer-* ;;
    *) args+=("$a") ;;
  esac
done
DB=$BUILD/compile_commands.json
[ -f "$DB" ] || { echo "tidy: $DB is missing: configure and build the test build first (make test, or the cmake line of CONTRIBUTING.md)" >&2; exit 2; }
command -v clang-tidy > /dev/null || { echo "tidy: clang-tidy is not installed (scripts/install-deps.sh)" >&2; exit 2; }
CACHE=$BUILD/tidy-cache
mkdir -p "$CACHE"
WORK=$(mktemp -d /tmp/origine-tidy.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# The files to check and their cache keys: "key<TAB>file" (key "-" when there is none), from
# the compile database and the dependencies ninja recorded at the last build.
node --input-type=module - "$ROOT" "$BUILD" "$(clang-tidy --version | tr '\n' ' ') $EXTRA" "${args[@]}" > "$WORK/plan" << 'JS'
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
const [root, build, version, ...given] = process.argv.slice(2);
const db = JSON.parse(fs.readFileSync(path.join(build, 'compile_commands.json'), 'utf8'));
const rel = (f) => path.relative(root, path.resolve(f)).split(path.sep).join('/');
const toFix = fs.readFileSync(path.join(root, 'scripts/tidy-to-fix.txt'), 'utf8');
const listed = new Set(toFix.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
for (const f of listed) {
  if (!fs.existsSync(path.join(root, f))) console.error(`tidy: scripts/tidy-to-fix.txt lists ${f}, which is gone: delete its line`);
}
const entries = new Map();
for (const e of db) {
  const file = rel(path.resolve(e.directory, e.file));
  // Ours, and the fuzzers as the test build compiles them (BUILD/tests/fuzz_replay_*.cc).
  if (!/^(src|tools\/paysim|bench|fuzz)\//.test(file) && !/\/tests\/fuzz_replay_\w+\.cc$/.test(file)) continue;
  const out = / -o (\S+)/.exec(e.command)?.[1];
  entries.set(file, { file, command: e.command, object: out });
}
let files;
if (given.length) {
  files = given.map(rel);
  for (const f of files) {
    if (!entries.has(f)) {
      console.error(`tidy: ${f} is not in ${build}/compile_commands.json (headers are checked through the .cc files that include them)`);
      process.exit(2);
    }
  }
} else {
  files = [...entries.keys()].filter((f) => !listed.has(f)).sort();
}
// Dependencies of every object, as ninja recorded them (paths relative to the build dir).
const deps = new Map();
try {
  const text = execFileSync('ninja', ['-C', build, '-t', 'deps'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  let current = null;
  for (const line of text.split('\n')) {
    const head = /^(\S.*): #deps \d+, deps mtime \d+ \((\w+)\)/.exec(line);
    if (head) {
      current = head[2] === 'VALID' ? [] : null;
      if (current) deps.set(head[1], current);
    } else if (current && line.trim()) current.push(path.resolve(build, line.trim()));
  }
} catch {
  // no ninja deps: nothing is cached
}
const digests = new Map();
const digest = (f) => {
  if (!digests.has(f)) {
    try {
      digests.set(f, createHash('sha256').update(fs.readFileSync(f)).digest('hex'));
    } catch {
      digests.set(f, 'missing');
    }
  }
  return digests.get(f);
};
const config = fs.readFileSync(path.join(root, '.clang-tidy'), 'utf8');
for (const f of files) {
  const e = entries.get(f);
  const d = e.object && deps.get(e.object);
  let key = '-';
  if (d && d.length) {
    // The to-fix entries that matter to this file: itself and the headers it includes.
    const relevant = d.map(rel).filter((r) => listed.has(r)).sort();
    const h = createHash('sha256').update(`${version}\n${config}\n${relevant.join(' ')}\n${e.command}\n${f}\n`);
    for (const dep of d) h.update(`${dep} ${digest(dep)}\n`);
    key = h.digest('hex');
  }
  console.log(`${key}\t${f}`);
}
JS

# Warnings located in a file of the to-fix list are not counted.
sed 's/#.*//; s/[[:space:]]*$//; /^$/d' scripts/tidy-to-fix.txt > "$WORK/to-fix"
find "$CACHE" -type f -mtime +30 -delete
total=$(wc -l < "$WORK/plan")
: > "$WORK/run"
cached=0
while IFS=$'\t' read -r key file; do
  if [ -z "$FIX" ] && [ "$key" != - ] && [ -f "$CACHE/$key" ]; then cached=$((cached + 1)); else echo "$key $file" >> "$WORK/run"; fi
done < "$WORK/plan"
todo=$(wc -l < "$WORK/run")
echo "tidy: $total files, $cached unchanged since they passed, $todo to check with -j$JOBS"

# Diagnostic lines on stdin, without those located in a file still to fix.
counted() { awk -v list="$WORK/to-fix" 'BEGIN { while ((getline f < list) > 0) skip[f] = 1 } { split($0, p, ":") } !(p[1] in skip)'; }
# One clang-tidy per file; its diagnostics go to WORK/<n>.out.
check() {  # key file
  local key=$1 file=$2 out status=0
  out="$WORK/$(echo "$file" | tr / _).out"
  clang-tidy -p "$BUILD" --quiet ${FIX:+--fix} ${EXTRA:+"$EXTRA"} "$file" > "$out" 2> "$out.err" || status=$?
  # Diagnostics, without those located in a file still to fix.
  grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$out" | sed "s|^$ROOT/||" | counted > "$out.counted" || true
  if [ -s "$out.counted" ]; then
    echo "tidy: $file: $(wc -l < "$out.counted") warnings"
  elif [ "$status" != 0 ] && ! grep -qE ': (warning|error): ' "$out"; then
    echo "tidy: $file: clang-tidy failed (exit $status):"
    tail -5 "$out.err"
    echo "clang-tidy failed" > "$out.counted"
  elif [ "$key" != - ] && [ -z "$FIX" ]; then
    touch "$CACHE/$key"
  fi
}
export -f check counted
export BUILD ROOT WORK CACHE FIX EXTRA
start=$(date +%s)
[ "$todo" = 0 ] || xargs -P "$JOBS" -L 1 bash -c 'check "$0" "$1"' < "$WORK/run"

# Every counted diagnostic once (a header's warning is reported by each file including it).
cat "$WORK"/*.counted 2> /dev/null | sort -u > "$WORK/all" || true
if [ -s "$WORK/all" ]; then
  # Each counted diagnostic once, with the source line and caret clang-tidy printed under it.
  cat "$WORK"/*.out | sed "s|^$ROOT/||" | awk -v list="$WORK/to-fix" '
    BEGIN { while ((getline f < list) > 0) skip[f] = 1 }
    /^[^ ]+:[0-9]+:[0-9]+: (warning|error|note): / {
      if ($0 ~ /: note: /) { keep = keep && 1 } else { split($0, p, ":"); keep = !(p[1] in skip) && !seen[$0]++ }
    }
    keep' | head -400
  echo "tidy: $(wc -l < "$WORK/all") warnings in $(cut -d: -f1 "$WORK/all" | sort -u | wc -l) files ($(($(date +%s) - start)) s)."
  echo "tidy: fix them (scripts/tidy.sh --fix FILE.cc applies clang-tidy's own fixes; NOLINT(check) with a reason where the check is wrong)"
  exit 1
fi
echo "tidy: no warnings ($(($(date +%s) - start)) s)"
