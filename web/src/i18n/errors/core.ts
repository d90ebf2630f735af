// Texts of the codes of the shared kits (src/core, src/net, src/storage) and of uploads.
import type { ErrorCatalogue } from '../lang';

export default {
  'csv.unterminated_quote': {
    fr: 'Fichier CSV invalide : un champ entre guillemets n’est pas refermé (ligne {line}).',
    en: 'Invalid CSV file: a quoted field is not closed (line {line}).',
  },
  'date.timestamp': {
    fr: 'Horodatage invalide (format attendu AAAA-MM-JJTHH:MM:SSZ).',
    en: 'Invalid timestamp (expected YYYY-MM-DDTHH:MM:SSZ).',
  },
  'encoding.base64': { fr: 'Donnée Base64 invalide.', en: 'Invalid Base64 data.' },
  'encoding.base64url': { fr: 'Donnée base64url invalide.', en: 'Invalid base64url data.' },
  'encoding.hex': { fr: 'Donnée hexadécimale invalide.', en: 'Invalid hexadecimal data.' },
  'file.not_found': { fr: 'Fichier introuvable.', en: 'File not found.' },
  'file.too_large': { fr: 'Le fichier est trop volumineux.', en: 'The file is too large.' },
  'http.bad_request': { fr: 'La requête est mal formée.', en: 'The request is malformed.' },
  'http.headers_too_large': { fr: 'Les en-têtes de la requête sont trop volumineux.', en: 'The request headers are too large.' },
  'json.content_type': {
    fr: 'Les données doivent être envoyées au format JSON.',
    en: 'The data must be sent as JSON.',
  },
  'net.not_found': { fr: 'L’adresse demandée n’existe pas sur le serveur distant.', en: 'The remote server has no such address.' },
  'net.unreachable': {
    fr: 'Le serveur distant ne répond pas. Réessayez plus tard.',
    en: 'The remote server does not answer. Try again later.',
  },
  'storage.unknown_migration': {
    fr: 'La base de données a été créée par une autre version d’Origine.',
    en: 'The database was made by another version of Origine.',
  },
  'upload.too_large': { fr: 'Le fichier dépasse {max_mib} Mo.', en: 'The file is larger than {max_mib} MB.' },
  'upload.type': { fr: 'Le fichier n’est ni un PDF ni une image PNG.', en: 'The file is neither a PDF nor a PNG image.' },
  // Sent by the API's routes (src/api) on behalf of modules without a catalogue of their own yet
  // (moved to the module's file by its engineer).
} satisfies ErrorCatalogue;
