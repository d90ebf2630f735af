// Paying an application's fee (exporter side).
import type { Catalogue } from './lang';

export default {
  'payment.title': { fr: 'Paiement des frais', en: 'Fee payment' },
  'payment.fee': { fr: 'Frais : {label} — {amount}', en: 'Fee: {label} — {amount}' },
  'payment.provider': { fr: 'Moyen de paiement', en: 'Payment method' },
  'payment.choose': { fr: 'Choisissez un moyen de paiement.', en: 'Choose a payment method.' },
  'payment.msisdn': { fr: 'Numéro de téléphone MTN MoMo', en: 'MTN MoMo phone number' },
  'payment.pay': { fr: 'Payer {amount}', en: 'Pay {amount}' },
  'payment.busy': { fr: 'Redirection vers le prestataire…', en: 'Redirecting to the provider…' },
  'payment.continue': { fr: 'Continuer le paiement', en: 'Continue the payment' },
  'payment.waiting': {
    fr: 'Validez le paiement sur votre téléphone ; cette page se met à jour.',
    en: 'Approve the payment on your phone; this page updates itself.',
  },
  'payment.retry': {
    fr: "Le paiement n'a pas abouti. Vous pouvez réessayer, avec le même moyen ou un autre.",
    en: 'The payment did not go through. You may try again, with the same method or another.',
  },
  'payment.current': { fr: 'Paiement {provider} : {state}', en: '{provider} payment: {state}' },
  'payment.receipt': { fr: 'Reçu {number} (PDF)', en: 'Receipt {number} (PDF)' },
  'payment.paid': {
    fr: 'Paiement confirmé. La demande est transmise pour instruction.',
    en: 'Payment confirmed. The application goes to review.',
  },
  'payment.state.created': { fr: 'créé', en: 'created' },
  'payment.state.initiating': { fr: 'en cours de création', en: 'being created' },
  'payment.state.pending': { fr: 'en attente de votre validation', en: 'awaiting your approval' },
  'payment.state.unknown': {
    fr: 'en cours de vérification auprès du prestataire',
    en: 'being checked with the provider',
  },
  'payment.state.succeeded': { fr: 'payé', en: 'paid' },
  'payment.state.failed': { fr: 'échoué', en: 'failed' },
  'payment.state.expired': { fr: 'expiré', en: 'expired' },
  'payment.state.cancelled': { fr: 'annulé', en: 'cancelled' },
  'payment.state.late_success': {
    fr: 'reçu après expiration (remboursement prévu)',
    en: 'received after expiry (to be refunded)',
  },
  'payment.state.refund_pending': { fr: 'remboursement en cours', en: 'refund in progress' },
  'payment.state.refunded': { fr: 'remboursé', en: 'refunded' },
} satisfies Catalogue;
