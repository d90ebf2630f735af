// origine-paysim over plain HTTP: each provider's init → page → callback flow
// (signatures checked with Node's crypto), every fault, statements with
// planted discrepancies, the random schedule's determinism, start and stop.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { startPaysim, startReceiver, call, payOnPage, SECRETS, PAYSIM_BIN } from './paysim.mjs';

let sim;
let rx;
const B = () => sim.base;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hmac = (key, msg) => createHmac('sha256', key).update(msg).digest('hex');
// Callbacks received on `path` (each provider posts to its own path).
const got = (path) => rx.received.filter((r) => r.path === path);

before(async () => {
  rx = await startReceiver();
  sim = await startPaysim(['--seed', '42', '--clock-start', '2026-11-27T08:00:00Z', '--wave-webhook-url', `${rx.url}/wave`]);
});
after(async () => {
  const code = await sim?.stop();
  await rx?.close();
  assert.equal(code, 0, 'SIGTERM stops the simulator with exit code 0');
});
beforeEach(async () => {
  assert.equal((await call(B(), 'POST', '/_control/reset')).status, 204);
  rx.received.length = 0;
});

// --- provider clients (what the platform's adapters do) ---
async function orangeToken() {
  const basic = Buffer.from(`${SECRETS.orangeClientId}:${SECRETS.orangeClientSecret}`).toString('base64');
  const r = await call(B(), 'POST', '/orange/oauth/v3/token', { form: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basic}` } });
  assert.equal(r.status, 200, r.text);
  return r.data.access_token;
}
async function orangeInit(orderId, amount = 5000, opts = {}) {
  const token = await orangeToken();
  const r = await call(B(), 'POST', '/orange/orange-money-webpay/ml/v1/webpayment', {
    headers: { authorization: `Bearer ${token}` }, timeout: opts.timeout,
    json: { merchant_key: SECRETS.orangeMerchantKey, currency: 'XOF', order_id: orderId, amount,
      return_url: 'http://shop.test/retour', cancel_url: 'http://shop.test/annule', notif_url: `${rx.url}/orange`, lang: 'fr', reference: 'Certificat' },
  });
  return { ...r, token };
}
const orangeStatus = (token, orderId, amount, payToken) => call(B(), 'POST', '/orange/orange-money-webpay/ml/v1/transactionstatus',
  { headers: { authorization: `Bearer ${token}` }, json: { order_id: orderId, amount, pay_token: payToken } });
const wave = (method, path, json, headers = {}) => call(B(), method, `/wave${path}`, { json, headers: { authorization: `Bearer ${SECRETS.waveApiKey}`, ...headers } });
const waveCreate = (ref, amount = '5000', headers = {}) => wave('POST', '/v1/checkout/sessions',
  { amount, currency: 'XOF', success_url: 'http://shop.test/ok', error_url: 'http://shop.test/ko', client_reference: ref }, headers);
const cinetpayInit = (ref, amount = 5000) => call(B(), 'POST', '/cinetpay/v2/payment', { json: {
  apikey: SECRETS.cinetpayApikey, site_id: SECRETS.cinetpaySiteId, transaction_id: ref, amount, currency: 'XOF',
  description: 'Certificat d origine', notify_url: `${rx.url}/cinetpay`, return_url: 'http://shop.test/cp' } });
const cinetpayCheck = (ref) => call(B(), 'POST', '/cinetpay/v2/payment/check', { json: { apikey: SECRETS.cinetpayApikey, site_id: SECRETS.cinetpaySiteId, transaction_id: ref } });
async function momoToken() {
  const basic = Buffer.from(`${SECRETS.momoApiUser}:${SECRETS.momoApiKey}`).toString('base64');
  const r = await call(B(), 'POST', '/momo/collection/token/', { headers: { authorization: `Basic ${basic}`, 'ocp-apim-subscription-key': SECRETS.momoSubscriptionKey } });
  assert.equal(r.status, 200, r.text);
  return r.data.access_token;
}
const momoHeaders = (token, extra = {}) => ({ authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': SECRETS.momoSubscriptionKey, 'x-target-environment': 'sandbox', ...extra });
async function momoRequest(ref, amount = '5000', opts = {}) {
  const token = await momoToken();
  const r = await call(B(), 'POST', '/momo/collection/v1_0/requesttopay', {
    headers: momoHeaders(token, { 'x-reference-id': ref, 'x-callback-url': `${rx.url}/momo` }),
    json: { amount, currency: 'XOF', externalId: `EXT-${ref.slice(0, 8)}`, payer: { partyIdType: 'MSISDN', partyId: '22370123456' }, payerMessage: 'Certificat', payeeNote: 'Origine' } });
  return { ...r, token };
}
const momoStatus = (token, ref) => call(B(), 'GET', `/momo/collection/v1_0/requesttopay/${ref}`, { headers: momoHeaders(token) });
const arm = (body) => call(B(), 'POST', '/_control/faults', { json: body });
const callbacks = async (q = '') => (await call(B(), 'GET', `/_control/callbacks${q}`)).data.callbacks;

function checkWaveSignature(req, secret = SECRETS.waveWebhookSecret) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(req.headers['wave-signature'] ?? '');
  assert.ok(m, `Wave-Signature shape: ${req.headers['wave-signature']}`);
  const expected = Buffer.from(hmac(secret, m[1] + req.body), 'hex');
  return { t: Number(m[1]), valid: timingSafeEqual(expected, Buffer.from(m[2], 'hex')) };
}
const CP_FIELDS = ['cpm_site_id', 'cpm_trans_id', 'cpm_trans_date', 'cpm_amount', 'cpm_currency', 'signature', 'payment_method',
  'cel_phone_num', 'cpm_phone_prefixe', 'cpm_language', 'cpm_version', 'cpm_payment_config', 'cpm_page_action', 'cpm_custom',
  'cpm_designation', 'cpm_error_message'];
function checkCinetPayToken(req) {
  const f = new URLSearchParams(req.body);
  return { fields: Object.fromEntries(f), valid: hmac(SECRETS.cinetpaySecret, CP_FIELDS.map((k) => f.get(k) ?? '').join('')) === req.headers['x-token'] };
}

// ------------------------------------------------------------------ flows

test('Orange: token, webpayment, page with OTP, notification with notif_token, status', async () => {
  const init = await orangeInit('ORD-1', 12500);
  assert.equal(init.status, 201, init.text);
  assert.equal(init.data.status, 201);
  assert.match(init.data.payment_url, /\/pay\/orange\/v1[a-z0-9]+$/);
  assert.equal((await orangeStatus(init.token, 'ORD-1', 12500, init.data.pay_token)).data.status, 'INITIATED');
  const pay = await payOnPage(init.data.payment_url);
  assert.equal(pay.status, 303);
  assert.equal(pay.location, 'http://shop.test/retour');
  const [n] = await rx.waitFor('/orange');
  const body = JSON.parse(n.body);
  assert.equal(body.status, 'SUCCESS');
  assert.equal(body.notif_token, init.data.notif_token);
  const st = await orangeStatus(init.token, 'ORD-1', 12500, init.data.pay_token);
  assert.equal(st.data.status, 'SUCCESS');
  assert.equal(st.data.txnid, body.txnid);
  // Pitfalls: reused order_id 403, bad token 401, decimal amount 400.
  assert.equal((await orangeInit('ORD-1', 12500)).status, 403);
  assert.equal((await call(B(), 'POST', '/orange/orange-money-webpay/ml/v1/webpayment', { headers: { authorization: 'Bearer nope' }, json: {} })).status, 401);
  assert.equal((await orangeInit('ORD-2', 12.5)).status, 400);
  // Annuler goes to cancel_url and notifies FAILED.
  const second = await orangeInit('ORD-3', 3000);
  const cancel = await payOnPage(second.data.payment_url, { action: 'cancel' });
  assert.equal(cancel.location, 'http://shop.test/annule');
  const notes = await rx.waitFor('/orange', 2);
  assert.equal(JSON.parse(notes[1].body).status, 'FAILED');
  assert.equal((await orangeStatus(second.token, 'ORD-3', 3000, second.data.pay_token)).data.status, 'FAILED');
});

test('Wave: session, page, signed webhook, search, idempotency, refund, expire, transactions', async () => {
  const created = await waveCreate('W-1', '8000', { 'idempotency-key': 'idem-1' });
  assert.equal(created.status, 200, created.text);
  assert.match(created.data.id, /^cos-[a-z0-9]{13}$/);
  assert.equal(created.data.amount, '8000');
  assert.equal(created.data.checkout_status, 'open');
  // Same key, same body: same session; another body: 409.
  assert.equal((await waveCreate('W-1', '8000', { 'idempotency-key': 'idem-1' })).data.id, created.data.id);
  assert.equal((await waveCreate('W-1', '9000', { 'idempotency-key': 'idem-1' })).status, 409);
  assert.equal((await waveCreate('W-x', '80.50')).status, 400);
  assert.equal((await call(B(), 'GET', `/wave/v1/checkout/sessions/${created.data.id}`)).status, 401);
  const pay = await payOnPage(created.data.wave_launch_url);
  assert.equal(pay.location, 'http://shop.test/ok');
  const [hook] = await rx.waitFor('/wave');
  const sig = checkWaveSignature(hook);
  assert.ok(sig.valid, 'Wave-Signature verifies with the webhook secret');
  assert.ok(Math.abs(sig.t - Date.parse('2026-11-27T08:00:00Z') / 1000) < 600, 'timestamp from the virtual clock');
  const event = JSON.parse(hook.body);
  assert.equal(event.type, 'checkout.session.completed');
  assert.match(event.id, /^AE_/);
  assert.equal(event.data.payment_status, 'succeeded');
  const got = await wave('GET', `/v1/checkout/sessions/${created.data.id}`);
  assert.equal(got.data.checkout_status, 'complete');
  assert.equal(got.data.transaction_id, event.data.transaction_id);
  assert.equal((await wave('GET', '/v1/checkout/sessions/search?client_reference=W-1')).data.result.length, 1);
  assert.equal((await wave('POST', `/v1/checkout/sessions/${created.data.id}/expire`)).status, 409);
  // Statement of the day through /v1/transactions: amount net of the 1 % fee.
  const tx = await wave('GET', '/v1/transactions?date=2026-11-27');
  assert.equal(tx.data.items.length, 1);
  assert.deepEqual([tx.data.items[0].amount, tx.data.items[0].fee, tx.data.items[0].client_reference], ['7920', '80', 'W-1']);
  assert.equal((await wave('GET', '/v1/transactions?date=27-11-2026')).status, 400);
  assert.equal((await wave('POST', `/v1/checkout/sessions/${created.data.id}/refund`)).status, 200);
  assert.equal((await wave('POST', `/v1/checkout/sessions/${created.data.id}/refund`)).status, 409);
  const after = await wave('GET', '/v1/transactions?date=2026-11-27');
  assert.equal(after.data.items.length, 2);
  assert.equal(after.data.items[1].is_reversal, true);
  assert.equal(after.data.items[1].amount, '-7920');
  assert.equal((await wave('GET', '/v1/balance')).data.balance, '0');
  // Expire an open session; Annuler gives payment_failed and the error URL.
  const other = await waveCreate('W-2');
  const expired = await wave('POST', `/v1/checkout/sessions/${other.data.id}/expire`);
  assert.equal(expired.data.checkout_status, 'expired');
  assert.equal((await fetch(other.data.wave_launch_url)).status, 409);
  const third = await waveCreate('W-3');
  assert.equal((await payOnPage(third.data.wave_launch_url, { action: 'cancel' })).location, 'http://shop.test/ko');
  const hooks = await rx.waitFor('/wave', 2);
  assert.equal(JSON.parse(hooks[1].body).type, 'checkout.session.payment_failed');
});

test('CinetPay: payment, page, form notify with x-token, check codes', async () => {
  const init = await cinetpayInit('CP-1', 10000);
  assert.equal(init.data.code, '201', init.text);
  assert.equal((await cinetpayCheck('CP-1')).data.code, '662');
  assert.equal((await cinetpayInit('CP-1', 10000)).data.code, '624');
  assert.equal((await cinetpayInit('CP-2', '10000')).status, 400, 'amount must be an integer');
  assert.equal((await call(B(), 'POST', '/cinetpay/v2/payment', { json: { apikey: 'x', site_id: '1' } })).status, 401);
  const pay = await payOnPage(init.data.data.payment_url, { msisdn: '+223 65 12 34 56' });
  assert.equal(pay.location, 'http://shop.test/cp');
  const [n] = await rx.waitFor('/cinetpay');
  assert.equal(n.headers['content-type'], 'application/x-www-form-urlencoded');
  const { fields, valid } = checkCinetPayToken(n);
  assert.ok(valid, 'x-token verifies');
  assert.deepEqual(Object.keys(fields), CP_FIELDS);
  assert.equal(fields.cpm_trans_id, 'CP-1');
  assert.equal(fields.cpm_amount, '10000');
  assert.equal(fields.cel_phone_num, '65123456');
  const check = await cinetpayCheck('CP-1');
  assert.equal(check.data.code, '00');
  assert.equal(check.data.data.status, 'ACCEPTED');
  assert.equal(check.data.data.amount, '10000');
  assert.equal((await cinetpayCheck('CP-404')).status, 404);
});

test('MoMo: token, requesttopay 202, 409 on reuse, phone page, one callback, status', async () => {
  const ref = randomUUID();
  const r = await momoRequest(ref, '6000');
  assert.equal(r.status, 202, r.text);
  assert.equal((await momoRequest(ref, '6000')).status, 409);
  assert.equal((await momoRequest('not-a-uuid')).status, 400);
  assert.equal((await momoRequest(randomUUID(), 6000)).status, 400, 'amount must be a string');
  assert.equal((await momoStatus(r.token, ref)).data.status, 'PENDING');
  assert.equal((await momoStatus(r.token, randomUUID())).status, 404);
  assert.equal((await call(B(), 'GET', `/momo/collection/v1_0/requesttopay/${ref}`)).status, 401);
  const pay = await payOnPage(`${B()}/pay/momo/${ref}`, { msisdn: '22370123456' });
  assert.equal(pay.status, 200);
  assert.match(pay.html, /Paiement approuvé/);
  const [cb] = await rx.waitFor('/momo');
  const body = JSON.parse(cb.body);
  assert.equal(body.status, 'SUCCESSFUL');
  assert.equal(body.amount, '6000');
  const st = await momoStatus(r.token, ref);
  assert.equal(st.data.status, 'SUCCESSFUL');
  assert.equal(st.data.financialTransactionId, body.financialTransactionId);
  // Expiry by the virtual clock: FAILED / EXPIRED.
  const late = randomUUID();
  await momoRequest(late);
  await call(B(), 'POST', '/_control/clock/advance', { json: { seconds: 301 } });
  const exp = await momoStatus(r.token, late);
  assert.deepEqual([exp.data.status, exp.data.reason], ['FAILED', 'EXPIRED']);
  // The phone page opened with ?return_url sends the payer back there.
  const back = randomUUID();
  await momoRequest(back);
  const refused = await payOnPage(`${B()}/pay/momo/${back}?return_url=${encodeURIComponent('http://shop.test/momo')}`, { action: 'cancel' });
  assert.deepEqual([refused.status, refused.location], [303, 'http://shop.test/momo']);
  await rx.waitFor('/momo', 2);  // its FAILED callback, before the next test resets
  assert.deepEqual([(await momoStatus(r.token, back)).data.status, (await momoStatus(r.token, back)).data.reason], ['FAILED', 'APPROVAL_REJECTED']);
});

test('payment page: wrong OTP and bad number are refused in French; unknown token 404', async () => {
  const init = await orangeInit('ORD-P', 2000);
  const bad = await payOnPage(init.data.payment_url, { otp: '000000x' });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /Code de confirmation incorrect\./);
  const badPhone = await payOnPage(init.data.payment_url, { msisdn: '12' });
  assert.equal(badPhone.status, 422);
  assert.match(badPhone.html, /Numéro de téléphone invalide\./);
  assert.equal((await fetch(`${B()}/pay/orange/v1nope`)).status, 404);
  assert.equal(got('/orange').length, 0);
});

// ------------------------------------------------------------------ control API

test('control API: complete without the page, list payments and callbacks, bad input is a problem', async () => {
  const init = await cinetpayInit('CP-C', 4000);
  const done = await call(B(), 'POST', '/_control/payments/cinetpay/CP-C/complete', { json: { outcome: 'failure' } });
  assert.equal(done.status, 200);
  assert.equal(done.data.status, 'failed');
  assert.equal((await call(B(), 'POST', '/_control/payments/cinetpay/CP-C/complete', { json: { outcome: 'success' } })).status, 409);
  await rx.waitFor('/cinetpay');
  assert.equal(checkCinetPayToken(rx.received[0]).fields.cpm_error_message, 'PAYMENT_FAILED');
  assert.equal((await cinetpayCheck('CP-C')).data.code, '600');
  const list = await call(B(), 'GET', '/_control/payments?provider=cinetpay');
  assert.equal(list.data.payments.length, 1);
  assert.equal(list.data.payments[0].provider_id, init.data.data.payment_token);
  // The simulator records the outcome once our receiver's answer is back: after it received the
  // callback, so wait for it (under load the answer may come a little after waitFor returns).
  let cbs = await callbacks('?provider=cinetpay');
  for (let i = 0; i < 50 && cbs[0]?.outcome === 'pending'; ++i) {
    await new Promise((r) => setTimeout(r, 20));
    cbs = await callbacks('?provider=cinetpay');
  }
  assert.equal(cbs.length, 1);
  assert.equal(cbs[0].outcome, 'delivered');
  for (const [path, body, field] of [
    ['/_control/faults', { fault: 'nope' }, 'fault'],
    ['/_control/faults', { fault: 'stale_timestamp', provider: 'orange' }, 'fault'],
    ['/_control/faults', { fault: 'delay', params: { ms: -1 } }, 'params/ms'],
    ['/_control/faults', { fault: 'delay', count: 0 }, 'count'],
    ['/_control/clock/advance', { seconds: 'x' }, 'seconds'],
    ['/_control/payments/cinetpay/CP-C/complete', { outcome: 'maybe' }, 'outcome'],
    ['/_control/statements/orange/discrepancies', { date: '2026-11-27', kind: 'typo' }, 'kind'],
  ]) {
    const r = await call(B(), 'POST', path, { json: body });
    assert.equal(r.status, 422, `${path} ${JSON.stringify(body)}`);
    assert.equal(r.type, 'application/problem+json');
    assert.equal(r.data.errors[0].field, field);
  }
  assert.equal((await call(B(), 'GET', '/_control/payments/orange/none')).status, 404);
  assert.equal((await call(B(), 'GET', '/_control/statements/orange?date=x')).status, 422);
  const clock = await call(B(), 'POST', '/_control/clock/advance', { json: { seconds: 86400 } });
  assert.match(clock.data.iso, /^2026-11-28T08:0/);
});

// ------------------------------------------------------------------ faults

test('fault duplicate: the same callback N times', async () => {
  await arm({ fault: 'duplicate', provider: 'wave', params: { times: 3 } });
  const s = await waveCreate('D-1');
  await payOnPage(s.data.wave_launch_url);
  const hooks = await rx.waitFor('/wave', 3);
  assert.equal(new Set(hooks.map((h) => h.body)).size, 1, 'same body and event id');
  for (const h of hooks) assert.ok(checkWaveSignature(h).valid);
  await sleep(300);
  assert.equal(got('/wave').length, 3);
});

test('fault delay and reorder', async () => {
  await arm({ fault: 'delay', provider: 'orange', params: { ms: 1200 } });
  const a = await orangeInit('DL-1');
  const t0 = Date.now();
  await payOnPage(a.data.payment_url);
  const [n] = await rx.waitFor('/orange');
  assert.ok(n.at - t0 >= 1100, `delayed by ${n.at - t0} ms`);
  // reorder: the first payment's callback waits for the second one's.
  rx.received.length = 0;
  await arm({ fault: 'reorder', provider: 'cinetpay', params: { ms: 8000 } });
  await cinetpayInit('RO-1');
  await cinetpayInit('RO-2');
  await call(B(), 'POST', '/_control/payments/cinetpay/RO-1/complete', { json: { outcome: 'success' } });
  await sleep(400);
  assert.equal(got('/cinetpay').length, 0, 'held back');
  await call(B(), 'POST', '/_control/payments/cinetpay/RO-2/complete', { json: { outcome: 'success' } });
  const both = await rx.waitFor('/cinetpay', 2);
  assert.deepEqual(both.map((r) => new URLSearchParams(r.body).get('cpm_trans_id')), ['RO-2', 'RO-1']);
});

test('fault before_reply: the callback arrives before the initiation answer', async () => {
  await arm({ fault: 'before_reply', provider: 'momo' });
  const ref = randomUUID();
  const r = await momoRequest(ref);
  assert.equal(r.status, 202);
  const early = rx.received.filter((x) => x.path === '/momo');
  assert.equal(early.length, 1, 'already received when the 202 came back');
  assert.equal(JSON.parse(early[0].body).status, 'SUCCESSFUL');
  await arm({ fault: 'before_reply', provider: 'wave' });
  const s = await waveCreate('BR-1');
  assert.equal(rx.received.filter((x) => x.path === '/wave').length, 1);
  assert.equal(s.data.checkout_status, 'open', 'the reply shows the session as created');
  assert.equal((await wave('GET', `/v1/checkout/sessions/${s.data.id}`)).data.checkout_status, 'complete');
});

test('fault lost: nothing is sent, the status tells the truth', async () => {
  await arm({ fault: 'lost', provider: 'orange' });
  const init = await orangeInit('L-1');
  await payOnPage(init.data.payment_url);
  await sleep(500);
  assert.equal(got('/orange').length, 0);
  assert.equal((await callbacks('?reference=L-1'))[0].outcome, 'lost');
  assert.equal((await orangeStatus(init.token, 'L-1', 5000, init.data.pay_token)).data.status, 'SUCCESS');
});

test('fault forged_signature, stale_timestamp, wrong_notif_token', async () => {
  // Wave: wrong secret, and claims success although the payer cancelled.
  await arm({ fault: 'forged_signature', provider: 'wave' });
  const s = await waveCreate('F-1');
  await payOnPage(s.data.wave_launch_url, { action: 'cancel' });
  const [forged] = await rx.waitFor('/wave');
  assert.equal(checkWaveSignature(forged).valid, false);
  assert.equal(JSON.parse(forged.body).type, 'checkout.session.completed');
  assert.equal((await wave('GET', `/v1/checkout/sessions/${s.data.id}`)).data.payment_status, 'cancelled');
  // CinetPay: x-token does not verify.
  await arm({ fault: 'forged_signature', provider: 'cinetpay' });
  await cinetpayInit('F-2');
  await call(B(), 'POST', '/_control/payments/cinetpay/F-2/complete', { json: { outcome: 'failure' } });
  const [cp] = await rx.waitFor('/cinetpay');
  assert.equal(checkCinetPayToken(cp).valid, false);
  assert.equal((await cinetpayCheck('F-2')).data.code, '600');
  // MoMo: the hint says SUCCESSFUL, the status says FAILED.
  await arm({ fault: 'forged_signature', provider: 'momo' });
  const ref = randomUUID();
  const m = await momoRequest(ref);
  await call(B(), 'POST', `/_control/payments/momo/${ref}/complete`, { json: { outcome: 'failure' } });
  const [mcb] = await rx.waitFor('/momo');
  assert.equal(JSON.parse(mcb.body).status, 'SUCCESSFUL');
  assert.equal((await momoStatus(m.token, ref)).data.status, 'FAILED');
  // Stale timestamp: valid signature, t 900 s old.
  await arm({ fault: 'stale_timestamp', params: { age: 900 } });
  const st = await waveCreate('F-3');
  await payOnPage(st.data.wave_launch_url);
  const hooks = await rx.waitFor('/wave', 2);
  const sig = checkWaveSignature(hooks[1]);
  assert.ok(sig.valid);
  const now = (await call(B(), 'GET', '/_control/clock')).data.now;
  assert.ok(now - sig.t >= 899 && now - sig.t <= 905, `age ${now - sig.t}`);
  // Orange: a notif_token that is not the one of the init reply.
  await arm({ fault: 'wrong_notif_token' });
  const o = await orangeInit('F-4');
  await payOnPage(o.data.payment_url);
  const [note] = await rx.waitFor('/orange');
  assert.notEqual(JSON.parse(note.body).notif_token, o.data.notif_token);
});

test('fault init_5xx and init_timeout: unclear outcome, the status finds the payment, re-POST refused', async () => {
  await arm({ fault: 'init_5xx', provider: 'orange' });
  const a = await orangeInit('U-1', 5000);
  assert.equal(a.status, 500);
  const st = await orangeStatus(a.token, 'U-1', 5000, '');
  assert.equal(st.data.status, 'INITIATED', 'created although the answer was 500');
  assert.equal((await orangeInit('U-1', 5000)).status, 403);
  await arm({ fault: 'init_5xx', provider: 'cinetpay', params: { status: 503, created: false } });
  assert.equal((await cinetpayInit('U-2')).status, 503);
  assert.equal((await cinetpayCheck('U-2')).status, 404, 'not created');
  assert.equal((await cinetpayInit('U-2')).data.code, '201');
  // timeout: the client gives up after 500 ms; the payment exists; a re-POST is 409.
  await arm({ fault: 'init_timeout', provider: 'momo', params: { ms: 1500 } });
  const ref = randomUUID();
  const token = await momoToken();
  const body = { amount: '5000', currency: 'XOF', externalId: 'E', payer: { partyIdType: 'MSISDN', partyId: '70000000' } };
  await assert.rejects(call(B(), 'POST', '/momo/collection/v1_0/requesttopay', { timeout: 500, headers: momoHeaders(token, { 'x-reference-id': ref }), json: body }),
    (e) => e.name === 'TimeoutError' || e.name === 'AbortError');
  assert.equal((await momoStatus(token, ref)).data.status, 'PENDING');
  assert.equal((await call(B(), 'POST', '/momo/collection/v1_0/requesttopay', { headers: momoHeaders(token, { 'x-reference-id': ref }), json: body })).status, 409);
  await sleep(1200);  // let the held request finish before the next test resets
});

test('fault stuck_pending, amount_mismatch, late_success', async () => {
  await arm({ fault: 'stuck_pending', reference: 'S-1' });
  const init = await orangeInit('S-1');
  const pay = await payOnPage(init.data.payment_url);
  assert.equal(pay.status, 303);
  await call(B(), 'POST', '/_control/clock/advance', { json: { seconds: 7200 } });
  assert.equal((await orangeStatus(init.token, 'S-1', 5000, init.data.pay_token)).data.status, 'PENDING', 'never expires');
  assert.equal((await fetch(init.data.payment_url)).status, 409);
  assert.equal(got('/orange').length, 0);
  // amount_mismatch: the provider records another amount.
  await arm({ fault: 'amount_mismatch', provider: 'cinetpay', params: { delta: -500 } });
  await cinetpayInit('A-1', 10000);
  await call(B(), 'POST', '/_control/payments/cinetpay/A-1/complete', { json: { outcome: 'success' } });
  const [n] = await rx.waitFor('/cinetpay');
  assert.equal(checkCinetPayToken(n).fields.cpm_amount, '9500');
  assert.equal((await cinetpayCheck('A-1')).data.data.amount, '9500');
  // late_success: expired first, succeeded after ms, then the callback.
  await arm({ fault: 'late_success', provider: 'wave', params: { ms: 800 } });
  const s = await waveCreate('LS-1');
  await payOnPage(s.data.wave_launch_url);
  const first = await wave('GET', `/v1/checkout/sessions/${s.data.id}`);
  assert.equal(first.data.checkout_status, 'expired');
  const [hook] = await rx.waitFor('/wave');
  assert.equal(JSON.parse(hook.body).type, 'checkout.session.completed');
  const later = await wave('GET', `/v1/checkout/sessions/${s.data.id}`);
  assert.deepEqual([later.data.checkout_status, later.data.payment_status], ['complete', 'succeeded']);
  assert.ok(Date.parse(later.data.when_completed) >= Date.parse(later.data.when_expires));
});

// ------------------------------------------------------------------ statements

test('statements in each provider shape, with planted discrepancies', async () => {
  const day = '2026-11-27';
  const o1 = await orangeInit('ST-O1', 10000);
  const o2 = await orangeInit('ST-O2', 20000);
  await orangeInit('ST-O3', 30000);  // never paid: not in the statement
  for (const o of [o1, o2]) await payOnPage(o.data.payment_url);
  let csv = (await call(B(), 'GET', `/_control/statements/orange?date=${day}`)).text.trim().split('\r\n');
  assert.equal(csv[0], 'date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status');
  assert.equal(csv.length, 3);
  assert.deepEqual(csv[1].split(',').slice(2, 10), ['ST-O1', 'Certificat', '70123456', '10000', '100', '9900', 'XOF', 'SUCCESS']);
  for (const kind of ['missing_line', 'extra_line', 'amount_mismatch', 'fee_variance']) {
    const ref = kind === 'missing_line' ? 'ST-O1' : kind === 'extra_line' ? undefined : 'ST-O2';
    const r = await call(B(), 'POST', '/_control/statements/orange/discrepancies', { json: { date: day, kind, reference: ref } });
    assert.equal(r.status, 201, r.text);
  }
  csv = (await call(B(), 'GET', `/_control/statements/orange?date=${day}`)).text.trim().split('\r\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(csv.map((l) => l[2]), ['ST-O2', 'paysim-extra-2']);
  assert.deepEqual(csv[0].slice(5, 8), ['20500', '225', '20275']);
  assert.equal((await call(B(), 'POST', '/_control/statements/orange/discrepancies', { json: { date: '2026-01-01', kind: 'missing_line' } })).status, 409);
  assert.equal((await call(B(), 'GET', `/_control/statements/orange?date=2026-11-26`)).text.trim().split('\r\n').length, 1);
  // CinetPay CSV (semicolons, 3 % fee), MoMo JSON, Wave JSON.
  await cinetpayInit('ST-C1', 10000);
  await call(B(), 'POST', '/_control/payments/cinetpay/ST-C1/complete', { json: { outcome: 'success', msisdn: '65000000' } });
  const cp = (await call(B(), 'GET', `/_control/statements/cinetpay?date=${day}`)).text.trim().split('\r\n');
  assert.equal(cp[0], 'transaction_id;operator_id;payment_date;amount;fees;currency;status;payment_method;phone');
  assert.deepEqual(cp[1].split(';').filter((_, i) => i !== 1 && i !== 2), ['ST-C1', '10000', '300', 'XOF', 'ACCEPTED', 'MOOVML', '65000000']);
  const ref = randomUUID();
  await momoRequest(ref, '4000');
  await call(B(), 'POST', `/_control/payments/momo/${ref}/complete`, { json: { outcome: 'success' } });
  const momo = (await call(B(), 'GET', `/_control/statements/momo?date=${day}`)).data;
  assert.equal(momo.transactions.length, 1);
  assert.deepEqual([momo.transactions[0].referenceId, momo.transactions[0].amount, momo.transactions[0].fee], [ref, '4000', '40']);
  const w = await waveCreate('ST-W1', '1000');
  await payOnPage(w.data.wave_launch_url);
  await call(B(), 'POST', '/_control/statements/wave/discrepancies', { json: { date: day, kind: 'fee_variance' } });
  const wtx = (await wave('GET', `/v1/transactions?date=${day}`)).data.items;
  assert.deepEqual([wtx[0].client_reference, wtx[0].fee, wtx[0].amount], ['ST-W1', '35', '965']);
});

// ------------------------------------------------------------------ process

test('random fault schedule is the same for the same seed', async () => {
  async function run(seed) {
    const p = await startPaysim(['--seed', String(seed), '--faults', 'random:0.5']);
    try {
      const out = [];
      for (let i = 0; i < 16; i++) {
        const r = await call(p.base, 'POST', '/wave/v1/checkout/sessions', { headers: { authorization: `Bearer ${SECRETS.waveApiKey}` },
          json: { amount: '1000', currency: 'XOF', success_url: 'http://x/ok', error_url: 'http://x/ko', client_reference: `R-${i}` } });
        assert.ok([200, 500].includes(r.status), r.text);
      }
      for (const pay of (await call(p.base, 'GET', '/_control/payments')).data.payments) out.push(`${pay.reference}:${pay.faults.join('+')}:${pay.otp}`);
      return out;
    } finally { assert.equal(await p.stop(), 0); }
  }
  const a = await run(9);
  assert.deepEqual(await run(9), a);
  assert.notDeepEqual(await run(10), a);
  assert.ok(a.some((x) => !x.endsWith(':') && x.split(':')[1] !== ''), 'some payment got a fault');
});

test('secrets from the environment, flags win; they never appear in the logs', async () => {
  const p = await startPaysim(['--cinetpay-apikey', 'from-flag'], { env: { PAYSIM_WAVE_API_KEY: 'from-env', PAYSIM_CINETPAY_APIKEY: 'env-loses' } });
  try {
    const create = (key) => call(p.base, 'POST', '/wave/v1/checkout/sessions', { headers: { authorization: `Bearer ${key}` },
      json: { amount: '100', currency: 'XOF', success_url: 'http://x/ok', error_url: 'http://x/ko' } });
    assert.equal((await create(SECRETS.waveApiKey)).status, 401);
    assert.equal((await create('from-env')).status, 200);
    const cp = (apikey) => call(p.base, 'POST', '/cinetpay/v2/payment/check', { json: { apikey, site_id: SECRETS.cinetpaySiteId, transaction_id: 'x' } });
    assert.equal((await cp('env-loses')).status, 401);
    assert.equal((await cp('from-flag')).status, 404);
  } finally { assert.equal(await p.stop(), 0); }
  for (const secret of ['from-env', 'from-flag', 'env-loses', SECRETS.waveWebhookSecret]) assert.ok(!p.logs().includes(secret), secret);
});

test('flags: loopback only, bad values exit 2', () => {
  for (const args of [['--listen', '0.0.0.0:8090'], ['--faults', 'random:2'], ['--seed', 'abc'], ['--clock-start', 'yesterday'], ['--no-such-flag']]) {
    const r = spawnSync(PAYSIM_BIN, args, { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, args[0] === '--no-such-flag' ? /no-such-flag/ : /^origine-paysim: /);
  }
  assert.equal(spawnSync(PAYSIM_BIN, ['--help'], { encoding: 'utf8', timeout: 20_000 }).status, 0);
});

test('random:P schedule over 80 payments: every callback matches its payment\'s fault', async () => {
  const r2 = await startReceiver();
  const p = await startPaysim(['--seed', '5', '--faults', 'random:0.7', '--wave-webhook-url', `${r2.url}/wave`]);
  const base = p.base;
  try {
    const basicO = Buffer.from(`${SECRETS.orangeClientId}:${SECRETS.orangeClientSecret}`).toString('base64');
    const oTok = (await call(base, 'POST', '/orange/oauth/v3/token', { form: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basicO}` } })).data.access_token;
    const basicM = Buffer.from(`${SECRETS.momoApiUser}:${SECRETS.momoApiKey}`).toString('base64');
    const mTok = (await call(base, 'POST', '/momo/collection/token/', { headers: { authorization: `Basic ${basicM}`, 'ocp-apim-subscription-key': SECRETS.momoSubscriptionKey } })).data.access_token;
    const notif = new Map();
    const outcome = new Map();
    for (let i = 0; i < 80; i++) {
      const kind = ['orange', 'wave', 'cinetpay', 'momo'][i % 4];
      let ref = `RS-${i}`;
      let r;
      if (kind === 'orange') {
        r = await call(base, 'POST', '/orange/orange-money-webpay/ml/v1/webpayment', { headers: { authorization: `Bearer ${oTok}` },
          json: { merchant_key: SECRETS.orangeMerchantKey, currency: 'XOF', order_id: ref, amount: 1000 + i, return_url: 'http://x/r', cancel_url: 'http://x/c', notif_url: `${r2.url}/orange`, lang: 'fr', reference: 'c' } });
        if (r.status === 201) notif.set(ref, r.data.notif_token);
      } else if (kind === 'wave') {
        r = await call(base, 'POST', '/wave/v1/checkout/sessions', { headers: { authorization: `Bearer ${SECRETS.waveApiKey}` },
          json: { amount: String(1000 + i), currency: 'XOF', success_url: 'http://x/ok', error_url: 'http://x/ko', client_reference: ref } });
      } else if (kind === 'cinetpay') {
        r = await call(base, 'POST', '/cinetpay/v2/payment', { json: { apikey: SECRETS.cinetpayApikey, site_id: SECRETS.cinetpaySiteId, transaction_id: ref,
          amount: 1000 + i, currency: 'XOF', description: 'c', notify_url: `${r2.url}/cinetpay`, return_url: 'http://x/r' } });
      } else {
        ref = randomUUID();
        r = await call(base, 'POST', '/momo/collection/v1_0/requesttopay', { headers: { ...momoHeaders(mTok, { 'x-reference-id': ref, 'x-callback-url': `${r2.url}/momo` }) },
          json: { amount: String(1000 + i), currency: 'XOF', externalId: `E${i}`, payer: { partyIdType: 'MSISDN', partyId: '70000000' } } });
      }
      assert.ok(r.status < 500 || r.status === 500, r.text);
      const success = i % 3 !== 0;
      const done = await call(base, 'POST', `/_control/payments/${kind}/${ref}/complete`, { json: { outcome: success ? 'success' : 'failure' } });
      assert.ok([200, 409].includes(done.status), `${kind} ${ref}: ${done.text}`);
      outcome.set(ref, { kind, success, completed: done.status === 200 });
    }
    // Let delays (≤ 2 s), reorder holds (≤ 5 s) and late successes (1 s) play out.
    let cbs = [];
    await sleep(1500);  // late_success timers (1 s) create their callbacks
    for (let t = 0; t < 100; t++) {
      cbs = (await call(base, 'GET', '/_control/callbacks')).data.callbacks;
      if (cbs.every((c) => c.outcome !== 'pending')) break;
      await sleep(100);
    }
    const payments = (await call(base, 'GET', '/_control/payments')).data.payments;
    const seen = new Set();
    for (const pay of payments) {
      const fault = pay.faults[0] ?? 'none';
      seen.add(fault);
      const mine = cbs.filter((c) => c.seq === pay.seq);
      const o = outcome.get(pay.reference);
      const tag = `${pay.provider} ${pay.reference} fault=${fault} status=${pay.status}`;
      if (fault === 'before_reply') { assert.equal(pay.status, 'succeeded', tag); assert.equal(o.completed, false, tag); }
      if (fault === 'stuck_pending' && o.success) { assert.equal(mine.length, 0, tag); assert.equal(pay.status, 'pending', tag); continue; }
      if (fault === 'lost') { assert.ok(mine.length === 1 && mine[0].outcome === 'lost', tag); continue; }
      if (fault === 'duplicate') assert.ok(mine.length >= 2 && new Set(mine.map((c) => c.body)).size === 1, tag);
      else assert.equal(mine.length, 1, tag);
      for (const c of mine) {
        assert.equal(c.outcome, 'delivered', tag);
        const forged = fault === 'forged_signature';
        if (pay.provider === 'wave') {
          const m = /^t=(\d+),v1=([0-9a-f]+)$/.exec(c.headers['Wave-Signature']);
          assert.equal(hmac(SECRETS.waveWebhookSecret, m[1] + c.body) === m[2], !forged, tag);
          if (fault === 'stale_timestamp') assert.ok(pay.created_at - Number(m[1]) >= 800, tag);
        } else if (pay.provider === 'cinetpay') {
          const f = new URLSearchParams(c.body);
          assert.equal(hmac(SECRETS.cinetpaySecret, CP_FIELDS.map((k) => f.get(k) ?? '').join('')) === c.headers['x-token'], !forged, tag);
          if (fault === 'amount_mismatch' && pay.status === 'succeeded') assert.equal(f.get('cpm_amount'), String(pay.recorded_amount), tag);
        } else if (pay.provider === 'orange') {
          const b = JSON.parse(c.body);
          if (fault !== 'init_5xx') assert.equal(b.notif_token === notif.get(pay.reference), !(forged || fault === 'wrong_notif_token'), tag);
          assert.equal(b.status, forged || pay.status === 'succeeded' ? 'SUCCESS' : 'FAILED', tag);
        } else {
          assert.equal(JSON.parse(c.body).status, forged || pay.status === 'succeeded' ? 'SUCCESSFUL' : 'FAILED', tag);
        }
      }
      if (fault !== 'forged_signature' && pay.provider !== 'momo' && o.completed)
        assert.equal(pay.status, o.success ? 'succeeded' : 'failed', tag);
    }
    assert.ok(seen.size >= 8, `faults seen: ${[...seen].join(', ')}`);
    // What the receiver got is what the simulator says it delivered.
    assert.equal(r2.received.length, cbs.filter((c) => c.outcome === 'delivered').length);
  } finally {
    assert.equal(await p.stop(), 0);
    await r2.close();
  }
});
