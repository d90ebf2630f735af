// Issued certificates: the list, and the panel of one certificate (revoke, amend, duplicate).
import type { Catalogue } from './lang';

export default {
  'certs.title': { fr: 'Certificats délivrés', en: 'Issued certificates' },
  'certs.empty': { fr: 'Aucun certificat délivré.', en: 'No certificate issued.' },
  'certs.pdf': { fr: 'PDF', en: 'PDF' },
  'certs.pdf.label': { fr: 'Télécharger le certificat {number} (PDF)', en: 'Download certificate {number} (PDF)' },
  'certs.verify': { fr: 'Vérifier', en: 'Verify' },
  'cert.status.issued': { fr: 'Délivré', en: 'Issued' },
  'cert.status.revoked': { fr: 'Révoqué', en: 'Revoked' },
  'cert.status.replaced': { fr: 'Remplacé', en: 'Replaced' },
  'cert.revoked': { fr: 'Certificat révoqué le {date} : {reason}', en: 'Certificate revoked on {date}: {reason}' },
  'cert.replaced': { fr: 'Remplacé par le certificat {number}', en: 'Replaced by certificate {number}' },
  'cert.predecessor.amendment': { fr: 'Modification du certificat {number}', en: 'Amendment of certificate {number}' },
  'cert.predecessor.duplicate': { fr: 'Duplicata du certificat {number}', en: 'Duplicate of certificate {number}' },
  'cert.revoke': { fr: 'Révoquer le certificat', en: 'Revoke the certificate' },
  'cert.revoke.reason': { fr: 'Motif de la révocation (obligatoire)', en: 'Reason for revocation (required)' },
  'cert.revoke.confirm': { fr: 'Confirmer la révocation', en: 'Confirm revocation' },
  'cert.revoke.cancel': { fr: 'Annuler', en: 'Cancel' },
  'cert.revoke.empty': { fr: 'Indiquez le motif de la révocation.', en: 'Give the reason for the revocation.' },
  'cert.revoke.done': { fr: 'Le certificat {number} est révoqué.', en: 'Certificate {number} is revoked.' },
  'cert.amend': { fr: 'Demander une modification', en: 'Request an amendment' },
  'cert.duplicate': { fr: 'Demander un duplicata', en: 'Request a duplicate' },
  'cert.amend.done': {
    fr: 'Demande de modification créée : corrigez-la puis soumettez-la.',
    en: 'Amendment request created: correct it, then submit it.',
  },
} satisfies Catalogue;
