// The layering checker itself (scripts/check-layering.mjs), on small trees written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYERS, ONLY, allowedFor, checkTree } from '../../scripts/check-layering.mjs';

const script = fileURLToPath(new URL('../../scripts/check-layering.mjs', import.meta.url));

// A tree with one file per module of LAYERS (all clean), plus `files` {path: content}.
function tree(files = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'origine-layering-'));
  const base = {};
  for (const m of LAYERS.flat()) base[`src/${m}/${m}.h`] = '#pragma once\n#include <string>\n';
  base['src/core/result.h'] = '#pragma once\n';
  base['src/storage/db.h'] = '#pragma once\n#include "core/result.h"\n';
  base['src/payments/service.cc'] = '#include "payments/payments.h"\n#include "certificates/certificates.h"\n';
  base['src/api/api.cc'] = '#include "http/http.h"\n#include "payments/payments.h"\n';
  base['tools/paysim/sim.cc'] = '#include "paysim/sim.h"\n#include "http/http.h"\n#include "net/net.h"\n';
  for (const [file, content] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const messages = (root, options = { toRemove: [] }) => checkTree(root, options).violations.map((v) => `${v.file}: ${v.message}`);

test('a clean tree passes', () => {
  assert.deepEqual(messages(tree()), []);
});

test('an include of a higher module fails', () => {
  const root = tree({ 'src/storage/row.cc': '#include "storage/db.h"\n#include "identity/identity.h"\n' });
  assert.deepEqual(messages(root), [
    'src/storage/row.cc: storage must not include identity/: identity is above storage: dependencies point down',
  ]);
});

test('a domain module including http/ fails; api may', () => {
  const root = tree({ 'src/payments/log.cc': '#include "http/http.h"\n' });
  assert.equal(messages(root).length, 1);
  assert.match(messages(root)[0], /^src\/payments\/log\.cc: payments must not include http\//);
});

test('a module of the same layer fails unless it is a listed peer', () => {
  assert.deepEqual(messages(tree({ 'src/registry/a.cc': '#include "origin/origin.h"\n' })), []);
  assert.match(messages(tree({ 'src/origin/a.cc': '#include "registry/registry.h"\n' }))[0], /origin must not include registry\//);
  assert.match(messages(tree({ 'src/trust/a.cc': '#include "render/render.h"\n' }))[0], /trust must not include render\//);
});

test('internal/ headers are private to their module', () => {
  const root = tree({
    'src/api/internal/json_io.h': '#pragma once\n',
    'src/api/routes.cc': '#include "api/internal/json_io.h"\n',
    'src/app/main.cc': '#include "api/internal/json_io.h"\n',
  });
  assert.deepEqual(messages(root), ['src/app/main.cc: api/internal/ is private to api']);
});

test('the test kit only from test files', () => {
  const root = tree({
    'src/tlog/log_test.cc': '#include "testkit/testkit.h"\n',
    'src/tlog/test_util.cc': '#include "testkit/testkit.h"\n',
    'src/tlog/log_fixture.h': '#include "testkit/testkit.h"\n',
    'src/tlog/log.cc': '#include "testkit/testkit.h"\n',
  });
  assert.deepEqual(messages(root), ['src/tlog/log.cc: the test kit is for test files only (*_test.cc, *_fixture.h, test_util.*)']);
});

test('Beast, sqlite3.h, libpq and the SQLite backend only where they belong', () => {
  const root = tree({
    'src/http/server.cc': '#include <boost/beast/http.hpp>\n#include <boost/asio.hpp>\n',
    'src/http/router.cc': '#include <boost/asio.hpp>\n',
    'src/storage/sqlite_db.cc': '#include <sqlite3.h>\n',
    'src/payments/store.cc': '#include <sqlite3.h>\n#include "storage/sqlite_db.h"\n#include <libpq-fe.h>\n',
    'src/payments/store_test.cc': '#include "storage/sqlite_db.h"\n',
    'src/app/platform.cc': '#include "storage/sqlite_db.h"\n',
  });
  assert.deepEqual(messages(root), [
    'src/http/router.cc: Beast/Asio only in http/server.cc',
    'src/payments/store.cc: SQLite only in storage/sqlite_db.cc',
    'src/payments/store.cc: domain code sees storage/db.h; the SQLite backend is chosen by app/',
    'src/payments/store.cc: libpq only in storage/',
  ]);
});

test('tools: paysim never includes payments/, fuzz only trust', () => {
  const root = tree({
    'tools/paysim/page.cc': '#include "payments/payments.h"\n',
    'fuzz/cose_fuzzer.cc': '#include "trust/trust.h"\n#include "storage/db.h"\n',
    'bench/hs_bench.cc': '#include "app/app.h"\n#include "registry/registry.h"\n',
  });
  assert.deepEqual(messages(root), [
    'fuzz/cose_fuzzer.cc: fuzz must not include storage/: fuzz may include only core, trust',
    'tools/paysim/page.cc: paysim must not include payments/: paysim may include only core, net, http',
  ]);
});

test('a folder of src/ that is not in LAYERS fails', () => {
  assert.deepEqual(messages(tree({ 'src/stats/stats.cc': '#include "core/result.h"\n' })), [
    'src/stats: module stats is not in LAYERS of scripts/check-layering.mjs: give it its layer',
  ]);
});

test('TO_REMOVE excuses exactly its entries and reports the fixed ones', () => {
  const root = tree({ 'src/audit/audit_test.cc': '#include "app/app.h"\n' });
  const r = checkTree(root, {
    toRemove: ['src/audit/audit_test.cc -> app/app.h', 'src/pki/pki_test.cc -> app/app.h'],
  });
  assert.deepEqual(r.violations, []);
  assert.equal(r.excused.length, 1);
  assert.deepEqual(r.stale, ['src/pki/pki_test.cc -> app/app.h']);
});

test('the command exits 1 on a violation and names the line', () => {
  const bad = tree({ 'src/core/clock.cc': '#include <chrono>\n\n#include "storage/db.h"\n' });
  const r = spawnSync(process.execPath, [script, '--strict', bad], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^src\/core\/clock\.cc:3: #include "storage\/db\.h": core must not include storage\//m);
  const good = spawnSync(process.execPath, [script, '--strict', tree()], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
});

test('the rules have no cycle: no two modules may include each other', () => {
  const modules = [...LAYERS.flat(), ...Object.keys(ONLY)];
  for (const a of modules) {
    for (const b of allowedFor(a)) {
      assert.ok(!allowedFor(b)?.includes(a), `${a} and ${b} may include each other`);
    }
  }
});
