import { describe, expect, it } from 'vitest';
import { emptyForm, emptyLine } from './form';
import { explanation, hsQuery, outcomeClass, verdictsByFormLine } from './origin';
import type { OriginVerdict } from './types';

const v = (line: number, outcome: OriginVerdict['outcome']): OriginVerdict => ({
  line,
  outcome,
  criterion: 'CTH',
  explanation_fr: `ligne ${line}`,
  explanation_en: `line ${line}`,
  reasons: [],
  form: 'ETLS-IND',
  regime_version: '2025.1',
  approval_number: null,
});

describe('origin view helpers', () => {
  it('maps verdicts to form lines, skipping blank lines', () => {
    const f = emptyForm();
    f.goods = [{ ...emptyLine(), hs_code: '120740' }, emptyLine(), { ...emptyLine(), product_id: '3' }];
    const out = verdictsByFormLine(f, [v(0, 'originating'), v(1, 'not_originating')]);
    expect(out.map((x) => x?.outcome ?? null)).toEqual(['originating', null, 'not_originating']);
  });
  it('words the verdict in the chosen language', () => {
    expect(explanation(v(2, 'needs_review'), 'fr')).toBe('ligne 2');
    expect(explanation(v(2, 'needs_review'), 'en')).toBe('line 2');
    expect(outcomeClass('not_originating')).toBe('verdict-ko');
  });
  it('sends HS queries only when useful', () => {
    expect(hsQuery('1')).toBeNull();
    expect(hsQuery('12')).toBe('12');
    expect(hsQuery('1207.4')).toBe('1207.4');
    expect(hsQuery('sé')).toBeNull();
    expect(hsQuery(' sésame ')).toBe('sésame');
  });
});
