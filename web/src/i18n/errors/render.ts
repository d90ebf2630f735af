// Texts of the render module's codes (src/render: certificate and report PDFs, QR images, QR reading).
import type { ErrorCatalogue } from '../lang';

export default {
  'render.invalid': {
    fr: 'Le document ne peut pas être mis en page.',
    en: 'The document cannot be laid out.',
  },
  'render.required': { fr: 'Champ obligatoire.', en: 'Required field.' },
  'render.utf8': {
    fr: 'Texte invalide (caractères non UTF-8).',
    en: 'Invalid text (not UTF-8).',
  },
  'render.too_many_lines': {
    fr: '{max} lignes de marchandises au plus.',
    en: 'At most {max} goods lines.',
  },
  'render.row_size': {
    fr: 'Une ligne du tableau n’a pas le bon nombre de cellules.',
    en: 'A table row has the wrong number of cells.',
  },
  'render.too_many_rows': {
    fr: 'Le rapport dépasse {max} lignes.',
    en: 'The report has more than {max} rows.',
  },
  'qr.text': {
    fr: 'Le texte ne peut pas être codé dans un QR code (vide ou trop long).',
    en: 'The text cannot be put in a QR code (empty or too long).',
  },
  'qr_image.format': {
    fr: 'L’image n’est pas une image PNG lisible.',
    en: 'The image is not a readable PNG image.',
  },
  'qr_image.no_code': {
    fr: 'Aucun QR code n’a été trouvé dans le fichier.',
    en: 'No QR code was found in the file.',
  },
  'qr_image.dpi': {
    fr: 'La résolution doit être comprise entre 50 et 600 points par pouce.',
    en: 'The resolution must be between 50 and 600 dots per inch.',
  },
  'qr_image.module': {
    fr: 'La taille d’un module du QR code doit être comprise entre 1 et 32 pixels.',
    en: 'A QR code module must be 1 to 32 pixels wide.',
  },
  'qr_pdf.format': {
    fr: 'Le fichier n’est pas un PDF lisible.',
    en: 'The file is not a readable PDF.',
  },
  'qr_pdf.locked': {
    fr: 'Le PDF est protégé par un mot de passe.',
    en: 'The PDF is password-protected.',
  },
} satisfies ErrorCatalogue;
