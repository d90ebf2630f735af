// Staff money pages (lazy chunk): payments problems in readable words (paths of statement lines,
// local checks; the English server texts they translate are in legacy-server-messages.ts).
import type { Catalogue } from './lang';

export default {
  'prob.denied': {
    fr: 'Accès refusé : cette action est réservée aux administrateurs.',
    en: 'Access denied: this action is for administrators.',
  },
  'prob.provider': { fr: 'Prestataire inconnu ou désactivé.', en: 'Unknown or disabled provider.' },
  'prob.provider_date': {
    fr: 'Le prestataire et la journée sont obligatoires.',
    en: 'The provider and the day are required.',
  },
  'prob.date': { fr: 'La date doit être au format AAAA-MM-JJ.', en: 'The date must be YYYY-MM-DD.' },
  'prob.empty': { fr: 'Le relevé est vide.', en: 'The statement is empty.' },
  'prob.too_large': { fr: 'Le relevé dépasse 8 Mio.', en: 'The statement is larger than 8 MiB.' },
  'prob.header': {
    fr: 'Ligne 1 : l’en-tête du relevé ne contient pas toutes les colonnes attendues de ce prestataire.',
    en: 'Line 1: the statement header lacks columns this provider’s statements have.',
  },
  'prob.wave_shape': {
    fr: 'Ce fichier n’est pas un relevé Wave (objet JSON avec une liste « items » attendu).',
    en: 'This file is not a Wave statement (a JSON object with "items" expected).',
  },
  'prob.momo_shape': {
    fr: 'Ce fichier n’est pas un relevé MTN MoMo (objet JSON avec une liste « transactions » attendu).',
    en: 'This file is not an MTN MoMo statement (a JSON object with "transactions" expected).',
  },
  'prob.duplicate': { fr: 'Ce relevé a déjà été importé.', en: 'This statement was imported already.' },
  'prob.fetch': {
    fr: 'Le relevé n’a pas pu être récupéré auprès du prestataire. Réessayez plus tard.',
    en: 'The statement could not be fetched from the provider. Try again later.',
  },
  'prob.unavailable': {
    fr: 'Le service de paiement est indisponible pour le moment. Réessayez plus tard.',
    en: 'The payment service is unavailable for now. Try again later.',
  },
  'prob.reason': { fr: 'Indiquez le motif du remboursement.', en: 'Give the reason for the refund.' },
  'prob.refund_id': {
    fr: 'Indiquez la référence du virement de remboursement.',
    en: 'Give the reference of the refund transfer.',
  },
  'prob.not_refundable': {
    fr: 'Seul un paiement payé ou tardif peut être remboursé (celui-ci est : {state}).',
    en: 'Only a paid or late payment can be refunded (this one is: {state}).',
  },
  'prob.no_refund_pending': {
    fr: 'Aucun remboursement n’est en attente pour ce paiement.',
    en: 'This payment has no refund pending.',
  },
  'prob.changed': {
    fr: 'Le paiement a changé entre-temps ; rechargez la page.',
    en: 'The payment changed meanwhile; reload the page.',
  },
  'prob.not_found': { fr: 'Élément introuvable.', en: 'Not found.' },
  'prob.line': { fr: '{where} : {what}', en: '{where}: {what}' },
  'prob.where.line': { fr: 'Ligne {n}', en: 'Line {n}' },
  'prob.where.item': { fr: 'Élément n° {n}', en: 'Item no. {n}' },
  'prob.what.too_few_fields': { fr: 'il manque des champs', en: 'fields are missing' },
  'prob.what.no_txn': { fr: 'identifiant de transaction manquant', en: 'no transaction id' },
  'prob.what.bad_amount': { fr: 'montant invalide (FCFA entiers attendus)', en: 'bad amount (whole XOF expected)' },
  'prob.what.bad_fee': { fr: 'frais invalides (FCFA entiers attendus)', en: 'bad fee (whole XOF expected)' },
  'prob.what.bad_date': { fr: 'date invalide', en: 'bad date' },
  'prob.what.not_object': { fr: 'ce n’est pas un objet JSON', en: 'not a JSON object' },
  'prob.field.required': { fr: 'obligatoire', en: 'required' },
  'prob.field.enabled_provider': { fr: 'doit être un prestataire activé', en: 'must be an enabled provider' },
  'prob.field.date': { fr: 'doit être une date AAAA-MM-JJ', en: 'must be a date YYYY-MM-DD' },
  'prob.field.whole_xof': { fr: 'doit être un montant entier en FCFA', en: 'must be whole XOF' },
  'prob.field.iso_time': { fr: 'doit être une date ISO 8601', en: 'must be an ISO 8601 time' },
  'prob.field.object': { fr: 'doit être un objet JSON', en: 'must be a JSON object' },
  'prob.field.too_few_fields': { fr: 'il manque des champs', en: 'fields are missing' },
  'prob.field.no_column': { fr: 'colonne « {column} » absente', en: 'no column "{column}"' },
  'prob.field.reason': { fr: 'obligatoire (2 000 caractères au plus)', en: 'required (at most 2,000 characters)' },
  'prob.technical': { fr: 'Détail technique : {detail}', en: 'Technical detail: {detail}' },
} satisfies Catalogue;
