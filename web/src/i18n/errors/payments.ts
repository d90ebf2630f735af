// Texts of the payments module's problem codes (src/payments, src/app/demo_payments.cc, and the
// payment routes where they reuse them): payments, refunds, receipts, the ledger, fees,
// reconciliations and provider statements, providers. The routes' own codes (callbacks,
// payments not configured, required fields and formats) are in api.ts. `{name}` placeholders are filled from the problem's params; the staff pages
// (../../staff/money.ts) put the statement line ("Ligne 3 : …") in front of a statement error.
import type { ErrorCatalogue } from '../lang';

export default {
  // ---------------------------------------------------------------- payments
  'payment.not_found': { fr: 'Paiement introuvable.', en: 'Payment not found.' },
  'payment.forbidden': {
    fr: 'Votre rôle ne permet pas cette action sur les paiements.',
    en: 'Your role does not allow this action on payments.',
  },
  'payment.invalid': {
    fr: 'La demande de paiement n’est pas valide : corrigez les champs signalés.',
    en: 'The payment request is not valid: correct the fields shown.',
  },
  'payment.provider_unknown': {
    fr: 'Moyen de paiement inconnu : choisissez Orange Money, Wave, Moov Money ou MTN MoMo.',
    en: 'Unknown payment method: choose Orange Money, Wave, Moov Money or MTN MoMo.',
  },
  'payment.provider_unavailable': {
    fr: 'Ce moyen de paiement n’est pas disponible pour le moment.',
    en: 'This payment method is not available for now.',
  },
  'payment.msisdn_format': {
    fr: 'Le numéro de téléphone doit comporter de {min} à {max} chiffres.',
    en: 'The phone number must have {min} to {max} digits.',
  },
  'payment.msisdn_required': {
    fr: 'Indiquez le numéro de téléphone qui paiera avec MTN MoMo.',
    en: 'Give the phone number that will pay with MTN MoMo.',
  },
  'payment.idempotency_key_format': {
    fr: 'Clé d’idempotence invalide (8 à 128 lettres, chiffres ou - _ : .).',
    en: 'Invalid idempotency key (8 to 128 letters, digits or - _ : .).',
  },
  'payment.idempotency_key_reused': {
    fr: 'Cette clé d’idempotence a déjà servi pour un autre paiement.',
    en: 'This idempotency key was used for another payment.',
  },
  'payment.not_awaiting': {
    fr: 'Seule une demande en attente de paiement peut être payée.',
    en: 'Only an application awaiting payment can be paid.',
  },
  'payment.in_progress': {
    fr: 'Un paiement est déjà en cours pour cette demande : terminez-le ou attendez son expiration.',
    en: 'A payment is already in progress for this application: finish it or wait until it expires.',
  },
  'payment.nothing_due': { fr: 'Rien n’est dû pour cette demande.', en: 'Nothing is due for this application.' },
  'payment.state_unknown': { fr: 'État de paiement inconnu.', en: 'Unknown payment state.' },
  'payment.changed': {
    fr: 'Le paiement a changé entre-temps ; rechargez la page.',
    en: 'The payment changed meanwhile; reload the page.',
  },
  'payment.transition': {
    fr: 'Le paiement a changé d’état entre-temps ; rechargez la page.',
    en: 'The payment’s state changed meanwhile; reload the page.',
  },

  // ---------------------------------------------------------------- refunds and receipts
  'refund.reason_required': {
    fr: 'Indiquez le motif du remboursement ({max} caractères au plus).',
    en: 'Give the reason for the refund (at most {max} characters).',
  },
  'refund.provider_id_required': {
    fr: 'Indiquez la référence du virement de remboursement.',
    en: 'Give the reference of the refund transfer.',
  },
  'refund.not_allowed': {
    fr: 'Seul un paiement payé ou tardif peut être remboursé (celui-ci est : {state}).',
    en: 'Only a paid or late payment can be refunded (this one is: {state}).',
  },
  'refund.in_progress': {
    fr: 'Un remboursement de ce paiement est en cours chez le prestataire : attendez sa réponse.',
    en: 'A refund of this payment is in progress at the provider: wait for its answer.',
  },
  'refund.pending_manual': {
    fr: 'Un remboursement de ce paiement est en attente : confirmez-le avec la référence du virement.',
    en: 'A refund of this payment is pending: confirm it with the transfer reference.',
  },
  'refund.not_pending': {
    fr: 'Aucun remboursement n’est en attente pour ce paiement.',
    en: 'This payment has no refund pending.',
  },
  'refund.changed': {
    fr: 'Le remboursement a changé entre-temps ; rechargez la page.',
    en: 'The refund changed meanwhile; reload the page.',
  },
  'refund.nothing_to_send': {
    fr: 'Aucun remboursement n’est à envoyer au prestataire.',
    en: 'There is no refund to send to the provider.',
  },
  'receipt.not_found': {
    fr: 'Ce paiement n’a pas de reçu (il n’est pas payé).',
    en: 'This payment has no receipt (it is not paid).',
  },

  // ---------------------------------------------------------------- fees, ledger, reports
  'fee.regime_not_in_force': {
    fr: 'Le régime {regime} n’est pas en vigueur le {date}.',
    en: 'The regime {regime} is not in force on {date}.',
  },
  'fee.not_configured': {
    fr: 'Aucun frais n’est prévu pour ce service.',
    en: 'No fee is set for this service.',
  },
  'ledger.too_few_lines': {
    fr: 'Une écriture comptable doit avoir au moins deux lignes.',
    en: 'A ledger entry needs at least two lines.',
  },
  'ledger.zero_line': { fr: 'Une ligne d’écriture ne peut pas être nulle.', en: 'A ledger line cannot be zero.' },
  'ledger.no_account': { fr: 'Une ligne d’écriture doit avoir un compte.', en: 'A ledger line needs an account.' },
  'ledger.overflow': { fr: 'Montants hors des limites du grand livre.', en: 'Ledger amounts out of range.' },
  'ledger.unbalanced': {
    fr: 'L’écriture n’est pas équilibrée (écart de {sum} FCFA).',
    en: 'The entry does not balance (off by {sum} XOF).',
  },
  'ledger.posted_already': {
    fr: 'Cette écriture est déjà passée au grand livre.',
    en: 'This entry is in the ledger already.',
  },

  // ---------------------------------------------------------------- reconciliations and provider statements
  'reconciliation.not_found': { fr: 'Rapprochement introuvable.', en: 'Reconciliation not found.' },
  'statement.provider': { fr: 'Prestataire inconnu ou désactivé.', en: 'Unknown or disabled provider.' },
  'statement.duplicate': { fr: 'Ce relevé a déjà été importé.', en: 'This statement was imported already.' },
  'statement.too_large': { fr: 'Le relevé dépasse {max_mib} Mio.', en: 'The statement is larger than {max_mib} MiB.' },
  'statement.no_api': {
    fr: 'Ce prestataire ne fournit pas ses relevés en ligne : importez le fichier de relevé.',
    en: 'This provider has no online statements: import the statement file.',
  },
  'statement.fetch_failed': {
    fr: 'Le relevé n’a pas pu être récupéré auprès de {provider}. Réessayez plus tard.',
    en: 'The statement could not be fetched from {provider}. Try again later.',
  },
  'statement.empty': { fr: 'Le relevé est vide.', en: 'The statement is empty.' },
  'statement.shape': {
    fr: 'Ce fichier n’est pas un relevé {provider} au format attendu.',
    en: 'This file is not a {provider} statement in the expected format.',
  },
  'statement.header': {
    fr: 'Ligne 1 : l’en-tête du relevé ne contient pas toutes les colonnes attendues de ce prestataire.',
    en: 'Line 1: the statement header lacks columns this provider’s statements have.',
  },
  'statement.column_missing': { fr: 'colonne « {column} » absente', en: 'no column "{column}"' },
  'statement.too_few_fields': { fr: 'il manque des champs', en: 'fields are missing' },
  'statement.item_not_object': { fr: 'ce n’est pas un objet JSON', en: 'not a JSON object' },
  'statement.no_transaction': { fr: 'identifiant de transaction manquant', en: 'no transaction id' },
  'statement.amount': {
    fr: 'montant invalide (francs CFA entiers attendus)',
    en: 'bad amount (whole CFA francs expected)',
  },
  'statement.fee': { fr: 'frais invalides (francs CFA entiers attendus)', en: 'bad fee (whole CFA francs expected)' },
  'statement.date': {
    fr: 'date invalide (une date réelle est attendue, par exemple 2026-11-27 08:00:00)',
    en: 'bad date (a real date is expected, e.g. 2026-11-27 08:00:00)',
  },

  // ---------------------------------------------------------------- providers (callbacks: api.ts)
  'provider.unavailable': {
    fr: 'Le prestataire de paiement ne répond pas pour le moment. Réessayez plus tard.',
    en: 'The payment provider does not answer for now. Try again later.',
  },
  'provider.unknown': { fr: 'Prestataire de paiement inconnu.', en: 'Unknown payment provider.' },
  'provider.no_refund_api': {
    fr: 'Ce prestataire ne rembourse pas en ligne : remboursez hors ligne puis confirmez.',
    en: 'This provider has no online refunds: refund outside, then confirm.',
  },
} satisfies ErrorCatalogue;
