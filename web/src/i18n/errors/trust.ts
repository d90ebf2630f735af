// Texts of the trust module's codes (src/trust: QR payload, CBOR/COSE, trust lists, keys and their stores).
import type { ErrorCatalogue } from '../lang';

export default {
  'qr.base45': {
    fr: 'Le contenu du QR code est illisible (encodage Base45 invalide).',
    en: 'The QR code content is unreadable (invalid Base45 encoding).',
  },
  'qr.zlib': {
    fr: 'Le contenu du QR code est illisible (données compressées invalides ou trop volumineuses).',
    en: 'The QR code content is unreadable (invalid or oversized compressed data).',
  },
  'cbor.malformed': {
    fr: 'Le contenu du QR code est mal formé (CBOR invalide).',
    en: 'The QR code content is malformed (invalid CBOR).',
  },
  'cose.malformed': {
    fr: 'La signature contenue dans le QR code est mal formée.',
    en: 'The signature in the QR code is malformed.',
  },
  'cose.kid': {
    fr: 'La clé de signature n’est pas identifiée.',
    en: 'The signing key is not identified.',
  },
  'claims.malformed': {
    fr: 'Les données du certificat contenues dans le QR code sont mal formées.',
    en: 'The certificate data in the QR code is malformed.',
  },
  'trust_list.json': {
    fr: 'La liste de confiance n’est pas un document JSON valide.',
    en: 'The trust list is not a valid JSON document.',
  },
  'trust_list.format': {
    fr: 'Le format de la liste de confiance n’est pas reconnu.',
    en: 'The trust list format is not recognised.',
  },
  'trust_list.field': {
    fr: 'Un champ de la liste de confiance est absent ou invalide.',
    en: 'A field of the trust list is missing or invalid.',
  },
  'trust_list.entry': {
    fr: 'Une entrée de la liste de confiance est invalide ou ne correspond pas à son certificat.',
    en: 'An entry of the trust list is invalid or does not match its certificate.',
  },
  'trust_list.root': {
    fr: 'La liste de confiance n’est pas signée par le certificat racine attendu.',
    en: 'The trust list is not signed by the expected root certificate.',
  },
  'trust_list.jws': {
    fr: 'La signature de la liste de confiance est mal formée.',
    en: 'The trust list signature is malformed.',
  },
  'trust_list.signature': {
    fr: 'La signature de la liste de confiance n’est pas valide.',
    en: 'The trust list signature is not valid.',
  },
  'x509.name': {
    fr: 'Le nom du certificat est invalide (pays en deux lettres, nom de 1 à 64 caractères).',
    en: 'The certificate name is invalid (two-letter country, name of 1 to 64 characters).',
  },
  'x509.key': {
    fr: 'La clé ne convient pas à ce certificat (P-256 attendue, correspondant au certificat).',
    en: 'The key does not suit this certificate (a P-256 key matching the certificate is expected).',
  },
  'x509.validity': {
    fr: 'La période de validité du certificat est invalide.',
    en: 'The certificate validity period is invalid.',
  },
  'x509.parse': {
    fr: 'Le certificat X.509 est illisible.',
    en: 'The X.509 certificate cannot be read.',
  },
  'x509.issuer': {
    fr: 'Le certificat n’a pas été émis par l’autorité attendue.',
    en: 'The certificate was not issued by the expected authority.',
  },
  'key.exists': {
    fr: 'Une clé nommée {label} existe déjà.',
    en: 'A key named {label} already exists.',
  },
  'key.label': {
    fr: 'Le nom de clé « {label} » est invalide (1 à 64 caractères parmi a-z, 0-9 et -).',
    en: 'The key name “{label}” is invalid (1 to 64 characters among a-z, 0-9 and -).',
  },
  'key.legacy': {
    fr: 'Le dossier des clés contient une clé non chiffrée d’une version antérieure : déplacez-la et créez de nouvelles clés.',
    en: 'The keys folder holds an unencrypted key from an earlier version: move it away and create new keys.',
  },
  'key.locked': {
    fr: 'La clé ne peut pas être déchiffrée : phrase secrète erronée ou fichier endommagé.',
    en: 'The key cannot be decrypted: wrong passphrase or damaged file.',
  },
  'key.passphrase': {
    fr: 'La phrase secrète de chiffrement des clés est vide.',
    en: 'The key-encryption passphrase is empty.',
  },
  'key.pem': {
    fr: 'Le fichier de clé est illisible (PEM PKCS#8 P-256 attendu).',
    en: 'The key file cannot be read (a P-256 PKCS#8 PEM is expected).',
  },
  'key.scrypt': {
    fr: 'Le coût de chiffrement des clés doit être compris entre 10 et 14.',
    en: 'The key-encryption cost must be between 10 and 14.',
  },
  'secret_file.not_found': {
    fr: 'Le fichier secret est introuvable.',
    en: 'The secret file does not exist.',
  },
  'secret_file.mode': {
    fr: 'Le fichier secret est lisible par d’autres utilisateurs : restreignez ses droits (chmod 600).',
    en: 'The secret file is readable by other users: restrict its permissions (chmod 600).',
  },
  'secret_file.too_short': {
    fr: 'Le fichier secret doit contenir au moins {min} octets.',
    en: 'The secret file must hold at least {min} bytes.',
  },
  'secret_file.exists': {
    fr: 'Le fichier de phrase secrète existe déjà.',
    en: 'The passphrase file already exists.',
  },
  'pkcs11.unavailable': {
    fr: 'Le module de sécurité matériel (PKCS#11) est indisponible. Réessayez plus tard.',
    en: 'The hardware security module (PKCS#11) is unavailable. Try again later.',
  },
  'pkcs11.login': {
    fr: 'Connexion au module de sécurité refusée : vérifiez le code PIN.',
    en: 'Login to the security module refused: check the PIN.',
  },
  'pkcs11.key': {
    fr: 'La clé du module de sécurité est invalide ou en double.',
    en: 'The key in the security module is invalid or duplicated.',
  },
  'pkcs11.config': {
    fr: 'La configuration PKCS#11 est incomplète (module, jeton et code PIN requis).',
    en: 'The PKCS#11 configuration is incomplete (module, token and PIN are required).',
  },
} satisfies ErrorCatalogue;
