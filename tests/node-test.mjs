// Runs Node's test runner on the given test files, one at a time, with the TAP reporter
// (what CTest logs), and turns "passed, but some tests were skipped" into exit status 77,
// which CTest reports as Skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt) instead of
// Passed; every skipped test is listed with its reason at the end.
//   node tests/node-test.mjs FILE.test.mjs...
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tests/node-test.mjs FILE.test.mjs...');
  process.exit(2);
}
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
const skipped = [];
const lines = readline.createInterface({ input: child.stdout });
lines.on('line', (line) => {
  console.log(line);
  const skip = /^\s*ok \d+ - (.*?) # SKIP\b\s*(.*)$/.exec(line);
  if (skip) skipped.push(`${skip[1]}: ${skip[2] || 'no reason given'}`);
});
const [[code, signal]] = await Promise.all([
  new Promise((resolve) => child.on('exit', (...args) => resolve(args))),
  new Promise((resolve) => lines.on('close', resolve)),
]);
if (signal) {
  console.log(`node-test: the test runner was killed by ${signal}`);
  process.exit(1);
}
if (code !== 0) process.exit(code ?? 1);
if (skipped.length === 0) process.exit(0);
for (const s of skipped) console.log(`SKIPPED ${s}`);
console.log(`node-test: ${skipped.length} test(s) SKIPPED (reasons above); the others passed`);
process.exit(77);
