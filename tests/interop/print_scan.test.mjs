// Print and scan: the certificate PDF of a real `origine` is rasterised like a
// 150 dpi scan (poppler's pdftoppm), the QR is read back with three
// independent decoders (ZXing inside `origine verify FILE.png`, zbar's
// zbarimg, jsQR + pngjs from npm) and the text verifies offline.
// Needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): scripts/install-deps.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startServer, cli } from '../integration/server.mjs';
import { loadTrustList, verifyWithCoseJs, verifyWithAuth0 } from './verifiers.mjs';

const require = createRequire(import.meta.url);
const jsQR = require('jsqr');
const { PNG } = require('pngjs');

let server;
let trustPath;
let trust;
let numbers;

before(async () => {
  server = await startServer();
  numbers = (await cli(['cert', 'list', '--data', server.dataDir])).stdout.trim().split('\n').filter(Boolean);
  assert.ok(numbers.length >= 1);
  trustPath = join(server.dataDir, 'scan-trust.json');
  const tl = await cli(['trust-list', 'export', '--data', server.dataDir, '-o', trustPath]);
  assert.equal(tl.code, 0, tl.stderr);
  trust = loadTrustList(readFileSync(trustPath, 'utf8'));
});
after(async () => { await server?.stop(); });

// PDF → one PNG per page at `dpi` (pdftoppm), sorted by page.
function rasterise(pdfPath, dpi) {
  const prefix = pdfPath.replace(/\.pdf$/, `-${dpi}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdfPath, prefix], { timeout: 60_000 });
  const dir = join(prefix, '..');
  const base = prefix.slice(dir.length + 1);
  return readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png')).sort().map((f) => join(dir, f));
}

function zbar(pngPath) {
  try {
    return execFileSync('zbarimg', ['--raw', '-q', pngPath], { timeout: 60_000 }).toString().trim();
  } catch (err) {
    return null;  // exit 4: no symbol found
  }
}

function jsqr(pngPath) {
  const png = PNG.sync.read(readFileSync(pngPath));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return code ? code.data : null;
}

test('PDF → pdftoppm 150 dpi PNG → ZXing, zbar and jsQR read the QR and it verifies', async () => {
  let checked = 0;
  for (const number of numbers) {
    const qr = (await cli(['cert', 'qr', '--data', server.dataDir, number])).stdout.trim();
    const pdfPath = join(server.dataDir, `${number}.pdf`);
    const pdf = await cli(['cert', 'pdf', '--data', server.dataDir, number, '-o', pdfPath]);
    assert.equal(pdf.code, 0, pdf.stderr);
    const pages = rasterise(pdfPath, 150);
    assert.ok(pages.length >= 1, `${number}: pdftoppm wrote pages`);
    // Every page carries the QR; check the first and the last.
    for (const page of new Set([pages[0], pages[pages.length - 1]])) {
      // ZXing (inside origine), straight from the PNG.
      const ours = await cli(['verify', '--trust-list', trustPath, '--json', page]);
      assert.equal(ours.code, 0, `${number} ${page}: origine verify PNG\n${ours.stdout}${ours.stderr}`);
      assert.equal(JSON.parse(ours.stdout).certificate.number, number);

      // zbar: the exact text, and it verifies.
      const zText = zbar(page);
      assert.equal(zText, qr, `${number}: zbarimg reads the printed QR`);
      const fromZbar = await cli(['verify', '--trust-list', trustPath, zText]);
      assert.equal(fromZbar.code, 0, fromZbar.stdout + fromZbar.stderr);

      // jsQR + pngjs: the exact text, verified by both npm COSE libraries.
      const jText = jsqr(page);
      assert.equal(jText, qr, `${number}: jsQR reads the printed QR`);
      await verifyWithCoseJs(jText, trust);
      await verifyWithAuth0(jText, trust);
      checked += 1;
    }
  }
  assert.ok(checked >= numbers.length);
});

test('a page without a QR code is reported, not crashed on', async () => {
  const blank = join(server.dataDir, 'blank.png');
  const png = new PNG({ width: 200, height: 200 });
  png.data.fill(255);
  require('node:fs').writeFileSync(blank, PNG.sync.write(png));
  assert.equal(zbar(blank), null);
  assert.equal(jsqr(blank), null);
  const ours = await cli(['verify', '--trust-list', trustPath, blank]);
  assert.notEqual(ours.code, 0);
  assert.ok(ours.code === 1 || ours.code === 2, `exit ${ours.code}`);
});
