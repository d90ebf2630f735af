// Texts of the problem codes of the registry module (src/registry): company
// profiles and status, products, approvals, approved-exporter status, the HS
// nomenclature and the reference data.
import type { ErrorCatalogue } from '../lang';

export default {
  // Company profile and status
  'company.invalid': {
    fr: 'Certaines informations de l’entreprise sont invalides.',
    en: 'Some details of the company are not valid.',
  },
  'company_status.unknown': {
    fr: 'Statut inconnu : choisissez en attente, active ou suspendue.',
    en: 'Unknown status: choose pending, active or suspended.',
  },
  'nif.format': {
    fr: 'Le NIF comporte 9 chiffres suivis d’une lettre majuscule ({example}).',
    en: 'The NIF is 9 digits then a capital letter ({example}).',
  },
  'rccm.format': {
    fr: 'Le RCCM a la forme {example}.',
    en: 'The RCCM looks like {example}.',
  },

  // Products
  'product.not_found': { fr: 'Produit introuvable.', en: 'Product not found.' },
  'product.forbidden': {
    fr: 'Seuls les exportateurs déclarent et modifient leurs produits.',
    en: 'Only exporters declare and edit their products.',
  },
  'product.invalid': {
    fr: 'Certaines informations du produit sont invalides.',
    en: 'Some details of the product are not valid.',
  },
  'product.has_approval': {
    fr: 'Un produit qui a un agrément accordé ne peut pas être supprimé.',
    en: 'A product with a granted approval cannot be deleted.',
  },

  // Product approvals (agréments)
  'approval.not_found': { fr: 'Demande d’agrément introuvable.', en: 'Approval not found.' },
  'approval.forbidden': {
    fr: 'Vous n’avez pas le droit d’effectuer cette action sur les agréments.',
    en: 'You are not allowed to do this with approvals.',
  },
  'approval.invalid': {
    fr: 'Certaines informations de la décision sont invalides.',
    en: 'Some details of the decision are not valid.',
  },
  'approval.pending': {
    fr: 'Une demande d’agrément {regime} pour ce produit attend déjà une décision.',
    en: 'A {regime} approval request for this product is already awaiting a decision.',
  },
  'approval.state': { fr: 'Cette demande a déjà été traitée.', en: 'This request was already decided.' },
  'approval_status.unknown': {
    fr: 'Statut inconnu : choisissez demandé, accordé ou refusé.',
    en: 'Unknown status: choose requested, granted or refused.',
  },
  'approval_number.required': {
    fr: 'Numéro d’agrément obligatoire ({max} caractères au plus).',
    en: 'Approval number required (at most {max} characters).',
  },
  'decision.unknown': { fr: 'Choisissez d’accorder ou de refuser.', en: 'Choose to grant or to refuse.' },
  'valid_until.past': {
    fr: 'La date ne doit pas être passée.',
    en: 'The end of validity cannot be in the past.',
  },
  'valid_until.before_from': {
    fr: 'La fin de validité ne peut pas précéder son début.',
    en: 'The end of validity cannot come before its start.',
  },

  // Approved-exporter status
  'approved_exporter.not_found': {
    fr: 'Statut d’exportateur agréé introuvable.',
    en: 'Approved-exporter status not found.',
  },
  'approved_exporter.invalid': {
    fr: 'Certaines informations du statut d’exportateur agréé sont invalides.',
    en: 'Some details of the approved-exporter status are not valid.',
  },
  'approved_exporter.revoked': {
    fr: 'Ce statut d’exportateur agréé a déjà été retiré.',
    en: 'This approved-exporter status is already revoked.',
  },

  // HS nomenclature: import (origine import hs) and search
  'hs_file.too_large': { fr: 'Le fichier {file} dépasse {max}.', en: 'The file {file} is larger than {max}.' },
  'hs_file.too_many_lines': {
    fr: 'Le fichier {file} dépasse {max} lignes.',
    en: 'The file {file} has more than {max} lines.',
  },
  'hs_file.empty': { fr: 'Le fichier {file} est vide.', en: 'The file {file} is empty.' },
  'hs_file.no_data': { fr: 'Le fichier {file} ne contient aucun code.', en: 'The file {file} holds no code.' },
  'hs_file.header': {
    fr: 'En-tête inconnu (ligne {line}) : attendu « section,hscode,description,parent,level » ou « code,description ».',
    en: 'Unknown header (line {line}): expected “section,hscode,description,parent,level” or “code,description”.',
  },
  'hs_file.invalid': {
    fr: 'Le fichier {file} comporte {problems} erreur(s) ; rien n’a été importé.',
    en: 'The file {file} has {problems} problem(s); nothing was imported.',
  },
  'hs_file.quote': { fr: 'Guillemet ouvert mais jamais fermé.', en: 'A quoted field is never closed.' },
  'hs_file.columns': {
    fr: '{expected} colonnes attendues, {found} trouvée(s).',
    en: '{expected} columns expected, {found} found.',
  },
  'hs_file.code': {
    fr: 'Le code {code} doit comporter {digits} chiffres.',
    en: 'The code {code} must have {digits} digits.',
  },
  'hs_file.level': {
    fr: 'Le niveau {level} ne correspond pas au code {code}.',
    en: 'The level {level} does not match the code {code}.',
  },
  'hs_file.parent': {
    fr: 'Le parent {parent} n’est pas un préfixe du code {code}.',
    en: 'The parent {parent} is not a prefix of the code {code}.',
  },
  'hs_file.chapter_parent': {
    fr: 'Seul un chapitre (2 chiffres) peut avoir TOTAL pour parent.',
    en: 'Only a chapter (2 digits) may have TOTAL as parent.',
  },
  'hs_file.label_empty': { fr: 'La désignation est vide.', en: 'The description is empty.' },
  'hs_file.label_invalid': {
    fr: 'La désignation dépasse {max} octets ou contient des caractères de contrôle.',
    en: 'The description is longer than {max} bytes or holds control characters.',
  },
  'hs_file.duplicate': { fr: 'Le code {code} apparaît deux fois.', en: 'The code {code} appears twice.' },
  'lang.unknown': { fr: 'Langue inconnue : fr ou en.', en: 'Unknown language: fr or en.' },
  'hs_search.limit': {
    fr: 'Le nombre de résultats doit être compris entre {min} et {max}.',
    en: 'The number of results must be between {min} and {max}.',
  },
  'hs_search.query_too_long': {
    fr: 'La recherche comporte au plus {max} caractères.',
    en: 'The search has at most {max} characters.',
  },

  // Field codes the registry shares with the certificates module (an application's goods
  // lines carry the same origin facts as a product). One definition only: the certificates
  // catalogue reuses these.
  'field.required': { fr: 'Champ obligatoire.', en: 'Required field.' },
  'field.unknown': { fr: 'Champ inconnu.', en: 'Unknown field.' },
  'field.string': { fr: 'Du texte est attendu.', en: 'Text is expected.' },
  'field.boolean': { fr: 'Oui ou non est attendu.', en: 'Yes or no is expected.' },
  'field.object': { fr: 'Un objet est attendu.', en: 'An object is expected.' },
  'field.date': { fr: 'Date attendue au format AAAA-MM-JJ.', en: 'A date YYYY-MM-DD is expected.' },
  'field.too_long': { fr: '{max} caractères au plus.', en: 'At most {max} characters.' },
  'amount.range': {
    fr: 'Un nombre entier de francs CFA (0 à 10^15) est attendu.',
    en: 'A whole number of CFA francs (0 to 10^15) is expected.',
  },
  'hs_code.format': {
    fr: 'Le code SH doit comporter de {min} à {max} chiffres.',
    en: 'The HS code must have {min} to {max} digits.',
  },
  'country.format': {
    fr: 'Code pays ISO 3166 à deux lettres attendu (ex. ML).',
    en: 'An ISO 3166 two-letter country code is expected (e.g. ML).',
  },
  'product_kind.format': {
    fr: 'Nature attendue : industriel, brut ou artisanal.',
    en: 'Kind expected: industrial, unprocessed or handicraft.',
  },
  'materials.format': {
    fr: 'Liste de {max} matières au plus attendue.',
    en: 'A list of at most {max} materials is expected.',
  },
  'processes.format': {
    fr: 'Liste de {max} codes d’ouvraison au plus attendue.',
    en: 'A list of at most {max} process codes is expected.',
  },
  'regime.unknown': { fr: 'Régime inconnu ; choisissez parmi : {regimes}.', en: 'Unknown regime; choose one of: {regimes}.' },
  'regime.not_in_force': {
    fr: 'Le régime {regime} n’est pas un régime préférentiel en vigueur.',
    en: 'The regime {regime} is not a preferential regime in force.',
  },
  'comment.required': { fr: 'Un commentaire est nécessaire.', en: 'A comment is required.' },
  'comment.too_long': { fr: 'Le commentaire comporte au plus {max} caractères.', en: 'The comment has at most {max} characters.' },

  // Reference data (iso-codes)
  'mo.format': { fr: 'Catalogue de traduction illisible.', en: 'Unreadable translation catalogue.' },
  'iso_codes.format': {
    fr: 'Le fichier {file} n’est pas un fichier iso-codes.',
    en: 'The file {file} is not an iso-codes file.',
  },
} satisfies ErrorCatalogue;
