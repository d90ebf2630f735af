#!/usr/bin/env node
// After ctest: every test of the last run that skipped something, with the reason it gave, so
// that `make test` ends by saying what did not run (CTest itself lists the names only).
// Reads BUILD_DIR/Testing/Temporary/LastTest.log; the reasons are GTEST_SKIP() messages, the
// "SKIPPED ..." lines of tests/node-test.mjs and of the benchmarks' smoke runs.
//   node scripts/skipped-tests.mjs [BUILD_DIR]   (default build-test; always exits 0)
import fs from 'node:fs';
import path from 'node:path';

const log = path.join(process.argv[2] ?? 'build-test', 'Testing/Temporary/LastTest.log');
if (!fs.existsSync(log)) process.exit(0);
const found = [];
let test = null;
let previous = '';
for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
  const start = /^\d+\/\d+ Testing: (.+)$/.exec(line);
  if (start) test = start[1];
  else if (test && /^\S+:\d+: Skipped$/.test(previous) && line.trim()) found.push(`${test}: ${line.trim()}`);
  else if (test && /^SKIPPED /.test(line)) found.push(`${test}: ${line.slice('SKIPPED '.length)}`);
  previous = line;
}
const unique = [...new Set(found)];
if (unique.length) {
  console.log(`SKIPPED in this run (${unique.length}):`);
  for (const s of unique) console.log(`  ${s}`);
}
else console.log('SKIPPED in this run: nothing');
