// The staff money pages in a real browser: the real server (demo data) with the real payment
// simulator as its providers. Admin: payments list and detail (receipt), a provider statement
// downloaded from the simulator and imported through the page (classes, CSV), a bad file (French
// error, nothing stored), Wave fetched through the API, a refund, the Treasury report (PDF) and
// the ledger. Auditor: reads without action buttons. Agent: payments only. Exporter: no nav
// item, "Accès refusé" on a direct URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, payApplication, sesame } from '../integration/server.mjs';
import { PASSWORD, login, startHarness } from './harness.mjs';

let h;
let admin;
let files;
const paid = {};
const today = new Date().toISOString().slice(0, 10);
const xof = (n) => new RegExp(`${new Intl.NumberFormat('fr-FR').format(n).replace(/\s/g, '\\s')}\\sFCFA`);

before(async () => {
  h = await startHarness({ paysim: true });
  files = mkdtempSync(join(tmpdir(), 'origine-staff-e2e-'));
  const exporter = new Client(h.base);
  await exporter.login('exportateur@demo.ml', PASSWORD);
  admin = new Client(h.base);
  await admin.login('admin@demo.ml', PASSWORD);
  // Two fresh applications paid at the simulator: one Orange, one Wave.
  for (const provider of ['orange', 'wave']) {
    const id = (await exporter.request('POST', '/api/v1/applications', { body: sesame() })).data.id;
    const sub = await exporter.request('POST', `/api/v1/applications/${id}/submit`);
    assert.equal(sub.status, 200, JSON.stringify(sub.data));
    await payApplication(exporter, { paysim: h.paysim }, id, { provider });
    const intents = (await exporter.request('GET', `/api/v1/applications/${id}/payments`)).data.items;
    paid[provider] = intents.find((i) => i.state === 'succeeded');
    assert.ok(paid[provider], `no succeeded ${provider} payment for ${id}`);
  }
});

after(async () => {
  if (files) rmSync(files, { recursive: true, force: true });
  await h?.stop();
});

const nav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
const tabs = (page) => page.getByRole('navigation', { name: 'Finances' });
const count = (page, cls) => page.locator(`[data-testid="class-counts"] [data-class="${cls}"] .class-count-n`);

test('admin: the payments list, a filter, a payment and its receipt', async () => {
  const all = (await admin.request('GET', '/api/v1/payments')).data.items;
  // The demo seed paid its applications through the simulator too.
  const demo = all.find((p) => p.state === 'succeeded' && p.reference !== paid.orange.reference && p.reference !== paid.wave.reference);
  assert.ok(demo, 'the demo data has paid applications');
  await h.withContext('staff-payments', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await nav(page).getByRole('link', { name: 'Finances' }).click();
    await page.getByRole('heading', { name: 'Paiements', level: 1 }).waitFor();
    const row = page.locator(`tr[data-reference="${paid.orange.reference}"]`);
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Orange Money/);
    assert.match(text, /Payé/);
    assert.match(text, xof(paid.orange.amount_xof));
    assert.match(text, new RegExp(`Demande n° ${paid.orange.application_id}`));
    await page.locator(`tr[data-reference="${demo.reference}"]`).waitFor();
    // Newest first: our Wave payment (the last one made) is the first row.
    assert.equal(await page.locator('[data-testid="payments-table"] tbody tr').first().getAttribute('data-reference'), paid.wave.reference);

    // Filter: only refunded ones (none yet).
    await page.getByLabel('État').selectOption({ label: 'Remboursé' });
    await page.waitForURL((u) => u.search === '?state=refunded');
    await page.getByText('Aucun paiement dans cet état.').waitFor();
    await page.getByLabel('État').selectOption({ label: 'Payé' });
    await page.locator(`tr[data-reference="${paid.orange.reference}"]`).waitFor();

    await page.locator(`tr[data-reference="${paid.orange.reference}"] a.mono`).click();
    await page.waitForURL(`${h.base}/payments/${paid.orange.reference}`);
    assert.equal((await page.getByTestId('payment-state').innerText()).trim(), 'Payé');
    const receipt = page.getByRole('link', { name: /Télécharger le reçu RC-\d{4}-\d{6} \(PDF\)/ });
    const res = await page.request.get(h.base + (await receipt.getAttribute('href')));
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    assert.equal((await res.body()).subarray(0, 5).toString(), '%PDF-');
  });
});

test('paging: "Suivant" walks the payments by cursor, "Plus" the ledger entries, without repeats', async () => {
  const first = (await admin.request('GET', '/api/v1/payments?limit=2')).data;
  assert.equal(typeof first.next_cursor, 'string', 'more than two payments: a next page');
  // Every payment, newest first, as the API pages them.
  const all = [];
  for (let cursor = null, page = first; ; ) {
    all.push(...page.items.map((p) => p.reference));
    cursor = page.next_cursor;
    if (typeof cursor !== 'string') break;
    page = (await admin.request('GET', `/api/v1/payments?limit=2&cursor=${encodeURIComponent(cursor)}`)).data;
  }
  const ledger = (await admin.request('GET', '/api/v1/ledger?limit=1000')).data.entries.map((e) => String(e.id));
  assert.ok(ledger.length > 3);
  await h.withContext('staff-paging', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    const refs = () => page.locator('[data-testid="payments-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.reference));
    await page.goto(`${h.base}/payments?limit=2`);
    await page.getByTestId('payments-table').waitFor();
    assert.deepEqual(await refs(), all.slice(0, 2));
    for (let shown = 2; shown < all.length; ) {
      await page.getByRole('button', { name: 'Suivant' }).click();
      shown = Math.min(shown + 2, all.length);
      await page.locator('[data-testid="payments-table"] tbody tr').nth(shown - 1).waitFor();
      assert.deepEqual(await refs(), all.slice(0, shown));
    }
    assert.equal(await page.getByRole('button', { name: 'Suivant' }).count(), 0, 'no "Suivant" on the last page');
    // The ledger: three entries, then three more with "Plus", the balances over the whole ledger.
    const ids = () => page.locator('[data-testid="ledger-entries"] tbody tr td:first-child').allInnerTexts();
    await page.goto(`${h.base}/ledger?limit=3`);
    await page.getByTestId('ledger-entries').waitFor();
    assert.deepEqual(await ids(), ledger.slice(0, 3));
    await page.getByRole('button', { name: 'Plus' }).click();
    await page.locator('[data-testid="ledger-entries"] tbody tr').nth(Math.min(5, ledger.length - 1)).waitFor();
    assert.deepEqual(await ids(), ledger.slice(0, 6));
    const whole = (await admin.request('GET', '/api/v1/ledger?limit=1')).data.balances;
    for (const [account, amount] of Object.entries(whole))
      assert.match(await page.getByTestId('ledger-balances').innerText(), new RegExp(`${account}[\\s\\S]*?${xof(amount).source}`));
    assert.match(await page.getByTestId('ledger-check').innerText(), /Grand livre équilibré/);
  });
});

test('admin: imports an Orange statement from the simulator and downloads the CSV; a bad file is refused in French', async () => {
  // The demo's Orange payments (paid through the simulator by the seed) besides ours.
  const demoOrange = (await admin.request('GET', '/api/v1/payments?state=succeeded')).data.items.filter(
    (p) => p.provider === 'orange' && p.reference !== paid.orange.reference,
  );
  assert.ok(demoOrange.length >= 1, 'the demo data has an Orange payment');
  // The simulator's statement of the day, with a line the platform never initiated and
  // one of the demo's payments left out.
  const plant = await h.paysim.control('POST', '/statements/orange/discrepancies', { date: today, kind: 'extra_line' });
  assert.equal(plant.status, 201, JSON.stringify(plant.data));
  const dropped = await h.paysim.control('POST', '/statements/orange/discrepancies',
    { date: today, kind: 'missing_line', reference: demoOrange[0].reference });
  assert.equal(dropped.status, 201, JSON.stringify(dropped.data));
  const statement = await h.paysim.control('GET', `/statements/orange?date=${today}`);
  assert.equal(statement.status, 200);
  assert.match(statement.data, new RegExp(paid.orange.reference));
  const good = join(files, 'orange.csv');
  writeFileSync(good, statement.data);
  const bad = join(files, 'pas-un-releve.csv');
  writeFileSync(bad, 'bonjour,monde\n1,2\n');
  const empty = join(files, 'vide.csv');
  writeFileSync(empty, '');
  const before = (await admin.request('GET', '/api/v1/reconciliations')).data.items.length;

  await h.withContext('staff-reconcile', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await nav(page).getByRole('link', { name: 'Finances' }).click();
    await tabs(page).getByRole('link', { name: 'Rapprochements' }).click();
    await page.getByRole('heading', { name: 'Importer un relevé' }).waitFor();
    assert.equal(await page.getByLabel('Journée du relevé (UTC)').inputValue(), today);

    // Nothing chosen: French messages next to the fields, no request.
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Choisissez le prestataire.').waitFor();
    await page.getByText('Choisissez le fichier du relevé.').waitFor();

    // A file that is not an Orange statement.
    await page.getByLabel('Prestataire').selectOption({ label: 'Orange Money' });
    assert.equal(await page.getByRole('button', { name: /Récupérer via l.API/ }).count(), 0, 'only Wave is fetched through the API');
    await page.getByLabel('Fichier du relevé').setInputFiles(bad);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Ligne 1 : l’en-tête du relevé ne contient pas toutes les colonnes' }).waitFor();
    const fieldError = await page.locator('#rec-file-err').innerText();
    assert.match(fieldError, /colonne « txnid » absente/);
    assert.match(fieldError, /colonne « amount » absente/);
    // An empty file would mean "fetch it yourself" to the server: refused in the page.
    await page.getByLabel('Fichier du relevé').setInputFiles(empty);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.locator('#rec-file-err').filter({ hasText: 'Le relevé est vide.' }).waitFor();
    assert.equal((await admin.request('GET', '/api/v1/reconciliations')).data.items.length, before, 'nothing stored');

    // The real statement.
    await page.getByLabel('Fichier du relevé').setInputFiles(good);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.waitForURL(/\/reconciliations\/\d+/);
    await page.getByRole('heading', { name: /Rapprochement n° \d+ — Orange Money/ }).waitFor();
    assert.equal(await count(page, 'matched').innerText(), String(demoOrange.length));
    assert.equal(await count(page, 'missing_ours').innerText(), '1');
    assert.equal(await count(page, 'missing_at_provider').innerText(), '1');
    assert.equal(await count(page, 'amount_mismatch').innerText(), '0');
    assert.equal(await count(page, 'fee_variance').innerText(), '0');
    const matched = page.locator('[data-testid="reconciliation-lines"] tr[data-class="matched"]')
      .filter({ hasText: paid.orange.reference.slice(0, 8) });
    assert.match(await matched.innerText(), /Rapproché/);
    assert.match(await page.locator('tr[data-class="missing_ours"]').innerText(), /Absent chez nous/);
    const missing = await page.locator('tr[data-class="missing_at_provider"]').innerText();
    assert.match(missing, /Absent chez le fournisseur/);
    assert.match(missing, new RegExp(demoOrange[0].reference.slice(0, 8)));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger (CSV)' }).click()]);
    assert.match(download.suggestedFilename(), /^rapprochement-\d+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^ligne,transaction,reference,montant_xof,frais_xof,date,classe,libelle,detail\r\n/);
    assert.match(csv, new RegExp(`${paid.orange.reference},${paid.orange.amount_xof},`));

    // The same file again: a French conflict message, still one import.
    await page.getByRole('link', { name: /Retour aux rapprochements/ }).click();
    await page.getByLabel('Prestataire').selectOption({ label: 'Orange Money' });
    await page.getByLabel('Fichier du relevé').setInputFiles(good);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Ce relevé a déjà été importé.' }).waitFor();
    const list = page.locator('[data-testid="reconciliations-table"] tbody tr');
    assert.equal(await list.count(), before + 1);
    const [y, m, d] = today.split('-');
    assert.match(await list.first().innerText(), new RegExp(`Orange Money\\s+${d}/${m}/${y}[\\s\\S]*Fichier importé`));
  });
});

test('admin: Wave statement fetched through the provider API from the page', async () => {
  await h.withContext('staff-wave', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await page.goto(`${h.base}/reconciliations`);
    await page.getByLabel('Prestataire').selectOption({ label: 'Wave' });
    await page.getByRole('button', { name: /Récupérer via l.API/ }).click();
    await page.waitForURL(/\/reconciliations\/\d+/);
    await page.getByRole('heading', { name: /Rapprochement n° \d+ — Wave/ }).waitFor();
    await page.getByText('API du prestataire').waitFor();
    // Ours and the demo's Wave payments (paid through the simulator by the seed).
    const waves = (await admin.request('GET', '/api/v1/payments?state=succeeded')).data.items.filter((p) => p.provider === 'wave');
    assert.equal(await count(page, 'matched').innerText(), String(waves.length));
    await page.locator('tr[data-class="matched"]').filter({ hasText: paid.wave.reference.slice(0, 8) }).waitFor();
  });
});

test('a success after expiry is highlighted as needing action', async (t) => {
  const exporter = new Client(h.base);
  await exporter.login('exportateur@demo.ml', PASSWORD);
  const id = (await exporter.request('POST', '/api/v1/applications', { body: { ...sesame(), invoice: { number: 'FAC-LATE', date: '2026-11-20' } } })).data.id;
  assert.equal((await exporter.request('POST', `/api/v1/applications/${id}/submit`)).status, 200);
  const created = await exporter.request('POST', `/api/v1/applications/${id}/payments`, {
    body: { provider: 'cinetpay' },
    headers: { 'idempotency-key': `late-${id}-e2e` },
  });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const ref = created.data.reference;
  await h.paysim.control('POST', '/faults', { fault: 'late_success', reference: ref, params: { ms: 2500 } });
  assert.equal((await h.paysim.control('POST', `/payments/cinetpay/${ref}/complete`, { outcome: 'success' })).status, 200);
  // The platform sees "expired" first (status query), then the success.
  await exporter.request('POST', `/api/v1/payments/${ref}/check`);
  let state = '';
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    state = (await admin.request('GET', `/api/v1/payments/${ref}`)).data.state;
    if (state === 'late_success' || state === 'succeeded') break;
  }
  if (state !== 'late_success') {
    t.skip(`the success arrived before the platform saw the expiry (${state}): nothing late to show`);
    return;
  }
  await h.withContext('staff-late', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await page.goto(`${h.base}/payments`);
    const row = page.locator(`tr[data-reference="${ref}"]`);
    await row.waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /row-action/);
    assert.match(await row.innerText(), /Paiement tardif/);
    assert.match(await row.innerText(), /Action requise/);
    await page.getByText(/paiement\(s\) reçu\(s\) après expiration : à rembourser/).waitFor();
    await page.getByLabel('État').selectOption({ label: 'Paiement tardif' });
    await page.waitForURL((u) => u.search === '?state=late_success');
    await row.waitFor();
    await row.locator('a.mono').click();
    await page.getByText('Ce paiement est arrivé après l’expiration de la demande de paiement : il doit être remboursé.').waitFor();
    await page.getByRole('button', { name: 'Rembourser' }).waitFor();
  });
});

test('admin: refunds a payment from its page (reason required), then confirms a manual refund', async () => {
  const target = (await admin.request('GET', '/api/v1/payments?state=succeeded')).data.items.find((p) => p.provider === 'cinetpay');
  assert.ok(target, 'the demo data has a CinetPay payment');
  await h.withContext('staff-refund', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await page.goto(`${h.base}/payments/${target.reference}`);
    await page.getByRole('heading', { name: 'Rembourser' }).waitFor();
    await page.getByRole('button', { name: 'Rembourser' }).click();
    await page.locator('#refund-reason-err').filter({ hasText: 'Indiquez le motif du remboursement.' }).waitFor();
    await page.getByLabel('Motif du remboursement').fill('Demande annulée par l’exportateur');
    await page.getByRole('button', { name: 'Rembourser' }).click();
    await page.getByText('Remboursement demandé.').waitFor();
    assert.equal((await page.getByTestId('payment-state').innerText()).trim(), 'Remboursement en cours');
    const now = (await admin.request('GET', `/api/v1/payments/${target.reference}`)).data;
    assert.equal(now.state, 'refund_pending');
    // With provider refunds (docs/formats/payments.md "Refunds") the page says where the refund stands.
    if (now.refund?.state === 'manual') assert.equal((await page.getByTestId('refund-state').innerText()).trim(), 'Manuel : virement à confirmer');
    if ((now.refund_mode ?? 'manual') === 'manual') {
      await page.getByRole('button', { name: 'Confirmer le remboursement' }).click();
      await page.locator('#refund-id-err').filter({ hasText: 'Indiquez la référence du virement de remboursement.' }).waitFor();
      await page.getByLabel('Référence du virement de remboursement').fill('VIR-2026-0042');
      await page.getByRole('button', { name: 'Confirmer le remboursement' }).click();
      await page.getByText('Remboursement confirmé.').waitFor();
      assert.equal((await page.getByTestId('payment-state').innerText()).trim(), 'Remboursé');
      assert.equal((await admin.request('GET', `/api/v1/payments/${target.reference}`)).data.state, 'refunded');
    } else {
      await page.getByText('Le remboursement est en cours chez le prestataire').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Confirmer le remboursement' }).count(), 0);
    }
    assert.equal(await page.getByRole('button', { name: 'Rembourser' }).count(), 0, 'no second refund');
  });
});

test('admin: a Wave payment is refunded through the provider’s API from its page', async () => {
  const before = (await admin.request('GET', `/api/v1/payments/${paid.wave.reference}`)).data;
  assert.equal(before.refund_mode, 'provider', 'Wave refunds through its API');
  await h.withContext('staff-refund-wave', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await page.goto(`${h.base}/payments/${paid.wave.reference}`);
    await page.getByText('par l’API du prestataire').waitFor();
    await page.getByLabel('Motif du remboursement').fill('Demande retirée');
    await page.getByRole('button', { name: 'Rembourser' }).click();
    await page.getByText('Remboursement demandé.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Confirmer le remboursement' }).count(), 0, 'the provider confirms, not a person');
    // The page follows the refund until the provider's answer is in.
    await page.getByTestId('payment-state').filter({ hasText: 'Remboursé' }).waitFor({ timeout: 60_000 });
    assert.equal((await page.getByTestId('refund-state').innerText()).trim(), 'Effectué');
    assert.notEqual((await page.locator('[data-testid="refund-info"] dd.mono').nth(1).innerText()).trim(), '—', 'the provider’s refund id');
  });
  const after = (await admin.request('GET', `/api/v1/payments/${paid.wave.reference}`)).data;
  assert.equal(after.state, 'refunded');
  const sim = await h.paysim.control('GET', `/payments/wave/${paid.wave.reference}`);
  assert.equal(sim.data.refunded, true, 'refunded at the provider');
});

test('admin: the Treasury report shows the day’s totals and its PDF downloads; the ledger is balanced', async () => {
  const report = (await admin.request('GET', `/api/v1/treasury?date=${today}`)).data;
  const total = report.items.reduce((s, i) => s + i.amount_xof, 0);
  assert.ok(report.items.length > 0);
  await h.withContext('staff-treasury', async (page) => {
    await login(page, h.base, 'admin@demo.ml');
    await nav(page).getByRole('link', { name: 'Finances' }).click();
    await tabs(page).getByRole('link', { name: 'Rapport du Trésor' }).click();
    await page.getByRole('heading', { name: 'Rapport du Trésor', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Journée (UTC)').inputValue(), today);
    await page.getByTestId('treasury-items').waitFor();
    assert.equal(await page.locator('[data-testid="treasury-items"] tbody tr').count(), report.items.length);
    assert.match(await page.getByTestId('treasury-total').innerText(), xof(total));
    assert.match(await page.getByTestId('treasury-providers').innerText(), /Orange Money[\s\S]*Wave/);
    const pdf = await page.request.get(h.base + (await page.getByRole('link', { name: 'Télécharger (PDF)' }).getAttribute('href')));
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const body = await pdf.body();
    assert.ok(body.length > 1000, `PDF of ${body.length} bytes`);
    assert.equal(body.subarray(0, 5).toString(), '%PDF-');
    const xlsx = await page.request.get(h.base + (await page.getByRole('link', { name: 'Télécharger (XLSX)' }).getAttribute('href')));
    assert.equal(xlsx.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    // Another day: nothing moved.
    await page.getByLabel('Journée (UTC)').fill('2020-01-01');
    await page.getByText('Aucun mouvement ce jour-là.').waitFor();

    await tabs(page).getByRole('link', { name: 'Grand livre' }).click();
    assert.match(await page.getByTestId('ledger-check').innerText(), /Grand livre équilibré/);
    assert.ok((await page.locator('[data-testid="ledger-entries"] tbody tr').count()) >= 6);
    assert.match(await page.getByTestId('ledger-balances').innerText(), /Produits — frais de certificat/);
  });
});

test('auditor has no money page (it reads the audit trail only); agent sees payments only; exporter is refused', async () => {
  await h.withContext('staff-auditor', async (page) => {
    await login(page, h.base, 'auditeur@demo.ml');
    for (const name of ['Finances', 'Paiements'])
      assert.equal(await nav(page).getByRole('link', { name }).count(), 0, `no ${name} for an auditor`);
    for (const path of [`/payments/${paid.orange.reference}`, '/reconciliations', '/ledger', '/treasury']) {
      await page.goto(h.base + path);
      await page.getByTestId('access-denied').filter({ hasText: 'Accès refusé' }).waitFor();
    }
  });
  await h.withContext('staff-agent', async (page) => {
    await login(page, h.base, 'agent@demo.ml');
    await nav(page).getByRole('link', { name: 'Paiements' }).click();
    await page.locator(`tr[data-reference="${paid.orange.reference}"]`).waitFor();
    assert.equal(await nav(page).getByRole('link', { name: 'Finances' }).count(), 0);
    assert.equal(await tabs(page).count(), 0, 'payments only: no tabs');
    assert.equal(await page.getByRole('link', { name: 'Grand livre' }).count(), 0);
    await page.goto(`${h.base}/payments/${paid.orange.reference}`);
    await page.getByTestId('payment-state').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Rembourser' }).count(), 0);
    await page.goto(`${h.base}/ledger`);
    await page.getByTestId('access-denied').filter({ hasText: 'Accès refusé' }).waitFor();
  });
  await h.withContext('staff-exporter', async (page) => {
    await login(page, h.base, 'exportateur@demo.ml');
    for (const name of ['Finances', 'Paiements', 'Rapprochements', 'Grand livre', 'Rapport du Trésor'])
      assert.equal(await nav(page).getByRole('link', { name }).count(), 0, `no ${name} for an exporter`);
    for (const path of ['/payments', `/payments/${paid.orange.reference}`, '/reconciliations', '/ledger', '/treasury']) {
      await page.goto(h.base + path);
      const denied = page.getByTestId('access-denied');
      await denied.waitFor();
      assert.match(await denied.innerText(), /Accès refusé/);
    }
    // The chunk of the staff pages was never fetched.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.equal(scripts.filter((s) => /\/assets\/staff-/.test(s)).length, 0, scripts.join('\n'));
  });
});
