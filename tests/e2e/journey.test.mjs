// End-to-end journey in a real browser (Debian's Chromium driven by playwright-core) against the
// real server binary serving the built web app.
//
//   cd tests/e2e && npm ci && cd ../.. && npm --prefix web ci && npm --prefix web run build
//   node --test tests/e2e/
//
// Environment: ORIGINE_BIN (default build-test/src/app/origine, relative to the repo root),
// CHROMIUM (default /usr/bin/chromium), E2E_SLOWMO (ms, for watching).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Client, sesame, startPaysim, payApplication } from '../integration/server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.env.ORIGINE_BIN || 'build-test/src/app/origine');
const WEB_ROOT = join(ROOT, 'web/dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'origine-demo';
const STEP_TIMEOUT = 15_000;

let server = null;
let paysim = null;
let serverLog = '';
let dataDir = null;
let browser = null;
let base = '';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(url, ms) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited early (code ${server.exitCode}, signal ${server.signalCode}):\n${serverLog.slice(-4000)}`);
    }
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = String(e?.cause?.code || e?.message || e);
    }
    await sleep(200);
  }
  throw new Error(`server not healthy after ${ms} ms (${last}):\n${serverLog.slice(-4000)}`);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    server.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
}

before(async () => {
  assert.ok(existsSync(BIN), `server binary not found: ${BIN} (build it, or set ORIGINE_BIN)`);
  assert.ok(existsSync(join(WEB_ROOT, 'index.html')), `web app not built: run "npm --prefix web ci && npm --prefix web run build"`);
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'origine-e2e-'));
  base = `http://127.0.0.1:${port}`;
  // The payment simulator: the browser is sent to its payment page.
  paysim = await startPaysim({ waveWebhookUrl: `${base}/api/v1/payments/callbacks/wave` });
  server = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--data', dataDir, '--demo', '--web-root', WEB_ROOT,
    '--paysim', paysim.base], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d) => {
    serverLog = (serverLog + d.toString()).slice(-20000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  server.on('error', (e) => keep(`spawn error: ${e.message}\n`));
  await waitHealthy(`${base}/healthz`, 90_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    slowMo: Number(process.env.E2E_SLOWMO || 0),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  try {
    if (browser) await Promise.race([browser.close(), sleep(5000)]);
  } finally {
    await stopServer();
    if (paysim) await paysim.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * On an application awaiting payment: picks `provider` (its label), goes to the
 * simulator's page, types the number and the OTP of the simulated SMS, and
 * pays (or cancels). Back on the application, waits for the outcome.
 */
async function payInBrowser(page, id, provider, { cancel = false } = {}) {
  await page.locator('.payment-card').waitFor();
  await page.getByRole('radio', { name: provider }).check();
  if (provider === 'MTN MoMo') await page.locator('#payer-msisdn').fill('76000000');
  await page.getByTestId('pay').click();
  await page.waitForURL((u) => u.origin === paysim.base);
  await page.locator('#sms-otp').waitFor();
  if (provider !== 'MTN MoMo') await page.locator('#msisdn').fill('76000000');
  await page.locator('#otp').fill((await page.locator('#sms-otp').textContent()).trim());
  await page.locator(cancel ? '#annuler' : '#payer').click();
  if (provider === 'MTN MoMo') {
    // MoMo has no redirect: the phone page shows the outcome; go back.
    await page.waitForLoadState();
    await page.goto(`${base}/applications/${id}`);
  } else {
    await page.waitForURL((u) => u.origin === base && u.pathname === `/applications/${id}`);
  }
  if (cancel) await page.getByText(/Paiement .*: échoué/).waitFor({ timeout: 30_000 });
  else await page.locator('h1 .badge', { hasText: 'Soumise' }).waitFor({ timeout: 30_000 });
}

/** Run a test body with a fresh browser context; on failure save screenshots of its pages. */
async function withContext(name, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  try {
    await fn(page);
  } catch (err) {
    let i = 0;
    for (const p of context.pages()) {
      const file = `/tmp/e2e-${name}-${i++}.png`;
      await p.screenshot({ path: file, fullPage: true, timeout: 5000 }).catch(() => {});
      console.error(`screenshot: ${file} (${p.url()})`);
    }
    if (serverLog) console.error(`--- server log (tail) ---\n${serverLog.slice(-3000)}`);
    throw err;
  } finally {
    await context.close().catch(() => {});
  }
}

async function login(page, email) {
  await page.goto(`${base}/login`);
  const form = page.locator('form').filter({ has: page.getByLabel('Mot de passe') });
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
}

async function logout(page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
}

async function fillLine(page, n, line) {
  const field = (label) => page.getByLabel(`${label} — Ligne ${n}`, { exact: true });
  await field('Code SH').fill(line.hs);
  await field('Désignation').fill(line.description);
  await field('Quantité').fill(line.quantity);
  await field('Unité').fill(line.unit);
  await field('Poids brut (kg)').fill(line.gross);
  await field('Poids net (kg)').fill(line.net);
  await field('Valeur (FCFA)').fill(line.value);
}

async function fillHeader(page, { regime, consignee }) {
  await page.getByLabel('Régime du certificat').selectOption(regime);
  await page.getByLabel('Nom du destinataire').fill(consignee);
  await page.getByLabel('Adresse du destinataire').fill('Zone industrielle, Dakar');
  await page.getByLabel('Pays du destinataire').selectOption('SN');
  assert.equal(await page.getByLabel("Pays d'origine").inputValue(), 'ML');
  await page.getByLabel('Pays de destination').selectOption('SN');
  await page.getByLabel('Mode de transport').selectOption('road');
  await page.getByLabel('Détails du transport').fill('Camion AB-1234-MD via Kidira');
  await page.getByLabel('Numéro de facture').fill('F-2026-0042');
  await page.getByLabel('Date de facture').fill('2026-11-20');
}

function applicationId(page) {
  const m = /\/applications\/(\d+)$/.exec(new URL(page.url()).pathname);
  assert.ok(m, `not on an application page: ${page.url()}`);
  return Number(m[1]);
}

/** Wait for the verification verdict; on timeout, say what the server answered. */
async function expectVerdict(page, valid) {
  const want = valid ? 'Certificat valide' : 'Certificat non valide';
  const verdict = page.getByTestId('verdict');
  try {
    await verdict.getByText(want, { exact: true }).waitFor();
  } catch (err) {
    const status = await verdict.getAttribute('data-status', { timeout: 1000 }).catch(() => '(no verdict)');
    const text = await verdict.innerText({ timeout: 1000 }).catch(() => '');
    throw new Error(`expected "${want}", got status ${status}: ${text.replace(/\s+/g, ' ').slice(0, 300)}`, { cause: err });
  }
  return verdict;
}

function row(page, id) {
  return page.locator(`tr[data-application-id="${id}"]`);
}

/** Change one character in the middle of the QR text (to another character of the same kind). */
function tamper(qr) {
  const i = Math.floor(qr.length / 2);
  const c = qr[i];
  const alphabet = /[0-9]/.test(c) ? '0123456789' : /[a-z]/.test(c) ? 'abcdefghijklmnopqrstuvwxyz' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const replacement = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length] ?? 'A';
  const out = qr.slice(0, i) + replacement + qr.slice(i + 1);
  assert.notEqual(out, qr);
  return out;
}

describe('Origine web journey', { timeout: 240_000 }, () => {
  test('exporter applies, agent approves, signatory issues, anyone verifies', { timeout: 150_000 }, async () => {
    await withContext('issue', async (page) => {
      // Exporter: new application, ETLS, sesame, two lines; save draft; submit.
      await login(page, 'exportateur@demo.ml');
      await page.getByRole('heading', { name: 'Mes demandes de certificat' }).waitFor();
      await page.getByRole('link', { name: /Nouvelle demande/ }).click();
      await page.getByRole('heading', { name: 'Nouvelle demande de certificat' }).waitFor();
      await fillHeader(page, { regime: 'ETLS', consignee: 'Dakar Graines Import SA' });
      await fillLine(page, 1, {
        hs: '120740',
        description: 'Graines de sésame décortiquées',
        quantity: '20000',
        unit: 'kg',
        gross: '20100',
        net: '20000',
        value: '12000000',
      });
      await page.getByRole('button', { name: /Ajouter une ligne/ }).click();
      await fillLine(page, 2, {
        hs: '120740',
        description: 'Graines de sésame blanches',
        quantity: '5000',
        unit: 'kg',
        gross: '5025,5',
        net: '5000',
        value: '3 000 000',
      });
      assert.equal(await page.getByTestId('total-value').textContent(), '15\u202f000\u202f000');
      assert.equal(await page.getByTestId('total-gross').textContent(), '25\u202f125,5');

      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await page.waitForURL(/\/applications\/\d+$/);
      await page.getByText('Brouillon enregistré.').waitFor();
      const id = applicationId(page);
      assert.equal(await page.getByLabel('Valeur (FCFA) — Ligne 2', { exact: true }).inputValue(), '3000000');
      // The fee is shown before submission.
      assert.match(await page.getByTestId('fee-notice').textContent(), /1\u202f500 FCFA/);

      await page.getByRole('button', { name: 'Soumettre' }).click();
      await page.getByText('Demande soumise.', { exact: false }).waitFor();
      await page.locator('h1 .badge', { hasText: 'En attente de paiement' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Soumettre' }).count(), 0, 'a submitted application is read-only');
      await payInBrowser(page, id, 'Orange Money');
      await page.getByTestId('receipt-link').waitFor();
      await page.getByRole('heading', { name: 'Historique' }).waitFor();
      await logout(page);

      // Agent: finds it in the queue and approves.
      await login(page, 'agent@demo.ml');
      await page.getByRole('heading', { name: "File d'instruction" }).waitFor();
      await row(page, id).getByRole('button', { name: 'Approuver' }).click();
      await page.getByText(`La demande n° ${id} a été approuvée.`).waitFor();
      await row(page, id).waitFor({ state: 'detached' }); // approved: leaves the queue
      await logout(page);

      // Signatory: signs and issues.
      await login(page, 'signataire@demo.ml');
      await page.getByRole('heading', { name: 'Demandes approuvées à signer' }).waitFor();
      await row(page, id).getByRole('button', { name: 'Signer et délivrer' }).click();
      const issued = page.getByText(/^Certificat .+ délivré\.$/);
      await issued.waitFor();
      const number = /^Certificat (\S+) délivré\.$/.exec((await issued.textContent()).trim())[1];
      assert.match(number, /^[A-Z]{2}-ETLS-\d{4}-\d{6}$/);
      await logout(page);

      // Exporter: sees the certificate and downloads the PDF.
      await login(page, 'exportateur@demo.ml');
      await row(page, id).locator('.badge', { hasText: 'Délivrée' }).waitFor();
      await row(page, id).getByRole('link').first().click();
      await page.waitForURL(new RegExp(`/applications/${id}$`));
      assert.equal((await page.getByTestId('certificate-number').textContent()).trim(), number);
      const pdfLink = page.getByRole('link', { name: 'Télécharger le certificat (PDF)' });
      const href = await pdfLink.getAttribute('href');
      assert.equal(href, `/api/v1/certificates/${number}/pdf`);
      const pdf = await page.request.get(base + href);
      assert.equal(pdf.status(), 200);
      assert.match(pdf.headers()['content-type'] || '', /^application\/pdf/);
      const body = await pdf.body();
      assert.equal(body.subarray(0, 4).toString('latin1'), '%PDF');

      // The certificate's QR text, read in the page (session cookie).
      const cert = await page.evaluate(async (n) => {
        const r = await fetch(`/api/v1/certificates/${encodeURIComponent(n)}`, { credentials: 'same-origin' });
        return { status: r.status, body: await r.json() };
      }, number);
      assert.equal(cert.status, 200);
      const qr = cert.body.qr;
      assert.match(qr, /^CO1:/);

      // Certificates page lists it with a PDF link.
      await page.getByRole('link', { name: 'Certificats', exact: true }).click();
      await page.getByRole('link', { name: `Télécharger le certificat ${number} (PDF)` }).waitFor();
      await logout(page);

      // Anyone (signed out): verify the QR text, then a tampered one.
      await page.goto(`${base}/verify`);
      await page.getByLabel('Texte du code QR (CO1:…)').fill(qr);
      await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
      const verdict = await expectVerdict(page, true);
      await verdict.getByText(number).waitFor();
      await verdict.getByText('Dakar Graines Import SA', { exact: false }).waitFor();

      await page.getByLabel('Texte du code QR (CO1:…)').fill(tamper(qr));
      await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
      await expectVerdict(page, false);
      assert.notEqual(await verdict.getAttribute('data-status'), 'valid');

      // Query parameters prefill and verify at once.
      await page.goto(`${base}/verify?n=${encodeURIComponent(number)}`);
      await expectVerdict(page, true);
      await page.goto(`${base}/verify?qr=${encodeURIComponent(qr)}`);
      await expectVerdict(page, true);
    });
  });

  test('incomplete submission shows field errors; agent returns with a comment; exporter sees it', { timeout: 90_000 }, async () => {
    await withContext('return', async (page) => {
      await login(page, 'exportateur@demo.ml');
      await page.getByRole('link', { name: /Nouvelle demande/ }).click();
      await page.getByLabel('Régime du certificat').selectOption('NP');
      // Submitting an incomplete application: the server lists the missing fields.
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await page.waitForURL(/\/applications\/\d+$/);
      await page.getByRole('alert').first().waitFor();
      const id = applicationId(page);
      await page.getByLabel('Nom du destinataire').and(page.locator('[aria-invalid="true"]')).waitFor();
      assert.ok((await page.locator('.field-error').count()) >= 3, 'field errors are shown next to the fields');

      await fillHeader(page, { regime: 'NP', consignee: 'Abidjan Négoce SARL' });
      await page.getByLabel('Pays de destination').selectOption('CI');
      await fillLine(page, 1, {
        hs: '080450',
        description: 'Mangues fraîches',
        quantity: '12000',
        unit: 'kg',
        gross: '12500',
        net: '12000',
        value: '4800000',
      });
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await page.locator('h1 .badge', { hasText: 'En attente de paiement' }).waitFor();
      await payInBrowser(page, id, 'Wave');
      await logout(page);

      // Agent: opens it from the queue, returns it; the comment is required.
      await login(page, 'agent@demo.ml');
      await row(page, id).getByRole('link').first().click();
      await page.waitForURL(new RegExp(`/applications/${id}$`));
      await page.getByRole('button', { name: 'Renvoyer' }).click();
      await page.getByRole('button', { name: 'Confirmer le renvoi' }).click();
      await page.getByText('Indiquez le motif du renvoi pour l’exportateur.').waitFor();
      const comment = 'Joindre la facture définitive et corriger le poids brut.';
      await page.getByLabel('Motif du renvoi (obligatoire)').fill(comment);
      await page.getByRole('button', { name: 'Confirmer le renvoi' }).click();
      await page.locator('h1 .badge', { hasText: 'Renvoyée pour correction' }).waitFor();
      await logout(page);

      // Exporter: sees the comment and can edit and resubmit.
      await login(page, 'exportateur@demo.ml');
      await row(page, id).locator('.badge', { hasText: 'Renvoyée pour correction' }).waitFor();
      await row(page, id).getByRole('link').first().click();
      assert.equal((await page.getByTestId('review-comment').textContent()).trim(), comment);
      await page.getByLabel('Poids brut (kg) — Ligne 1', { exact: true }).fill('12400');
      await page.getByRole('button', { name: 'Soumettre' }).click();
      // Paid already: straight back to review.
      await page.locator('h1 .badge', { hasText: 'Soumise' }).waitFor();
    });
  });

  test('paying through CinetPay and MTN MoMo; a cancelled payment is retried', { timeout: 120_000 }, async () => {
    await withContext('pay', async (page) => {
      await login(page, 'exportateur@demo.ml');
      for (const [provider, invoice] of [['Moov Money (CinetPay)', 'FAC-E2E-CP'], ['MTN MoMo', 'FAC-E2E-MM']]) {
        await page.goto(`${base}/`);
        await page.getByRole('link', { name: /Nouvelle demande/ }).click();
        await fillHeader(page, { regime: 'NP', consignee: `Client ${invoice}` });
        await page.getByLabel('Pays de destination').selectOption('CI');
        await page.getByLabel('Numéro de facture').fill(invoice);
        await fillLine(page, 1, { hs: '080450', description: 'Mangues fraîches', quantity: '100', unit: 'kg', gross: '110', net: '100', value: '50000' });
        await page.getByRole('button', { name: 'Soumettre' }).click();
        await page.locator('h1 .badge', { hasText: 'En attente de paiement' }).waitFor();
        const id = applicationId(page);
        if (provider === 'MTN MoMo') {
          // First attempt cancelled on the phone: failure shown, then a retry.
          await payInBrowser(page, id, provider, { cancel: true });
          await page.getByText('Le paiement n\'a pas abouti.', { exact: false }).waitFor();
        }
        await payInBrowser(page, id, provider);
        await page.getByTestId('receipt-link').waitFor();
      }
    });
  });

  test('the origin calculator shows a verdict with its explanation and submission refuses a non-qualifying line', { timeout: 90_000 }, async () => {
    await withContext('origin', async (page) => {
      await login(page, 'exportateur@demo.ml');
      await page.getByRole('link', { name: /Nouvelle demande/ }).click();
      await page.getByRole('heading', { name: 'Nouvelle demande de certificat' }).waitFor();
      await fillHeader(page, { regime: 'ETLS', consignee: 'Dakar Riz Distribution' });
      await fillLine(page, 1, {
        hs: '100630',
        description: 'Riz blanchi reconditionné',
        quantity: '1000',
        unit: 'kg',
        gross: '1010',
        net: '1000',
        value: '1000000',
      });
      await page.locator('#g-0-product').selectOption({ label: 'Riz blanchi reconditionné (riz importé) (100630)' });
      const verdict = page.getByTestId('verdict-0');
      await verdict.getByText('Non originaire').waitFor();
      const text = await verdict.locator('.verdict-explanation').textContent();
      assert.ok(text && text.length > 20, `explanation shown: ${text}`);
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await page.getByTestId('refused-0').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Soumettre' }).count(), 1, 'still editable: the submission was refused');
    });
  });

  test('revocation and amendment: staff revoke with a reason, the exporter asks for a modification, /verify tells them apart', { timeout: 120_000 }, async () => {
    // Two certificates issued through the API.
    const as = async (email) => {
      const c = new Client(base);
      await c.login(email, PASSWORD);
      return c;
    };
    const exporter = await as('exportateur@demo.ml');
    const agent = await as('agent@demo.ml');
    const signatory = await as('signataire@demo.ml');
    const issue = async (id) => {
      if (id === undefined) id = (await exporter.request('POST', '/api/v1/applications', { body: sesame() })).data.id;
      assert.equal((await exporter.request('POST', `/api/v1/applications/${id}/submit`)).status, 200);
      await payApplication(exporter, { paysim }, id, { provider: 'wave' });
      assert.equal((await agent.request('POST', `/api/v1/applications/${id}/approve`, { body: {} })).status, 200);
      const signed = await signatory.request('POST', `/api/v1/applications/${id}/sign`);
      assert.equal(signed.status, 200, JSON.stringify(signed.data));
      return { id, number: signed.data.certificate_number };
    };
    const toRevoke = await issue();
    const toAmend = await issue();

    await withContext('revoke-amend', async (page) => {
      // The signatory revokes one; the reason is required.
      await login(page, 'signataire@demo.ml');
      await page.goto(`${base}/applications/${toRevoke.id}`);
      const panel = page.getByTestId('certificate-panel');
      await panel.getByRole('button', { name: 'Révoquer le certificat' }).click();
      await panel.getByRole('button', { name: 'Confirmer la révocation' }).click();
      await panel.getByText('Indiquez le motif de la révocation.').waitFor();
      await panel.getByLabel('Motif de la révocation (obligatoire)').fill('Fausse déclaration d’origine');
      await panel.getByRole('button', { name: 'Confirmer la révocation' }).click();
      await panel.getByText(`Le certificat ${toRevoke.number} est révoqué.`).waitFor();
      assert.equal(await panel.getByTestId('certificate-state').innerText(), 'Révoqué');
      assert.equal(await panel.getByRole('button', { name: 'Demander une modification' }).count(), 0, 'no amendment button for staff');
      await logout(page);

      // The exporter asks for a modification of the other one and submits it.
      await login(page, 'exportateur@demo.ml');
      await page.goto(`${base}/applications/${toAmend.id}`);
      assert.equal(await page.getByRole('button', { name: 'Révoquer le certificat' }).count(), 0, 'no revoke button for the exporter');
      await page.getByRole('button', { name: 'Demander une modification' }).click();
      await page.getByTestId('predecessor').getByText(`Modification du certificat ${toAmend.number}`).waitFor();
      const draftId = applicationId(page);
      assert.notEqual(draftId, toAmend.id);
      await logout(page);
      const successor = await issue(draftId);

      // Anyone: /verify shows each outcome distinctly.
      await page.goto(`${base}/verify?n=${encodeURIComponent(toRevoke.number)}`);
      let verdict = await expectVerdict(page, false);
      assert.equal(await verdict.getAttribute('data-status'), 'revoked');
      await verdict.getByTestId('verdict-status').getByText('Certificat révoqué').waitFor();
      const revocation = verdict.getByTestId('revocation');
      await revocation.getByText('Fausse déclaration d’origine').waitFor();
      await revocation.getByText('Révoqué le').waitFor();
      await revocation.getByText('Ce certificat a été révoqué par l’autorité émettrice.').waitFor();
      assert.equal(await verdict.getByTestId('successor').count(), 0);

      await page.goto(`${base}/verify?n=${encodeURIComponent(toAmend.number)}`);
      verdict = await expectVerdict(page, false);
      assert.equal(await verdict.getAttribute('data-status'), 'amended');
      await verdict.getByTestId('verdict-status').getByText('Certificat remplacé').waitFor();
      assert.equal(await verdict.getByTestId('revocation').count(), 0);
      const link = verdict.getByTestId('successor').getByRole('link', { name: `Vérifier le certificat ${successor.number}` });
      await link.click();
      verdict = await expectVerdict(page, true);
      await verdict.getByText(successor.number).first().waitFor();
      assert.equal(await verdict.getByTestId('document-check').getAttribute('data-matches'), 'true');
      await verdict.getByTestId('log-proof').waitFor();
    });
  });

  test('English toggle and phone width', { timeout: 60_000 }, async () => {
    await withContext('i18n', async (page) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${base}/login`);
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('button', { name: 'Passer en français' }).click();
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page wider than a 360 px screen by ${overflow} px`);
    });
  });
});
