// Keyset paging of the long listings (docs/formats/api.md "Paging"):
// applications, certificates, payments and ledger entries. Walking the pages
// returns every item exactly once, newest first, also while new items arrive;
// a bad cursor or limit is a 400 problem naming the field; every page keeps
// the caller's rights (an exporter never sees another company's items).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sesame, payApplication } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function login(email) {
  const c = new Client(server.base);
  await c.login(email);
  return c;
}

async function submitted(exporter, invoice) {
  const created = await exporter.request('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: invoice, date: '2026-11-20' } } });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const sub = await exporter.request('POST', `/api/v1/applications/${created.data.id}/submit`);
  assert.equal(sub.status, 200, JSON.stringify(sub.data));
  return created.data.id;
}

// Every page of `path` (which may carry other query parameters) with `limit`;
// `between(pageNo)` runs after each page. Returns the pages' bodies.
async function walk(client, path, limit, { between } = {}) {
  const pages = [];
  let cursor = null;
  for (let n = 0; n < 1000; n++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await client.request('GET', url);
    assert.equal(r.status, 200, `${url}: ${JSON.stringify(r.data)}`);
    assert.ok('next_cursor' in r.data, `${url} has no next_cursor`);
    pages.push(r.data);
    if (between) await between(n);
    if (r.data.next_cursor === null) return pages;
    assert.equal(typeof r.data.next_cursor, 'string');
    cursor = r.data.next_cursor;
  }
  throw new Error(`${path}: more than 1000 pages`);
}

const key = (path) => (path.includes('certificates') ? (x) => x.number : path.includes('payments') ? (x) => x.reference : (x) => x.id);

// The walk returns exactly the one-page listing, in its order, each item once.
async function assertWalkMatchesOnePage(client, path, limit, bigLimit, field = 'items') {
  const sep = path.includes('?') ? '&' : '?';
  const one = await client.request('GET', `${path}${sep}limit=${bigLimit}`);
  assert.equal(one.status, 200);
  assert.equal(one.data.next_cursor, null, `${path}: the reference listing must fit one page`);
  const pages = await walk(client, path, limit);
  const k = key(path);
  const walked = pages.flatMap((p) => p[field].map(k));
  assert.ok(pages.length > 1, `${path}: expected more than one page of ${limit}, got ${walked.length} items`);
  for (const p of pages) assert.ok(p[field].length <= limit);
  assert.equal(new Set(walked).size, walked.length, `${path}: an item appeared twice`);
  assert.deepEqual(walked, one.data[field].map(k));
  return { pages, items: pages.flatMap((p) => p[field]) };
}

async function isBadRequest(r, field) {
  assert.equal(r.status, 400, JSON.stringify(r.data));
  assert.match(r.type, /application\/problem\+json/);
  assert.equal(r.data.status, 400);
  assert.ok(r.data.errors?.some((e) => e.field === field), `expected an error naming ${field}: ${JSON.stringify(r.data)}`);
}

let exporter, exporter2, agent, admin, auditor;

test('setup: more applications and payments than one small page', async () => {
  exporter = await login('exportateur@demo.ml');
  exporter2 = await login('exportateur2@demo.ml');
  agent = await login('agent@demo.ml');
  admin = await login('admin@demo.ml');
  auditor = await login('auditeur@demo.ml');
  for (let k = 0; k < 3; k++) await payApplication(exporter, server, await submitted(exporter, `FAC-PG-${k}`), { provider: k % 2 ? 'wave' : 'orange' });
  for (let k = 0; k < 2; k++) await payApplication(exporter2, server, await submitted(exporter2, `FAC-PG2-${k}`), { provider: 'cinetpay' });
});

test('applications: every page once, newest first; exporters see only their company on every page', async () => {
  const staff = await assertWalkMatchesOnePage(agent, '/api/v1/applications', 2, 500);
  const own = await assertWalkMatchesOnePage(exporter, '/api/v1/applications', 2, 500);
  const other = await assertWalkMatchesOnePage(exporter2, '/api/v1/applications', 1, 500);
  const companyOf = (items) => new Set(items.map((a) => a.company.id));
  assert.equal(companyOf(own.items).size, 1);
  assert.equal(companyOf(other.items).size, 1);
  assert.notDeepEqual([...companyOf(own.items)], [...companyOf(other.items)]);
  assert.equal(staff.items.length, own.items.length + other.items.length);
  // Sorted by updated_at then id, both descending.
  for (let i = 1; i < staff.items.length; i++) {
    const a = staff.items[i - 1], b = staff.items[i];
    assert.ok(a.updated_at > b.updated_at || (a.updated_at === b.updated_at && a.id > b.id), `${a.id} before ${b.id}`);
  }
  // A filter pages too.
  await assertWalkMatchesOnePage(agent, '/api/v1/applications?status=submitted', 2, 500);
  // The default page is 500 items: one page here.
  const all = await exporter.request('GET', '/api/v1/applications');
  assert.equal(all.data.items.length, own.items.length);
  assert.equal(all.data.next_cursor, null);
  // Another exporter's cursor gives nothing of this company's away: the
  // position is re-filtered by the caller's rights.
  const theirCursor = (await exporter.request('GET', '/api/v1/applications?limit=1')).data.next_cursor;
  const seenByOther = await walk(exporter2, `/api/v1/applications?cursor=${encodeURIComponent(theirCursor)}`, 500);
  for (const p of seenByOther) for (const a of p.items) assert.notEqual(a.company.id, own.items[0].company.id);
});

test('certificates: every page once; exporters see only their own', async () => {
  const staff = await assertWalkMatchesOnePage(agent, '/api/v1/certificates', 1, 500);
  const own = await assertWalkMatchesOnePage(exporter, '/api/v1/certificates', 1, 500);
  const other = (await walk(exporter2, '/api/v1/certificates', 1)).flatMap((p) => p.items);
  assert.ok(other.length >= 1);
  const mine = new Set(own.items.map((c) => c.number));
  for (const c of other) assert.ok(!mine.has(c.number), `${c.number} leaked to another exporter`);
  assert.equal(staff.items.length, own.items.length + other.length);
});

test('payments: every page once, also while new payments arrive; filters page; staff only', async () => {
  const before = await assertWalkMatchesOnePage(admin, '/api/v1/payments', 2, 500);
  await assertWalkMatchesOnePage(agent, '/api/v1/payments?state=succeeded', 3, 500);
  // A payment made between two pages appears neither twice nor shifts them.
  let fresh = null;
  const pages = await walk(admin, '/api/v1/payments', 2, {
    between: async (n) => { if (n === 0) fresh = (await payApplication(exporter, server, await submitted(exporter, 'FAC-PG-LIVE'))).id; },
  });
  const walked = pages.flatMap((p) => p.items.map((x) => x.reference));
  assert.deepEqual(walked, before.items.map((x) => x.reference));
  const after = await assertWalkMatchesOnePage(admin, '/api/v1/payments', 2, 500);
  assert.equal(after.items.length, before.items.length + 1);
  assert.equal(after.items[0].application_id, fresh);
  // Exporters list their payments per application, never the whole list.
  assert.equal((await exporter.request('GET', '/api/v1/payments')).status, 403);
  assert.equal((await exporter.request('GET', `/api/v1/payments?limit=2&cursor=${encodeURIComponent(pages[0].next_cursor)}`)).status, 403);
});

test('ledger: entries page; balances and the balance check cover the whole ledger on every page', async () => {
  const whole = await admin.request('GET', '/api/v1/ledger?limit=1000');
  assert.equal(whole.status, 200);
  assert.equal(whole.data.next_cursor, null);
  assert.equal(whole.data.balanced, true);
  const { pages, items } = await assertWalkMatchesOnePage(admin, '/api/v1/ledger', 2, 1000, 'entries');
  for (const p of pages) {
    assert.deepEqual(p.balances, whole.data.balances);
    assert.equal(p.balanced, true);
    assert.deepEqual(p.unbalanced_entries, []);
  }
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].id > items[i].id);
  for (const e of items) assert.equal(e.lines.reduce((s, l) => s + l.amount_xof, 0), 0, `entry ${e.id} lines`);
  // Revenue = minus the sum of the payment entries' revenue lines, over all pages.
  const revenue = items.flatMap((e) => e.lines).filter((l) => l.account === 'Revenue:CertificateFees').reduce((s, l) => s + l.amount_xof, 0);
  assert.equal(whole.data.balances['Revenue:CertificateFees'], revenue);
  // Default page: 200 entries.
  assert.equal((await admin.request('GET', '/api/v1/ledger')).data.entries.length, Math.min(items.length, 200));
  assert.equal((await agent.request('GET', '/api/v1/ledger?limit=2')).status, 403);
  assert.equal((await auditor.request('GET', '/api/v1/ledger?limit=2')).status, 403);
  assert.equal((await exporter.request('GET', '/api/v1/ledger?limit=2')).status, 403);
});

test('a bad cursor or limit is a 400 problem naming the field', async () => {
  const payCursor = (await admin.request('GET', '/api/v1/payments?limit=1')).data.next_cursor;
  const ledgerCursor = (await admin.request('GET', '/api/v1/ledger?limit=1')).data.next_cursor;
  const appCursor = (await agent.request('GET', '/api/v1/applications?limit=1')).data.next_cursor;
  assert.ok(payCursor && ledgerCursor && appCursor);
  const enc = encodeURIComponent;
  for (const [client, url] of [
    [admin, `/api/v1/payments?cursor=garbage!`],
    [admin, `/api/v1/payments?cursor=`],
    [admin, `/api/v1/payments?cursor=${enc(ledgerCursor)}`],       // another listing's cursor
    [admin, `/api/v1/payments?cursor=${enc(payCursor.slice(0, -2) + (payCursor.endsWith('A') ? 'BB' : 'AA'))}`],
    [admin, `/api/v1/ledger?cursor=${enc(payCursor)}`],
    [agent, `/api/v1/applications?cursor=${enc(payCursor)}`],
    [agent, `/api/v1/certificates?cursor=${enc(appCursor)}`],
    [exporter, `/api/v1/applications?cursor=${'A'.repeat(400)}`],
  ]) await isBadRequest(await client.request('GET', url), 'cursor');
  for (const [client, url] of [
    [admin, '/api/v1/payments?limit=0'],
    [admin, '/api/v1/payments?limit=501'],
    [admin, '/api/v1/payments?limit=abc'],
    [admin, '/api/v1/payments?limit='],
    [admin, '/api/v1/payments?limit=-5'],
    [admin, '/api/v1/ledger?limit=1001'],
    [admin, '/api/v1/ledger?limit=1.5'],
    [agent, '/api/v1/applications?limit=501'],
    [exporter, '/api/v1/certificates?limit=0'],
  ]) await isBadRequest(await client.request('GET', url), 'limit');
  // The largest limits are accepted.
  assert.equal((await admin.request('GET', '/api/v1/ledger?limit=1000')).status, 200);
  assert.equal((await admin.request('GET', '/api/v1/payments?limit=500')).status, 200);
});
