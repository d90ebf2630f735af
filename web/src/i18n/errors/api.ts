// Texts of the codes of src/api and src/http that only the API sends: request bodies and query
// parameters of particular routes, the payments routes without a payments module, provider
// callbacks, log proofs, the health check, and the server failing to listen. The generic field
// codes (field.*) shared with the modules are in ./registry.ts; the codes of a module that the API
// also sends (not found, forbidden) in that module's file (or in ./core.ts until it has one).
import type { ErrorCatalogue } from '../lang';

export default {
  'json.object': {
    fr: 'Les données envoyées doivent être un objet JSON.',
    en: 'The data sent must be a JSON object.',
  },
  'field.integer': { fr: 'Nombre entier positif ou nul attendu.', en: 'A whole number, zero or more, is expected.' },
  'format.unknown': { fr: 'Format inconnu (attendu : {allowed}).', en: 'Unknown format (expected: {allowed}).' },
  'verify.qr_or_number': {
    fr: 'Indiquez soit le texte du code QR, soit le numéro du certificat, pas les deux.',
    en: 'Give either the QR text or the certificate number, not both.',
  },
  'log_proof.range': {
    fr: 'Positions hors du journal : il compte {tree_size} entrées.',
    en: 'Positions outside the log: it has {tree_size} entries.',
  },
  'health.database': {
    fr: 'La base de données n’est pas prête. Réessayez plus tard.',
    en: 'The database is not ready. Try again later.',
  },
  'payment.not_configured': {
    fr: 'Le paiement en ligne n’est pas disponible sur ce serveur.',
    en: 'Online payment is not available on this server.',
  },
  'payment_provider.not_found': { fr: 'Prestataire de paiement inconnu.', en: 'Unknown payment provider.' },
  'callback.authenticity': {
    fr: 'L’authenticité de la notification du prestataire n’a pas pu être vérifiée.',
    en: 'The authenticity of the provider’s notification could not be verified.',
  },
  'callback.unreadable': {
    fr: 'La notification du prestataire est illisible.',
    en: 'The provider’s notification is not readable.',
  },
  'callback.not_stored': {
    fr: 'La notification du prestataire n’a pas pu être enregistrée ; envoyez-la de nouveau.',
    en: 'The provider’s notification could not be stored; send it again.',
  },
  'server.address': {
    fr: 'Adresse d’écoute invalide : {host}.',
    en: 'Invalid listen address: {host}.',
  },
  'server.listen': {
    fr: 'Le serveur ne peut pas écouter sur {address}.',
    en: 'The server cannot listen on {address}.',
  },
} satisfies ErrorCatalogue;
