// A short list of countries (ISO 3166 alpha-2): West Africa first, then the main trading partners.
import { getLang } from './i18n';

export interface Country {
  code: string;
  fr: string;
  en: string;
  group: 'wa' | 'partner';
}

export const COUNTRIES: Country[] = [
  // Afrique de l'Ouest
  { code: 'ML', fr: 'Mali', en: 'Mali', group: 'wa' },
  { code: 'BJ', fr: 'Bénin', en: 'Benin', group: 'wa' },
  { code: 'BF', fr: 'Burkina Faso', en: 'Burkina Faso', group: 'wa' },
  { code: 'CV', fr: 'Cap-Vert', en: 'Cabo Verde', group: 'wa' },
  { code: 'CI', fr: "Côte d'Ivoire", en: "Côte d'Ivoire", group: 'wa' },
  { code: 'GM', fr: 'Gambie', en: 'Gambia', group: 'wa' },
  { code: 'GH', fr: 'Ghana', en: 'Ghana', group: 'wa' },
  { code: 'GN', fr: 'Guinée', en: 'Guinea', group: 'wa' },
  { code: 'GW', fr: 'Guinée-Bissau', en: 'Guinea-Bissau', group: 'wa' },
  { code: 'LR', fr: 'Liberia', en: 'Liberia', group: 'wa' },
  { code: 'MR', fr: 'Mauritanie', en: 'Mauritania', group: 'wa' },
  { code: 'NE', fr: 'Niger', en: 'Niger', group: 'wa' },
  { code: 'NG', fr: 'Nigeria', en: 'Nigeria', group: 'wa' },
  { code: 'SN', fr: 'Sénégal', en: 'Senegal', group: 'wa' },
  { code: 'SL', fr: 'Sierra Leone', en: 'Sierra Leone', group: 'wa' },
  { code: 'TG', fr: 'Togo', en: 'Togo', group: 'wa' },
  // Partenaires principaux
  { code: 'ZA', fr: 'Afrique du Sud', en: 'South Africa', group: 'partner' },
  { code: 'DZ', fr: 'Algérie', en: 'Algeria', group: 'partner' },
  { code: 'DE', fr: 'Allemagne', en: 'Germany', group: 'partner' },
  { code: 'SA', fr: 'Arabie saoudite', en: 'Saudi Arabia', group: 'partner' },
  { code: 'BE', fr: 'Belgique', en: 'Belgium', group: 'partner' },
  { code: 'CM', fr: 'Cameroun', en: 'Cameroon', group: 'partner' },
  { code: 'CA', fr: 'Canada', en: 'Canada', group: 'partner' },
  { code: 'CN', fr: 'Chine', en: 'China', group: 'partner' },
  { code: 'AE', fr: 'Émirats arabes unis', en: 'United Arab Emirates', group: 'partner' },
  { code: 'ES', fr: 'Espagne', en: 'Spain', group: 'partner' },
  { code: 'US', fr: 'États-Unis', en: 'United States', group: 'partner' },
  { code: 'FR', fr: 'France', en: 'France', group: 'partner' },
  { code: 'IN', fr: 'Inde', en: 'India', group: 'partner' },
  { code: 'IT', fr: 'Italie', en: 'Italy', group: 'partner' },
  { code: 'JP', fr: 'Japon', en: 'Japan', group: 'partner' },
  { code: 'MA', fr: 'Maroc', en: 'Morocco', group: 'partner' },
  { code: 'NL', fr: 'Pays-Bas', en: 'Netherlands', group: 'partner' },
  { code: 'GB', fr: 'Royaume-Uni', en: 'United Kingdom', group: 'partner' },
  { code: 'CH', fr: 'Suisse', en: 'Switzerland', group: 'partner' },
  { code: 'TD', fr: 'Tchad', en: 'Chad', group: 'partner' },
  { code: 'TR', fr: 'Turquie', en: 'Türkiye', group: 'partner' },
  { code: 'VN', fr: 'Viêt Nam', en: 'Viet Nam', group: 'partner' },
];

const byCode = new Map(COUNTRIES.map((c) => [c.code, c]));

/** Country name in the current language; unknown codes are shown as the code itself. */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  const c = byCode.get(code.toUpperCase());
  if (!c) return code;
  return getLang() === 'en' ? c.en : c.fr;
}
