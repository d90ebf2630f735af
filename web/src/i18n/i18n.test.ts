import { afterEach, describe, expect, it } from 'vitest';
import { areas, interpolate, setLang, t, tDyn, translate, type Catalogue } from '.';
import { staffAreas, st } from './staff';

afterEach(() => setLang('fr'));

describe('i18n', () => {
  it('looks up French by default', () => {
    expect(t('status.returned')).toBe('Renvoyée pour correction');
    expect(t('dash.new')).toBe('Nouvelle demande');
    expect(t('verify.valid')).toBe('Certificat valide');
  });

  it('switches to English', () => {
    setLang('en');
    expect(t('status.issued')).toBe('Issued');
    expect(translate('en', 'app.name')).toBe('Origine');
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

  it.each([
    ['main', areas],
    ['staff', staffAreas],
  ])('%s catalogues: every entry has a French and an English text, no key is in two areas', (_name, group) => {
    const parts: Catalogue[] = Object.values(group);
    const keys = parts.flatMap((c) => Object.keys(c));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const empty = parts.flatMap((c) => Object.entries(c).filter(([, e]) => !e.fr.trim() || !e.en.trim()).map(([k]) => k));
    expect(empty).toEqual([]);
  });

  it('gives staff texts in the current language', () => {
    expect(st('pay.title')).toBe('Paiements');
    setLang('en');
    expect(st('pay.title')).toBe('Payments');
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
