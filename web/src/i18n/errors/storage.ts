// Texts of the storage module's codes (src/storage: the database), and of core/file.h's
// file.exists (CreateFileAtomic), which core.ts (the shared kits' catalogue) does not have yet.
import type { ErrorCatalogue } from '../lang';

export default {
  'storage.busy': {
    fr: 'La base de données est momentanément occupée. Réessayez dans un instant.',
    en: 'The database is busy for a moment. Try again shortly.',
  },
  'storage.conflict': {
    fr: 'Cet élément existe déjà.',
    en: 'This item already exists.',
  },
  'storage.unavailable': {
    fr: 'La base de données ne peut pas être ouverte.',
    en: 'The database cannot be opened.',
  },
  'storage.path': {
    fr: 'Indiquez le chemin du fichier de base de données.',
    en: 'Give the path of the database file.',
  },
  'storage.duplicate_migration': {
    fr: 'Deux migrations portent le même numéro de version.',
    en: 'Two migrations have the same version number.',
  },
  'file.exists': { fr: 'Le fichier existe déjà.', en: 'The file already exists.' },
} satisfies ErrorCatalogue;
