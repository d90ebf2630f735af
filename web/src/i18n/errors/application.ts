// Texts of the codes of applications: the workflow (src/certificates/workflow.h) and the fields
// of the application form (src/certificates/application_input.cc), shown next to each field.
// The field codes an application shares with the registry's product form (field.required,
// field.unknown, field.string, field.boolean, field.object, field.date, field.too_long,
// amount.range, hs_code.format, country.format, product_kind.format, materials.format,
// processes.format, regime.unknown, comment.*) are defined once, in ./registry.ts.
import type { ErrorCatalogue } from '../lang';

export default {
  // The application and its workflow
  'application.not_found': { fr: 'Demande introuvable.', en: 'Application not found.' },
  'application.forbidden': {
    fr: 'Votre rôle ne permet pas cette opération sur une demande.',
    en: 'Your role does not allow this operation on an application.',
  },
  'application.state': {
    fr: 'Cette opération n’est pas possible dans l’état actuel de la demande. Rechargez la page.',
    en: 'This operation is not possible in the application’s current state. Reload the page.',
  },
  'application.four_eyes': {
    fr: 'La personne qui a approuvé la demande ne peut pas aussi la signer.',
    en: 'The person who approved the application cannot also sign it.',
  },
  'application.not_object': { fr: 'La demande envoyée est mal formée.', en: 'The application sent is malformed.' },
  'application.invalid': {
    fr: 'Certains champs de la demande sont invalides : corrigez les champs signalés.',
    en: 'Some fields of the application are invalid: correct the fields shown.',
  },
  'application.incomplete': {
    fr: 'La demande est incomplète : complétez les champs signalés avant de la soumettre.',
    en: 'The application is incomplete: fill in the fields shown before submitting it.',
  },
  'application.origin_refused': {
    fr: 'Certaines lignes de marchandises ne peuvent pas être certifiées sous le régime {regime}.',
    en: 'Some goods lines cannot be certified under the {regime} regime.',
  },
  'application.status_unknown': { fr: 'État de demande inconnu.', en: 'Unknown application status.' },

  // Fields of the form
  'field.array': { fr: 'Une liste est attendue.', en: 'A list is expected.' },
  'field.control_chars': { fr: 'Caractères de contrôle interdits.', en: 'Control characters are not allowed.' },
  'destination.same_as_origin': {
    fr: 'Le pays de destination doit différer du pays d’origine.',
    en: 'The country of destination must differ from the country of origin.',
  },
  'transport_mode.format': { fr: 'Choisissez un mode de transport.', en: 'Choose a transport mode.' },
  'decimal.format': {
    fr: 'Nombre positif attendu, avec {decimals} décimales au plus.',
    en: 'A positive number with at most {decimals} decimals is expected.',
  },
  'amount.whole': { fr: 'Montant attendu en francs CFA entiers.', en: 'A whole number of CFA francs is expected.' },
  'net_weight.above_gross': {
    fr: 'Le poids net ne peut pas dépasser le poids brut.',
    en: 'The net weight cannot exceed the gross weight.',
  },
  'goods.required': { fr: 'Ajoutez au moins une ligne de marchandises.', en: 'Add at least one goods line.' },
  'goods.too_many': { fr: '{max} lignes de marchandises au plus.', en: '{max} goods lines at most.' },
  'goods.not_originating': {
    fr: 'Cette ligne n’est pas originaire sous le régime {regime} ; le certificat non préférentiel (NP) reste possible.',
    en: 'This line is not originating under the {regime} regime; the non-preferential certificate (NP) remains possible.',
  },
  'goods.unknown_product': {
    fr: 'Produit inconnu dans votre registre de produits.',
    en: 'Unknown product in your product registry.',
  },
  'product_id.format': { fr: 'Choisissez un produit de votre registre.', en: 'Choose a product of your registry.' },
  'attributes.format': { fr: '{max} attributs au plus, valeurs textuelles.', en: 'At most {max} attributes, text values.' },
} satisfies ErrorCatalogue;
