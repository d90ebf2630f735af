// The simulator's payment page in a real browser (Debian's Chromium driven by
// playwright-core): a Wave payment with the OTP read from the "SMS simulé"
// box, a wrong OTP, and an Orange payment cancelled. The platform side of
// paying goes through this same page (its own tests).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startPaysim, startReceiver, call, SECRETS } from '../integration/paysim.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let sim;
let rx;
let browser;

before(async () => {
  rx = await startReceiver();
  sim = await startPaysim(['--seed', '3', '--wave-webhook-url', `${rx.url}/wave`]);
  browser = await chromium.launch({
    executablePath: CHROMIUM, timeout: 30_000,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  await sim?.stop();
  await rx?.close();
});

test('Wave: the payer reads the OTP from the simulated SMS, a wrong code is refused, then pays', async () => {
  const s = await call(sim.base, 'POST', '/wave/v1/checkout/sessions', {
    headers: { authorization: `Bearer ${SECRETS.waveApiKey}` },
    json: { amount: '15000', currency: 'XOF', success_url: `${rx.url}/merci`, error_url: `${rx.url}/erreur`, client_reference: 'E2E-W1' },
  });
  assert.equal(s.status, 200, s.text);
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(s.data.wave_launch_url);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.match(await page.textContent('#montant'), /15\s?000 FCFA/);
    const otp = (await page.textContent('#sms-otp')).trim();
    assert.match(otp, /^\d{6}$/);
    await page.fill('#msisdn', '70 12 34 56');
    await page.fill('#otp', otp === '000000' ? '111111' : '000000');
    await page.click('#payer');
    assert.equal((await page.textContent('#erreur')).trim(), 'Code de confirmation incorrect.');
    await page.fill('#otp', otp);
    await Promise.all([page.waitForURL(`${rx.url}/merci`), page.click('#payer')]);
    const [hook] = await rx.waitFor('/wave');
    assert.equal(JSON.parse(hook.body).data.client_reference, 'E2E-W1');
    const pay = await call(sim.base, 'GET', '/_control/payments/wave/E2E-W1');
    assert.deepEqual([pay.data.status, pay.data.msisdn], ['succeeded', '70123456']);
  } finally {
    await page.close();
  }
});

test('Orange: Annuler returns to cancel_url and the payment is failed', async () => {
  const basic = Buffer.from(`${SECRETS.orangeClientId}:${SECRETS.orangeClientSecret}`).toString('base64');
  const tok = await call(sim.base, 'POST', '/orange/oauth/v3/token', { form: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basic}` } });
  const init = await call(sim.base, 'POST', '/orange/orange-money-webpay/ml/v1/webpayment', {
    headers: { authorization: `Bearer ${tok.data.access_token}` },
    json: { merchant_key: SECRETS.orangeMerchantKey, currency: 'XOF', order_id: 'E2E-O1', amount: 5000, return_url: `${rx.url}/retour`,
      cancel_url: `${rx.url}/annule`, notif_url: `${rx.url}/orange`, lang: 'fr', reference: 'Certificat' },
  });
  assert.equal(init.status, 201, init.text);
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(init.data.payment_url);
    await Promise.all([page.waitForURL(`${rx.url}/annule`), page.click('#annuler')]);
    const [note] = await rx.waitFor('/orange');
    assert.equal(JSON.parse(note.body).status, 'FAILED');
    // The page is closed for good.
    const again = await page.goto(init.data.payment_url);
    assert.equal(again.status(), 409);
    assert.match(await page.textContent('#message'), /plus disponible/);
  } finally {
    await page.close();
  }
});
