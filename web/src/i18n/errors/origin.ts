// Texts of the origin module's codes (src/origin: regime files, product-specific rules, the rules engine).
import type { ErrorCatalogue } from '../lang';

export default {
  'regime.syntax': {
    fr: 'Le fichier de régime {file} contient une erreur.',
    en: 'The regime file {file} has an error.',
  },
  'rule.syntax': {
    fr: 'La règle d’origine est mal écrite (WO, CC, CTH, CTSH, VA>=n, VNM<=n, SP:procédé).',
    en: 'The origin rule is malformed (WO, CC, CTH, CTSH, VA>=n, VNM<=n, SP:process).',
  },
  'regime.dir_not_found': {
    fr: 'Le dossier des régimes {dir} est introuvable.',
    en: 'The regimes folder {dir} does not exist.',
  },
  'regime.none': {
    fr: 'Le dossier {dir} ne contient aucun régime.',
    en: 'The folder {dir} holds no regime.',
  },
  'regime.file_not_found': {
    fr: 'Le fichier {file} est introuvable.',
    en: 'The file {file} does not exist.',
  },
  'regime.file_too_large': {
    fr: 'Le fichier {file} dépasse {max} octets.',
    en: 'The file {file} is larger than {max} bytes.',
  },
  'regime.unreadable': {
    fr: 'Le fichier {file} ne peut pas être lu.',
    en: 'The file {file} cannot be read.',
  },
  'regime.duplicate': {
    fr: 'L’interdiction d’exportation {code} est définie dans deux fichiers.',
    en: 'The export ban {code} is defined in two files.',
  },
} satisfies ErrorCatalogue;
