import { afterEach, describe, expect, it } from 'vitest';
import { dictionaries, interpolate, setLang, t, tDyn, translate } from './i18n';

afterEach(() => setLang('fr'));

describe('i18n', () => {
  it('looks up French by default', () => {
    expect(t('status.returned')).toBe('Renvoyée pour correction');
    expect(t('dash.new')).toBe('Nouvelle demande');
    expect(t('verify.valid')).toBe('Certificat valide');
  });

  it('switches to English and falls back to French for missing keys', () => {
    setLang('en');
    expect(t('status.issued')).toBe('Issued');
    expect(translate('en', 'app.name')).toBe('Origine'); // only in fr
  });

  it('falls back to the key for unknown keys', () => {
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(t('form.title.edit', { id: 12 })).toBe('Demande n° 12');
    expect(interpolate('a {x} {y}', { x: 1 })).toBe('a 1 {y}');
  });

  it('translates dynamic values and keeps unknown ones raw', () => {
    expect(tDyn('status.', 'submitted')).toBe('Soumise');
    expect(tDyn('regime.', 'ETLS')).toBe('CEDEAO — SLE');
    expect(tDyn('regime.', 'UEMOA')).toBe('UEMOA');
    expect(tDyn('status.', undefined)).toBe('');
  });

  it('has an English text for every French key except brand names', () => {
    const allowed = ['app.name', 'certs.pdf', 'form.goods.remove.short', 'view.none'];
    const missing = Object.keys(dictionaries.fr).filter((k) => !(k in dictionaries.en) && !allowed.includes(k));
    expect(missing).toEqual([]);
  });

  it('uses the required French status labels', () => {
    expect(['draft', 'submitted', 'returned', 'approved', 'issued'].map((s) => tDyn('status.', s).toLowerCase())).toEqual([
      'brouillon',
      'soumise',
      'renvoyée pour correction',
      'approuvée',
      'délivrée',
    ]);
  });
});
