// The dashboard: the lists of applications per role.
import type { Catalogue } from './lang';

export default {
  'dash.title': { fr: 'Tableau de bord', en: 'Dashboard' },
  'dash.exporter.title': { fr: 'Mes demandes de certificat', en: 'My certificate applications' },
  'dash.exporter.empty': {
    fr: 'Aucune demande pour le moment. Créez votre première demande.',
    en: 'No application yet. Create your first one.',
  },
  'dash.new': { fr: 'Nouvelle demande', en: 'New application' },
  'dash.agent.title': { fr: "File d'instruction", en: 'Review queue' },
  'dash.agent.intro': {
    fr: 'Demandes soumises en attente d’instruction.',
    en: 'Submitted applications awaiting review.',
  },
  'dash.agent.empty': { fr: 'Aucune demande en attente d’instruction.', en: 'No application awaiting review.' },
  'dash.signatory.title': { fr: 'Demandes approuvées à signer', en: 'Approved applications to sign' },
  'dash.signatory.intro': {
    fr: 'Vous ne pouvez pas signer une demande que vous avez vous-même approuvée (principe des quatre yeux).',
    en: 'You cannot sign an application you approved yourself (four-eyes principle).',
  },
  'dash.signatory.empty': {
    fr: 'Aucune demande approuvée en attente de signature.',
    en: 'No approved application awaiting signature.',
  },
  'dash.admin.title': { fr: 'Toutes les demandes', en: 'All applications' },
  'dash.admin.intro': { fr: 'Consultation en lecture seule.', en: 'Read-only view.' },
  'dash.admin.empty': { fr: 'Aucune demande.', en: 'No application.' },
  'dash.filter': { fr: 'Filtrer par statut', en: 'Filter by status' },
  'dash.filter.all': { fr: 'Tous les statuts', en: 'All statuses' },
  'dash.refresh': { fr: 'Actualiser', en: 'Refresh' },
  'app.open': { fr: 'Ouvrir la demande n° {id}', en: 'Open application no. {id}' },
  'app.number': { fr: 'Demande n° {id}', en: 'Application no. {id}' },
} satisfies Catalogue;
