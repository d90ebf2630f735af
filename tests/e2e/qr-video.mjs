// Turns the QR printed on a certificate PDF (rendered by `origine cert pdf`)
// into a Y4M video for Chromium's fake camera
// (--use-file-for-fake-video-capture). The QR is found below its caption
// "Vérifier : scannez le code QR" (pdftotext -bbox), cropped by pdftoppm at
// 150 dpi in grey, and centred in a white 640x480 I420 frame.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const DPI = 150;
const W = 640;
const H = 480;

/** Parses a binary PGM (P5, maxval 255). */
export function parsePgm(buf) {
  const header = buf.subarray(0, 64).toString('latin1');
  const m = header.match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!m || m[3] !== '255') throw new Error('not an 8-bit binary PGM');
  const [width, height] = [Number(m[1]), Number(m[2])];
  const offset = m[0].length;
  return { width, height, pixels: buf.subarray(offset, offset + width * height) };
}

/** One-frame Y4M (4:2:0) of a grey image centred on white. */
export function y4mFromGrey({ width, height, pixels }) {
  if (width > W || height > H) throw new Error(`crop ${width}x${height} larger than ${W}x${H}`);
  const y = Buffer.alloc(W * H, 255);
  const ox = Math.floor((W - width) / 2);
  const oy = Math.floor((H - height) / 2);
  for (let r = 0; r < height; r++) pixels.copy(y, (oy + r) * W + ox, r * width, (r + 1) * width);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128); // U and V: no colour
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma]);
}

/** Writes `out` (.y4m) from the certificate PDF at `pdf`; `tmpBase` is a path prefix for scratch files. */
export function qrVideoFromPdf(pdf, out, tmpBase) {
  execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, `${tmpBase}.html`], { stdio: 'ignore' });
  const html = readFileSync(`${tmpBase}.html`, 'utf8');
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), text: m[4] }),
  );
  const i = words.findIndex((w, k) => w.text === 'scannez' && words[k - 2]?.text === 'Vérifier');
  if (i < 0) throw new Error('QR caption "Vérifier : scannez le code QR" not found in the PDF');
  const first = words[i - 2];
  const last = words.slice(i).find((w) => w.text === 'QR' && w.y0 === first.y0) ?? words[i];
  const centre = (first.x0 + last.x1) / 2; // points
  const side = 190; // points: the QR (38–48 mm) with its quiet zone, and a margin
  const px = (pt) => Math.round((pt * DPI) / 72);
  execFileSync(
    'pdftoppm',
    ['-f', '1', '-l', '1', '-r', String(DPI), '-gray', '-singlefile',
      '-x', String(px(centre - side / 2)), '-y', String(px(first.y0 - side)), '-W', String(px(side)), '-H', String(px(side)),
      pdf, tmpBase],
    { stdio: 'ignore' },
  );
  writeFileSync(out, y4mFromGrey(parsePgm(readFileSync(`${tmpBase}.pgm`))));
}
