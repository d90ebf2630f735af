// Texts of the transparency log's codes (src/tlog: leaves, proofs, tiles, signed notes, checkpoints, monitor).
import type { ErrorCatalogue } from '../lang';

export default {
  'tlog.batch': { fr: 'Aucune entrée à ajouter au journal.', en: 'No entry to append to the log.' },
  'tlog.record': {
    fr: 'L’entrée du journal de transparence est invalide.',
    en: 'The transparency log entry is invalid.',
  },
  'tlog.event': {
    fr: 'Type d’événement inconnu dans le journal de transparence.',
    en: 'Unknown event type in the transparency log.',
  },
  'tlog.entry_too_large': {
    fr: 'L’entrée du journal dépasse 65 535 octets.',
    en: 'The log entry is larger than 65,535 bytes.',
  },
  'tlog.entry_not_found': {
    fr: 'Le journal n’a pas d’entrée numéro {index}.',
    en: 'The log has no entry number {index}.',
  },
  'tlog.size': {
    fr: 'La taille demandée ({size}) dépasse celle du journal ({log_size}).',
    en: 'The requested size ({size}) is beyond the log’s size ({log_size}).',
  },
  'tlog.proof_range': {
    fr: 'Les positions demandées pour la preuve sont hors de l’arbre.',
    en: 'The positions asked for the proof are outside the tree.',
  },
  'tlog.hash': {
    fr: 'Une empreinte doit faire 32 octets.',
    en: 'A hash must be 32 bytes long.',
  },
  'tlog.inclusion': {
    fr: 'La preuve d’inclusion n’est pas valide.',
    en: 'The inclusion proof is not valid.',
  },
  'tlog.consistency': {
    fr: 'La preuve de cohérence n’est pas valide.',
    en: 'The consistency proof is not valid.',
  },
  'tlog.node_not_found': {
    fr: 'Ce nœud n’existe pas dans l’arbre du journal.',
    en: 'This node does not exist in the log tree.',
  },
  'tlog.tile_path': {
    fr: 'Le chemin de tuile demandé est invalide.',
    en: 'The requested tile path is invalid.',
  },
  'tlog.tile_not_found': {
    fr: 'Cette tuile n’existe pas (encore) dans le journal.',
    en: 'This tile does not exist in the log (yet).',
  },
  'tlog.tile_content': {
    fr: 'Le contenu de la tuile est invalide.',
    en: 'The tile content is invalid.',
  },
  'tlog.key_not_found': {
    fr: 'Le fichier de clé du journal est introuvable.',
    en: 'The log key file does not exist.',
  },
  'tlog.key_file': {
    fr: 'Le fichier de clé du journal est illisible.',
    en: 'The log key file cannot be read.',
  },
  'tlog.key_name': {
    fr: 'Le fichier de clé du journal appartient à « {name} », pas à « {expected} ».',
    en: 'The log key file belongs to “{name}”, not “{expected}”.',
  },
  'note.malformed': {
    fr: 'La note signée est mal formée.',
    en: 'The signed note is malformed.',
  },
  'note.signature': {
    fr: 'La signature de la note n’est pas valide ou ne provient d’aucune clé connue.',
    en: 'The note signature is not valid or comes from no known key.',
  },
  'note.text': {
    fr: 'Le texte à signer doit finir par un retour à la ligne et ne contenir aucun caractère de contrôle.',
    en: 'The text to sign must end with a newline and hold no control characters.',
  },
  'note.key': {
    fr: 'La clé de note est invalide.',
    en: 'The note key is invalid.',
  },
  'note.key_name': {
    fr: 'Le nom de clé est invalide (ni espace, ni « + », ni caractère de contrôle).',
    en: 'The key name is invalid (no spaces, “+” or control characters).',
  },
  'checkpoint.malformed': {
    fr: 'Le point de contrôle du journal est mal formé.',
    en: 'The log checkpoint is malformed.',
  },
  'checkpoint.origin': {
    fr: 'Le point de contrôle provient d’un autre journal.',
    en: 'The checkpoint comes from another log.',
  },
  'monitor.shrank': {
    fr: 'Le journal a rétréci depuis la dernière vérification : conservez les deux points de contrôle comme preuve.',
    en: 'The log shrank since the last check: keep both checkpoints as evidence.',
  },
  'monitor.fork': {
    fr: 'Le journal n’est pas cohérent avec la dernière vérification (fourche) : conservez les deux points de contrôle comme preuve.',
    en: 'The log is not consistent with the last check (a fork): keep both checkpoints as evidence.',
  },
  'monitor.tiles': {
    fr: 'Les tuiles du journal ne correspondent pas à son point de contrôle.',
    en: 'The log tiles do not match its checkpoint.',
  },
} satisfies ErrorCatalogue;
