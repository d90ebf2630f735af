// Texts of the codes of src/app: the configuration, the data directory and the operator commands
// (`origine …`). The command line prints the English message and the code; these texts are there
// for any client that shows them (and the code checker demands them).
import type { ErrorCatalogue } from '../lang';

export default {
  'config.listen': {
    fr: 'Adresse d’écoute invalide « {value} » : la forme attendue est HÔTE:PORT.',
    en: 'Invalid listen address “{value}”: expected HOST:PORT.',
  },
  'config.issuer_country': {
    fr: 'Le pays émetteur doit être un code de deux lettres majuscules (reçu « {value} »).',
    en: 'The issuing country must be two capital letters (got “{value}”).',
  },
  'config.threads': {
    fr: 'Le nombre de fils d’exécution doit être compris entre {min} et {max}.',
    en: 'The number of threads must be between {min} and {max}.',
  },
  'config.syntax': {
    fr: 'Le fichier de configuration {path} est mal formé (ligne {line}).',
    en: 'The configuration file {path} is malformed (line {line}).',
  },
  'config.value': {
    fr: 'Valeur invalide pour la clé {key} de la configuration.',
    en: 'Invalid value for the configuration key {key}.',
  },
  'config.unknown_section': {
    fr: 'Section inconnue [{section}] dans le fichier de configuration {path}.',
    en: 'Unknown section [{section}] in the configuration file {path}.',
  },
  'config.unknown_key': {
    fr: 'Clé inconnue {key} dans le fichier de configuration {path}.',
    en: 'Unknown key {key} in the configuration file {path}.',
  },
  'config.keys_store': {
    fr: 'keys.store doit valoir « file » ou « pkcs11 » (reçu « {value} »).',
    en: 'keys.store must be “file” or “pkcs11” (got “{value}”).',
  },
  'config.pkcs11': {
    fr: 'Le magasin PKCS#11 demande keys.pkcs11_module, keys.pkcs11_token et keys.pkcs11_pin_file.',
    en: 'The PKCS#11 store needs keys.pkcs11_module, keys.pkcs11_token and keys.pkcs11_pin_file.',
  },
  'config.passphrase_missing': {
    fr: 'Les clés de {path} sont chiffrées mais aucune phrase secrète n’est configurée (keys.passphrase_file).',
    en: 'The keys in {path} are encrypted but no passphrase is configured (keys.passphrase_file).',
  },
  'config.log_origin': {
    fr: 'L’origine du journal de transparence « {value} » n’est pas un nom de clé valide.',
    en: 'The transparency log origin “{value}” is not a valid key name.',
  },
  'data_dir.unavailable': {
    fr: 'Impossible de créer le répertoire de données {path}.',
    en: 'Cannot create the data directory {path}.',
  },
  'file.unreadable': { fr: 'Impossible de lire le fichier {path}.', en: 'Cannot read the file {path}.' },
  'cli.certificate_file': {
    fr: '{path} n’est pas un certificat X.509 (DER ou PEM).',
    en: '{path} is not an X.509 certificate (DER or PEM).',
  },
  'cli.trust_list_unsigned': {
    fr: 'La liste de confiance {path} n’est pas signée (format 1) : elle ne peut pas être vérifiée avec --root.',
    en: 'The trust list {path} is unsigned (format 1): it cannot be checked against --root.',
  },
  'cli.trust_list_empty': { fr: 'La liste de confiance {path} est vide.', en: 'The trust list {path} is empty.' },
  'cli.root_without_trust_list': {
    fr: 'L’option --root s’utilise avec --trust-list FICHIER.',
    en: 'The --root option needs --trust-list FILE.',
  },
  'cli.no_database': {
    fr: 'Aucune base de données dans {path} : indiquez --trust-list FICHIER ou --data RÉPERTOIRE.',
    en: 'No database in {path}: give --trust-list FILE or --data DIR.',
  },
  'cli.url_scheme': {
    fr: 'L’adresse doit commencer par http:// ou https://.',
    en: 'The URL must start with http:// or https://.',
  },
  'cli.state_dir': { fr: 'Impossible de créer le répertoire {path}.', en: 'Cannot create the directory {path}.' },
  'cli.key_mismatch': {
    fr: 'La clé --key diffère de celle conservée dans {path} ; utilisez un autre --state.',
    en: '--key differs from the key kept in {path}; use another --state.',
  },
  'cli.vkey_missing': {
    fr: 'Le serveur {url} n’a pas donné la clé de vérification de son journal.',
    en: 'The server {url} did not give its log’s verifier key.',
  },
  'cli.verifier_key': { fr: 'Clé de vérification invalide.', en: 'Invalid verifier key.' },
  'cli.kept_checkpoint': {
    fr: 'Le point de contrôle conservé dans {path} ne se vérifie pas.',
    en: 'The checkpoint kept in {path} does not verify.',
  },
} satisfies ErrorCatalogue;
