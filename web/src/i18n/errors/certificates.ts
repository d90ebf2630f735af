// Texts of the codes of issued certificates: signing, amendment and duplicate, revocation
// (src/certificates/signing.cc, amendment.cc, revocation.cc).
import type { ErrorCatalogue } from '../lang';

export default {
  'certificate.not_found': { fr: 'Certificat introuvable.', en: 'Certificate not found.' },
  'certificate.revoked': { fr: 'Le certificat {number} est révoqué.', en: 'Certificate {number} is revoked.' },
  'certificate.replaced': {
    fr: 'Le certificat {number} a déjà été remplacé.',
    en: 'Certificate {number} has already been replaced.',
  },
  'certificate.regime_not_in_force': {
    fr: 'Le régime {regime} n’est pas en vigueur aujourd’hui : le certificat ne peut pas être signé.',
    en: 'The {regime} regime is not in force today: the certificate cannot be signed.',
  },
  'certificate.signer_regime': {
    fr: 'La clé de signature en service ne peut pas signer les certificats {regime} : l’administrateur doit la renouveler.',
    en: 'The document signer in service may not sign {regime} certificates: the administrator must rotate it.',
  },
  'certificate.signer_expires': {
    fr: 'La clé de signature en service expire le {date}, avant ce certificat : l’administrateur doit la renouveler.',
    en: 'The document signer in service expires on {date}, before this certificate: the administrator must rotate it.',
  },
  'certificate.log_moved': {
    fr: 'Le journal de transparence a changé pendant la signature. Réessayez.',
    en: 'The transparency log changed during signing. Try again.',
  },
  'amendment.kind': {
    fr: 'Choisissez une rectification ou un duplicata.',
    en: 'Choose an amendment or a duplicate.',
  },
  'amendment.pending': {
    fr: 'Une rectification ou un duplicata du certificat {number} est déjà en cours (demande {application}).',
    en: 'An amendment or a duplicate of certificate {number} is already in progress (application {application}).',
  },
  'reason.required': { fr: 'Indiquez le motif de la révocation.', en: 'Give the reason for the revocation.' },
  'reason.too_long': {
    fr: 'Motif trop long ({max} caractères au plus).',
    en: 'Reason too long ({max} characters at most).',
  },
} satisfies ErrorCatalogue;
