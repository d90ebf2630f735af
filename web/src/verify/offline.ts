// The page side of offline verification (lazy-loaded by src/pages/Verify.tsx):
// keeps the trust list fresh when online and verifies a QR text against the
// kept list when the network is gone. Results have the shape of the online
// POST /api/v1/verify answer, so one component renders both.
import type { Verification, VerificationView } from '../types';
import { acceptTrustList, keptTrustList, TRUST_LIST_URL, type KeptMeta } from './trustStore';
import { verifyQrText, type Outcome } from './verifier';

const now = () => Math.floor(Date.now() / 1000);

/** An offline result, with the trust list it was checked against. */
export type OfflineVerification = VerificationView & {
  offline: true;
  trust_list: KeptMeta;
};

/** Thrown when this device has no verified trust list yet (never visited /verify online). */
export class NoTrustListError extends Error {
  constructor() {
    super('no trust list kept on this device');
    this.name = 'NoTrustListError';
  }
}

/**
 * Online: fetches the trust list. Under the service worker the fetch is its
 * stale-while-revalidate (it verifies and keeps); without one (first visit,
 * old browser) the page verifies and keeps the list itself.
 */
export async function refreshTrustList(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const res = await fetch(TRUST_LIST_URL, { cache: 'no-cache', credentials: 'omit' });
  if (navigator.serviceWorker?.controller || !res.ok) return;
  await acceptTrustList(await res.text(), now());
}

/** The kept trust list's metadata, or null (none kept, or it no longer verifies). */
export async function keptTrustListMeta(): Promise<KeptMeta | null> {
  if (typeof caches === 'undefined') return null;
  try {
    return (await keptTrustList())?.meta ?? null;
  } catch {
    return null;
  }
}

const iso = (unix: number) => new Date(unix * 1000).toISOString().replace('.000Z', 'Z');

function formatDateFr(unix: number): string {
  return new Date(unix * 1000).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
function formatDateEn(unix: number): string {
  return new Date(unix * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** French and English sentences for an offline outcome (the online API words them on the server). */
export function outcomeMessages(o: Outcome): { fr: string; en: string } {
  switch (o.status) {
    case 'valid':
      return {
        fr: 'Signature valide : ce certificat a été délivré par une autorité de la liste de confiance.',
        en: 'Valid signature: this certificate was issued by an authority on the trust list.',
      };
    case 'malformed':
      return {
        fr: 'Ce texte n’est pas un code QR de certificat d’origine lisible (CO1:…). Scannez à nouveau ou recopiez-le sans modification.',
        en: 'This text is not a readable certificate-of-origin QR code (CO1:…). Scan again or copy it unchanged.',
      };
    case 'unknown_signer':
      return {
        fr: 'Le signataire de ce code ne figure pas dans la liste de confiance enregistrée sur cet appareil.',
        en: 'The signer of this code is not on the trust list kept on this device.',
      };
    case 'bad_signature':
      return {
        fr: 'La signature ne correspond pas au contenu : le code a été modifié ou contrefait.',
        en: 'The signature does not match the content: the code was altered or forged.',
      };
    case 'expired':
      return {
        fr: 'Ce certificat (ou la clé qui l’a signé) a expiré.',
        en: 'This certificate (or the key that signed it) has expired.',
      };
    case 'not_yet_valid':
      return {
        fr: 'Ce certificat n’est pas encore valide (date de délivrance dans le futur).',
        en: 'This certificate is not valid yet (issue date in the future).',
      };
    case 'revoked': {
      const r = o.revocation!;
      return {
        fr: `Le signataire de ce certificat a été révoqué le ${formatDateFr(r.at)} (motif : ${r.reason}) : tout ce qu’il a signé est révoqué.`,
        en: `The signer of this certificate was revoked on ${formatDateEn(r.at)} (reason: ${r.reason}): everything it signed is revoked.`,
      };
    }
  }
}

export function toVerification(o: Outcome, meta: KeptMeta): OfflineVerification {
  const m = outcomeMessages(o);
  const c = o.claims;
  const v: OfflineVerification = {
    valid: o.status === 'valid',
    status: o.status as Verification['status'],
    message_fr: m.fr,
    message_en: m.en,
    offline: true,
    trust_list: meta,
  };
  if (o.revocation) v.revocation = { at: iso(o.revocation.at), reason: o.revocation.reason, scope: 'signer' };
  if (c) {
    v.certificate = {
      number: c.number,
      regime: c.regime,
      issuer_country: c.issuer_country,
      exporter: { name: c.exporter.name, nif: c.exporter.nif },
      consignee: { name: c.consignee.name, country: c.consignee.country },
      origin_country: c.origin_country,
      destination_country: c.destination_country,
      issued_at: iso(c.issued_at),
      expires_at: iso(c.expires_at),
      invoice_reference: c.invoice_reference,
      goods: c.goods,
    };
  }
  return v;
}

/** Verifies a QR text against the kept trust list. Throws NoTrustListError when there is none. */
export async function verifyOffline(qr: string): Promise<OfflineVerification> {
  let kept = null;
  try {
    kept = typeof caches === 'undefined' ? null : await keptTrustList();
  } catch {
    kept = null;
  }
  if (!kept) throw new NoTrustListError();
  return toVerification(await verifyQrText(qr, kept.list.entries, now()), kept.meta);
}
