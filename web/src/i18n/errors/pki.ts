// Texts of the pki module's codes (src/pki: the authority's keys and its published trust lists).
import type { ErrorCatalogue } from '../lang';

export default {
  'key.not_found': { fr: 'Clé introuvable.', en: 'Key not found.' },
  'key.no_root': {
    fr: 'Aucune clé racine : créez-la d’abord (origine keys init-root).',
    en: 'No root key: create it first (origine keys init-root).',
  },
  'key.root_exists': {
    fr: 'Une clé racine existe déjà.',
    en: 'A root key already exists.',
  },
  'key.root_expired': {
    fr: 'Le certificat racine a expiré.',
    en: 'The root certificate has expired.',
  },
  'key.no_signer': {
    fr: 'Aucune clé de signature active : les certificats ne peuvent pas être signés pour le moment.',
    en: 'No active signing key: certificates cannot be signed for now.',
  },
  'key.signer_expired': {
    fr: 'La clé de signature active a expiré le {date} : les certificats ne peuvent pas être signés pour le moment.',
    en: 'The active signing key expired on {date}: certificates cannot be signed for now.',
  },
  'key.validity': {
    fr: 'La durée de validité doit être d’au moins un jour.',
    en: 'The validity must be at least one day.',
  },
  'key.types': {
    fr: 'Indiquez au moins un type de certificat (régime) valide pour la clé de signature.',
    en: 'Give at least one valid certificate type (regime) for the signing key.',
  },
  'key.reason': {
    fr: 'Le motif doit comporter de 1 à {max} caractères, sans retour à la ligne.',
    en: 'The reason must have 1 to {max} characters, without line breaks.',
  },
  'key.revoked': {
    fr: 'Cette clé de signature est déjà révoquée.',
    en: 'This signing key is already revoked.',
  },
  'trust_list.not_found': { fr: 'Liste de confiance introuvable.', en: 'Trust list not found.' },
} satisfies ErrorCatalogue;
