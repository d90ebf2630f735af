// Staff money pages (lazy chunk): where a statement problem is (its line or item), local checks,
// and the technical note of a problem without a code. The problems themselves are translated by
// code (i18n/errors/payments.ts).
import type { Catalogue } from './lang';

export default {
  'prob.empty': { fr: 'Le relevé est vide.', en: 'The statement is empty.' },
  'prob.not_found': { fr: 'Élément introuvable.', en: 'Not found.' },
  'prob.line': { fr: '{where} : {what}', en: '{where}: {what}' },
  'prob.where.line': { fr: 'Ligne {n}', en: 'Line {n}' },
  'prob.where.item': { fr: 'Élément n° {n}', en: 'Item no. {n}' },
  'prob.technical': { fr: 'Détail technique : {detail}', en: 'Technical detail: {detail}' },
} satisfies Catalogue;
