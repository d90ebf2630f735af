#!/usr/bin/env node
// Layering check: fails when a C++ file includes a module it must not use.
// Reads the #include lines of src/, tools/paysim/, bench/ and fuzz/; the rules are the
// tables below (docs/ARCHITECTURE.md, CONTRIBUTING.md: dependencies point down).
//
//   node scripts/check-layering.mjs            check the repository (exit 1 on a violation)
//   node scripts/check-layering.mjs --strict   the same, ignoring the TO_REMOVE list below
//   node scripts/check-layering.mjs --table    print what each module may include
//   node scripts/check-layering.mjs DIR        check another tree laid out the same way
//
// Fix a violation by calling a lower module's interface (or moving the code down), not by
// adding to the tables; a new module gets its line in LAYERS.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Layers, lowest first. A module may include the modules of every lower layer, and of its own
// layer only those named in PEERS; never a module of a higher layer.
export const LAYERS = [
  ['core'],
  ['net', 'storage'],
  ['tlog'],
  ['audit'],
  ['identity'],
  ['origin', 'registry', 'trust', 'render'],
  ['pki'],
  ['certificates'],
  ['payments'],
  ['http', 'api'],
  ['app'],
  ['testkit'], // test-only (TEST_ONLY below)
];

// Includes between modules of one layer (the other never includes back).
export const PEERS = {
  registry: ['origin'], // products and approvals are per regime of origin
  api: ['http'],
};

// Modules that may include less than their layer allows (the list is complete for them),
// and the tools outside src/ (their folder is the include prefix: "paysim/sim.h").
export const ONLY = {
  origin: ['core'], // the rules engine is pure: facts in, verdict out
  trust: ['core'], // codecs and signatures, fuzzed on their own (fuzz/)
  render: ['core'], // drawing only: PDF and QR from the data it is given
  http: ['core'], // the generic server, reused by tools/paysim: no domain module
  paysim: ['core', 'net', 'http'], // tools/paysim plays the providers: never payments/
  fuzz: ['core', 'trust'],
  bench: ['*'], // any module but testkit
};

// Headers only some files may include (path prefixes relative to the repository).
export const RESTRICTED = [
  { header: /^boost\/(beast|asio)\b/, allowed: ['src/http/server.cc'], why: 'Beast/Asio only in http/server.cc' },
  { header: /^sqlite3\.h$/, allowed: ['src/storage/sqlite_db.cc'], why: 'SQLite only in storage/sqlite_db.cc' },
  { header: /^(libpq-fe\.h|postgresql\/|pqxx\/)/, allowed: ['src/storage/'], why: 'libpq only in storage/' },
  {
    header: /^storage\/sqlite_db\.h$/,
    allowed: ['src/storage/', 'src/app/', 'src/testkit/', 'bench/', 'tools/'],
    tests: true,
    why: 'domain code sees storage/db.h; the SQLite backend is chosen by app/',
  },
];

// Test files (*_test.cc, *_test.h, *_fixture.h/.cc, test_util.h/.cc): they may include the
// test kit besides what their module may include.
export const isTestFile = (file) => /(_test\.(cc|h)|_fixture\.(h|cc)|(^|\/)test_util\.(h|cc))$/.test(file);

// TO REMOVE: known violations allowed while their module is being fixed (empty since issue 11).
// Each entry is "file -> included header". Keep it empty; --strict ignores it.
export const TO_REMOVE = [];

// ---------------------------------------------------------------------------------------

const SOURCE_EXT = /\.(cc|h|cpp|hpp|inc)$/;
const ROOTS = ['src', 'tools/paysim', 'bench', 'fuzz'];

function layerOf(module) {
  return LAYERS.findIndex((layer) => layer.includes(module));
}

// What `module` may include (other than itself), or null for an unknown module.
export function allowedFor(module) {
  const all = LAYERS.flat();
  if (ONLY[module]) return ONLY[module].includes('*') ? all.filter((m) => m !== 'testkit') : ONLY[module];
  const layer = layerOf(module);
  if (layer < 0) return null;
  return [...LAYERS.slice(0, layer).flat(), ...(PEERS[module] ?? [])];
}

function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE_EXT.test(entry.name)) out.push(full);
  }
  return out;
}

// The module a repository-relative file belongs to.
function moduleOfFile(rel) {
  const parts = rel.split('/');
  if (parts[0] === 'src') return parts[1];
  if (parts[0] === 'tools') return parts[1];
  return parts[0]; // bench, fuzz
}

// Checks the tree at `root`; returns { violations: [{file, line, header, message}], stale, files }.
export function checkTree(root, { toRemove = TO_REMOVE } = {}) {
  const problems = [];
  const modules = new Set([...LAYERS.flat(), ...Object.keys(ONLY)]);
  // Every folder of src/ is a module and must have its place in LAYERS.
  const src = path.join(root, 'src');
  if (fs.existsSync(src)) {
    for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
      if (entry.isDirectory() && !modules.has(entry.name)) {
        problems.push({
          file: `src/${entry.name}`,
          line: 0,
          header: '',
          message: `module ${entry.name} is not in LAYERS of scripts/check-layering.mjs: give it its layer`,
        });
      }
    }
  }
  const files = ROOTS.flatMap((r) => walk(path.join(root, r), []))
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    const from = moduleOfFile(file);
    const test = isTestFile(file);
    const allowed = allowedFor(from);
    if (!allowed) continue; // an unknown module: reported above
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((text, i) => {
      const m = /^\s*#\s*include\s*([<"])([^">]+)[">]/.exec(text);
      if (!m) return;
      const header = m[2];
      const add = (message) => problems.push({ file, line: i + 1, header, message });
      for (const rule of RESTRICTED) {
        if (!rule.header.test(header)) continue;
        const ok = rule.allowed.some((p) => file === p || (p.endsWith('/') && file.startsWith(p)));
        if (!ok && !(rule.tests && test)) add(`${rule.why}`);
      }
      if (m[1] !== '"' || !header.includes('/')) return;
      const to = header.split('/')[0];
      if (!modules.has(to) || to === from) return;
      if (header.split('/')[1] === 'internal') {
        add(`${to}/internal/ is private to ${to}`);
        return;
      }
      if (to === 'testkit') {
        if (!test && from !== 'testkit') add('the test kit is for test files only (*_test.cc, *_fixture.h, test_util.*)');
        return;
      }
      if (!allowed.includes(to)) {
        const why =
          layerOf(to) > layerOf(from) && !ONLY[from]
            ? `${to} is above ${from}: dependencies point down`
            : `${from} may include only ${allowed.length ? allowed.join(', ') : 'its own files'}`;
        add(`${from}${test ? ' (test)' : ''} must not include ${to}/: ${why}`);
      }
    });
  }
  const key = (p) => `${p.file} -> ${p.header}`;
  const found = new Set(problems.map(key));
  const excused = new Set(toRemove);
  return {
    files: files.length,
    violations: problems.filter((p) => !excused.has(key(p))),
    excused: problems.filter((p) => excused.has(key(p))),
    stale: toRemove.filter((e) => !found.has(e)),
  };
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const args = argv.filter((a) => !a.startsWith('--'));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(args[0] ?? path.join(here, '..'));
  if (flags.has('--table')) {
    for (const m of [...LAYERS.flat(), ...Object.keys(ONLY).filter((m) => layerOf(m) < 0)]) {
      const allowed = allowedFor(m);
      console.log(`${m.padEnd(13)} may include ${allowed.length ? allowed.join(', ') : '(no other module)'}`);
    }
    return 0;
  }
  const result = checkTree(root, { toRemove: flags.has('--strict') ? [] : TO_REMOVE });
  for (const p of result.violations) console.log(`${p.file}:${p.line}: ${p.header ? `#include "${p.header}": ` : ''}${p.message}`);
  for (const e of result.stale) console.log(`layering: "${e}" is fixed: delete it from TO_REMOVE in scripts/check-layering.mjs`);
  if (result.excused.length) {
    console.log(`layering: ${result.excused.length} known violations still to remove (TO_REMOVE in scripts/check-layering.mjs)`);
  }
  if (result.violations.length) {
    console.log(`layering: ${result.violations.length} forbidden includes in ${result.files} files (scripts/check-layering.mjs --table shows the rules)`);
    return 1;
  }
  console.log(`layering: ${result.files} files, every include points down`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
