// The sign-in page.
import type { Catalogue } from './lang';

export default {
  'login.title': { fr: 'Connexion', en: 'Sign in' },
  'login.intro': {
    fr: 'Connectez-vous à votre espace pour déposer ou instruire des demandes de certificat.',
    en: 'Sign in to file or review certificate applications.',
  },
  'login.email': { fr: 'Adresse électronique', en: 'Email address' },
  'login.password': { fr: 'Mot de passe', en: 'Password' },
  'login.submit': { fr: 'Se connecter', en: 'Sign in' },
  'login.busy': { fr: 'Connexion…', en: 'Signing in…' },
  'login.failed': { fr: 'Adresse électronique ou mot de passe incorrect.', en: 'Wrong email address or password.' },
  'login.demo.title': { fr: 'Comptes de démonstration', en: 'Demo accounts' },
  'login.demo.password': { fr: 'Mot de passe commun : {password}', en: 'Shared password: {password}' },
  'login.demo.exporter2': { fr: 'Exportateur (autre société)', en: 'Exporter (another company)' },
  'login.verify': {
    fr: 'Vous souhaitez seulement vérifier un certificat ? Aucun compte n’est nécessaire :',
    en: 'Only want to verify a certificate? No account needed:',
  },
} satisfies Catalogue;
