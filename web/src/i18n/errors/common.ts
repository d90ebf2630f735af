// Texts of the problem codes every module may send (src/http, src/api middleware, paging, dates).
// A module's own codes go in a file of its own beside this one (./payments.ts, ./registry.ts, ...):
// `export default { 'code': { fr: '…', en: '…' } } satisfies ErrorCatalogue;` — ./index.ts picks
// up every file of this folder.
import type { ErrorCatalogue } from '../lang';

export default {
  internal: { fr: 'Erreur interne du serveur. Réessayez plus tard.', en: 'Internal server error. Try again later.' },
  unavailable: {
    fr: 'Service momentanément indisponible. Réessayez plus tard.',
    en: 'Service temporarily unavailable. Try again later.',
  },
  'http.not_found': { fr: 'Élément introuvable.', en: 'Not found.' },
  'http.method_not_allowed': { fr: 'Opération non autorisée.', en: 'Operation not allowed.' },
  'http.payload_too_large': { fr: 'Les données envoyées sont trop volumineuses.', en: 'The data sent is too large.' },
  'http.unsupported_media_type': { fr: 'Format de données non accepté.', en: 'Unsupported data format.' },
  'json.malformed': { fr: 'La requête envoyée est mal formée.', en: 'The request was malformed.' },
  'json.type': { fr: 'Type de valeur incorrect pour le champ {field}.', en: 'Wrong type of value for the field {field}.' },
  'auth.required': { fr: 'Votre session a expiré. Veuillez vous reconnecter.', en: 'Your session has expired. Please sign in again.' },
  'auth.forbidden': { fr: "Vous n'avez pas le droit d'effectuer cette action.", en: 'You are not allowed to do this.' },
  'csrf.invalid': {
    fr: 'Jeton de sécurité invalide. Rechargez la page et réessayez.',
    en: 'Invalid security token. Reload the page and try again.',
  },
  'paging.limit': {
    fr: 'La taille de page demandée est invalide. Rechargez la liste.',
    en: 'The page size asked for is not valid. Reload the list.',
  },
  'paging.cursor': {
    fr: 'La position dans la liste n’est plus valide. Rechargez la liste.',
    en: 'The position in the list is no longer valid. Reload the list.',
  },
  'date.format': {
    fr: 'Date invalide pour le champ {field} (format AAAA-MM-JJ).',
    en: 'Invalid date for the field {field} (YYYY-MM-DD).',
  },
} satisfies ErrorCatalogue;
