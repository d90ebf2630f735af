// Texts of the problem codes of the audit module (src/audit) and of its routes (src/api/audit_routes.cc).
import type { ErrorCatalogue } from '../lang';

export default {
  'audit.limit': {
    fr: 'Le nombre d’événements demandé doit être compris entre {min} et {max}.',
    en: 'The number of events asked for must be between {min} and {max}.',
  },
} satisfies ErrorCatalogue;
