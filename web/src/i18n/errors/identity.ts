// Texts of the problem codes of the identity module (src/identity): sessions,
// accounts, a company's users, companies as identity owns them.
import type { ErrorCatalogue } from '../lang';

export default {
  'auth.invalid_credentials': {
    fr: 'Adresse électronique ou mot de passe incorrect.',
    en: 'Wrong email address or password.',
  },
  'session.required': { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  'session.expired': {
    fr: 'Votre session a expiré. Veuillez vous reconnecter.',
    en: 'Your session has expired. Please sign in again.',
  },
  'company.not_found': { fr: 'Entreprise introuvable.', en: 'Company not found.' },
  'nif.taken': {
    fr: 'Une autre entreprise est déjà enregistrée avec le NIF {nif}.',
    en: 'Another company is already registered with the NIF {nif}.',
  },
  'user.forbidden': {
    fr: 'Seuls les utilisateurs de l’entreprise ou un administrateur gèrent ses comptes.',
    en: 'Only the company’s users or an administrator manage its accounts.',
  },
  'user.invalid': {
    fr: 'Certaines informations du compte sont invalides.',
    en: 'Some details of the account are not valid.',
  },
  'user.not_found': { fr: 'Cet utilisateur n’appartient pas à l’entreprise.', en: 'This user does not belong to the company.' },
  'user.self_disable': {
    fr: 'Vous ne pouvez pas désactiver votre propre compte.',
    en: 'You cannot disable your own account.',
  },
  'user.company_rule': {
    fr: 'Seuls les exportateurs sont rattachés à une entreprise, et ils le sont tous.',
    en: 'Exporters, and only exporters, belong to a company.',
  },
  'email.format': { fr: 'Adresse électronique invalide.', en: 'Invalid email address.' },
  'email.taken': {
    fr: 'Un compte utilise déjà cette adresse électronique.',
    en: 'An account already uses this email address.',
  },
  'name.required': { fr: 'Le nom est obligatoire.', en: 'The name is required.' },
  'name.length': { fr: 'Le nom comporte au plus {max} caractères.', en: 'The name has at most {max} characters.' },
  'password.length': {
    fr: 'Le mot de passe doit comporter au moins {min} caractères.',
    en: 'The password must have at least {min} characters.',
  },
} satisfies ErrorCatalogue;
