// LEGACY: the English sentences the server sent in problems before they carried codes
// (`detail`, `errors[].message`), matched here to show them in the user's language. Problems now
// carry machine-readable codes (`code`, `errors[].code`) translated by the catalogues of ./errors/;
// these tables only serve answers without a code. Once every problem of the server carries one,
// this file is deleted in one commit with the fallback that calls it (../errors.ts). (The payments
// sentences of the staff pages are gone: payments problems carry codes, ./errors/payments.ts.)
import { getLang, interpolate, lookup, type Catalogue } from './lang';

/** Field messages of the server (English, technical) shown in the user's language. */
const LEGACY = {
  'srv.required': { fr: 'Champ obligatoire.', en: 'Required.' },
  'srv.string': { fr: 'Doit être un texte.', en: 'Must be text.' },
  'srv.format': { fr: 'Format invalide.', en: 'Invalid format.' },
  'srv.regime': {
    fr: 'Choisissez un régime : CEDEAO — SLE ou Non préférentiel.',
    en: 'Choose a regime: ECOWAS — ETLS or Non-preferential.',
  },
  'srv.country': { fr: 'Choisissez un pays (code ISO à deux lettres).', en: 'Choose a country (two-letter ISO code).' },
  'srv.mode': { fr: 'Choisissez un mode de transport.', en: 'Choose a transport mode.' },
  'srv.date': { fr: 'Date invalide (format AAAA-MM-JJ).', en: 'Invalid date (YYYY-MM-DD).' },
  'srv.hs': { fr: 'Le code SH doit comporter de 6 à 10 chiffres.', en: 'The HS code must have 6 to 10 digits.' },
  'srv.decimal': {
    fr: 'Nombre positif attendu, avec 3 décimales au plus.',
    en: 'A positive number with at most 3 decimals is expected.',
  },
  'srv.xof': { fr: 'Montant attendu en francs CFA entiers.', en: 'A whole number of CFA francs is expected.' },
  'srv.xof.range': { fr: 'Montant hors des limites admises.', en: 'Amount out of range.' },
  'srv.too_long': { fr: 'Texte trop long ({n} caractères au plus).', en: 'Text too long ({n} characters at most).' },
  'srv.control': { fr: 'Caractères de contrôle interdits.', en: 'Control characters are not allowed.' },
  'srv.unknown_field': { fr: 'Champ non reconnu.', en: 'Unknown field.' },
  'srv.lines': { fr: '{n} lignes de marchandises au plus.', en: '{n} goods lines at most.' },
  'srv.email': { fr: 'Adresse électronique invalide.', en: 'Invalid email address.' },
  'srv.password.min': {
    fr: 'Le mot de passe doit comporter au moins 8 caractères.',
    en: 'The password must have at least 8 characters.',
  },
  'srv.nif': {
    fr: 'Le NIF comporte 9 chiffres suivis d’une lettre majuscule (084151646T).',
    en: 'The NIF is 9 digits then a capital letter (084151646T).',
  },
  'srv.rccm': { fr: 'Le RCCM a la forme MA.BKO.2023.B.4040.', en: 'The RCCM looks like MA.BKO.2023.B.4040.' },
  'srv.past': { fr: 'La date ne doit pas être passée.', en: 'The date must not be in the past.' },
  'srv.before_from': { fr: 'La fin de validité précède son début.', en: 'The end of validity is before its start.' },
  'srv.number': {
    fr: "Numéro d'agrément obligatoire (50 caractères au plus).",
    en: 'Approval number required (at most 50 characters).',
  },
  'srv.pref_regime': {
    fr: 'Choisissez un régime préférentiel en vigueur (CEDEAO, UEMOA, ZLECAf).',
    en: 'Choose a preferential regime in force (ECOWAS, WAEMU, AfCFTA).',
  },
  'srv.refuse_comment': { fr: 'Indiquez le motif du refus.', en: 'Give the reason for the refusal.' },
  'srv.revoke_comment': { fr: 'Indiquez le motif du retrait.', en: 'Give the reason for revoking.' },
  'srv.hs_material': {
    fr: 'Le code SH de la matière comporte de 4 à 10 chiffres.',
    en: 'The HS code of a material has 4 to 10 digits.',
  },
  'srv.kind': {
    fr: 'Choisissez produit industriel, du cru ou artisanal.',
    en: 'Choose industrial, unprocessed or handicraft.',
  },
  'srv.xof.whole': {
    fr: 'Un nombre entier de francs CFA (0 à 10^15) est attendu.',
    en: 'A whole number of CFA francs (0 to 10^15) is expected.',
  },
  'srv.bool': { fr: 'Oui ou non attendu.', en: 'Yes or no expected.' },
  'srv.processes': { fr: '20 codes d’opération au plus.', en: 'At most 20 operation codes.' },
  'srv.attributes': { fr: '20 attributs au plus, valeurs textuelles.', en: 'At most 20 attributes, text values.' },
  'srv.materials': { fr: '50 matières au plus.', en: 'At most 50 materials.' },
  'srv.status': { fr: 'Choisissez en attente, active ou suspendue.', en: 'Choose pending, active or suspended.' },
} satisfies Catalogue;

type LegacyKey = keyof typeof LEGACY;

function text(key: LegacyKey, params?: Record<string, string | number>): string {
  return interpolate(lookup(LEGACY, key, getLang()) ?? key, params);
}

/** Known field messages of the API (docs/formats/api.md errors[].message) → dictionary keys. */
const SERVER_MESSAGES: Record<string, LegacyKey> = {
  'is required': 'srv.required',
  'must be a string': 'srv.string',
  'must be an object': 'srv.format',
  'must be an array': 'srv.format',
  'must be one of ETLS, NP': 'srv.regime',
  'must be an ISO 3166 alpha-2 country code': 'srv.country',
  'must be one of road, rail, air, sea, multimodal': 'srv.mode',
  'must be a date YYYY-MM-DD': 'srv.date',
  'must be 6 to 10 digits': 'srv.hs',
  'must be a positive number with at most 3 decimals': 'srv.decimal',
  'must be a whole number of francs': 'srv.xof',
  'must be between 0 and 10^15': 'srv.xof.range',
  'unknown field': 'srv.unknown_field',
  'must not contain control characters': 'srv.control',
  'must be an email address': 'srv.email',
  'must have at least 8 characters': 'srv.password.min',
  'must be 9 digits and a capital letter (084151646T)': 'srv.nif',
  'must look like MA.BKO.2023.B.4040': 'srv.rccm',
  'must not be in the past': 'srv.past',
  'must not be before valid_from': 'srv.before_from',
  'is required (at most 50 characters)': 'srv.number',
  'must be a preferential regime in force (ETLS, UEMOA, AFCFTA)': 'srv.pref_regime',
  'is required: say why the approval is refused': 'srv.refuse_comment',
  'is required: say why the status is revoked': 'srv.revoke_comment',
  'must be 4 to 10 digits': 'srv.hs_material',
  'must be industrial, unprocessed or handicraft': 'srv.kind',
  'must be a whole number of francs between 0 and 10^15': 'srv.xof.whole',
  'must be true or false': 'srv.bool',
  'must be an array of at most 20 process codes': 'srv.processes',
  'must be an object of at most 20 text values': 'srv.attributes',
  'must be an array of at most 50 materials': 'srv.materials',
  'must be pending, active or suspended': 'srv.status',
};

const SERVER_PATTERNS: [RegExp, LegacyKey][] = [
  [/^must have at most (\d+) characters$/, 'srv.too_long'],
  [/^must have at most (\d+) lines$/, 'srv.lines'],
];

/** A server field message in the current language when it is a known one; otherwise null. */
export function legacyFieldMessage(message: string): string | null {
  const m = message.trim().replace(/\.$/, '');
  const key = SERVER_MESSAGES[m];
  if (key) return text(key);
  for (const [re, k] of SERVER_PATTERNS) {
    const r = re.exec(m);
    if (r) return text(k, { n: r[1] });
  }
  return null;
}
