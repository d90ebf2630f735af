import { describe, expect, it } from 'vitest';
import { mergeCountries, countryGroups } from './countries';
import { applicationToForm, emptyLine, formToInput, emptyForm, isFormPath } from './form';
import {
  approvalFor,
  canRequest,
  emptyFacts,
  emptyMaterial,
  emptyProductForm,
  factsFormToInput,
  factsToForm,
  parseAttributes,
  parseList,
  productFormToInput,
  productToForm,
} from './product';
import type { Product, ProductApproval } from './types';

describe('product form', () => {
  it('converts the cost structure, dropping blank materials and keeping unreadable amounts for the server', () => {
    const f = emptyProductForm();
    f.name = ' Beurre de karité ';
    f.hs_code = '1515.90';
    f.producer = 'Usine de Ségou';
    f.ex_works_xof = '1 000 000';
    f.processes = 'refining,\n simple_packaging';
    f.materials = [
      { ...emptyMaterial(), hs_code: '3923', description: 'Pots', cif_xof: '250 000', origin_country: 'cn' },
      emptyMaterial(),
      { ...emptyMaterial(), hs_code: '4819', cif_xof: '12,5' },
    ];
    expect(productFormToInput(f)).toEqual({
      name: 'Beurre de karité',
      hs_code: '151590',
      producer: 'Usine de Ségou',
      product_kind: 'industrial',
      wholly_obtained: false,
      ex_works_xof: 1000000,
      materials: [
        { hs_code: '3923', description: 'Pots', cif_xof: 250000, origin_country: 'CN' },
        { hs_code: '4819', cif_xof: '12,5' },
      ],
      processes: ['refining', 'simple_packaging'],
    });
    expect(productFormToInput(emptyProductForm()).ex_works_xof).toBeNull();
  });

  it('round-trips a product read from the server', () => {
    const p: Product = {
      id: 3, company_id: 1, name: 'Sésame', hs_code: '120740', producer: 'Coop', product_kind: 'unprocessed', wholly_obtained: true,
      ex_works_xof: 500, materials: [{ hs_code: '3923', description: '', cif_xof: 10, origin_country: '' }],
      processes: ['sorting'], approvals: [], created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
    };
    const input = productFormToInput(productToForm(p));
    expect(input.product_kind).toBe('unprocessed');
    expect(input.wholly_obtained).toBe(true);
    expect(input.materials).toEqual([{ hs_code: '3923', cif_xof: 10 }]);
    expect(input.processes).toEqual(['sorting']);
  });
});

describe('origin facts of a goods line', () => {
  it('sends nothing when nothing was given', () => {
    expect(factsFormToInput(null)).toBeUndefined();
    expect(factsFormToInput(emptyFacts())).toBeUndefined();
  });

  it('sends the facts given, parsed', () => {
    const f = { ...emptyFacts(), product_kind: 'industrial' as const, ex_works_xof: '2000', processes: 'roasting',
      attributes: 'sex=male, age_months = 30', materials: [{ ...emptyMaterial(), hs_code: '1207', cif_xof: '700' }] };
    expect(factsFormToInput(f)).toEqual({
      product_kind: 'industrial', ex_works_xof: 2000, processes: ['roasting'],
      attributes: { sex: 'male', age_months: '30' }, materials: [{ hs_code: '1207', cif_xof: 700 }],
    });
  });

  it('travels with the application form and back', () => {
    const form = emptyForm();
    form.goods = [{ ...emptyLine(), hs_code: '151590', facts: { ...emptyFacts(), wholly_obtained: true, suspensive_regime: true } }];
    const input = formToInput(form);
    expect(input.goods?.[0].origin_facts).toEqual({ wholly_obtained: true, suspensive_regime: true });
    const back = applicationToForm(input);
    expect(back.goods[0].facts?.wholly_obtained).toBe(true);
    expect(back.goods[0].facts?.suspensive_regime).toBe(true);
    expect(applicationToForm({ goods: [{ hs_code: '1' }] }).goods[0].facts).toBeNull();
    expect(factsToForm({ attributes: { purpose: 'breeding' } })?.attributes).toBe('purpose=breeding');
  });

  it('shows the facts errors next to the line', () => {
    expect(isFormPath('goods/0/origin_facts/ex_works_xof')).toBe(true);
    expect(isFormPath('goods/2/origin_facts/materials/1/hs_code')).toBe(true);
  });

  it('parses lists and attributes', () => {
    expect(parseList(' a, b;\nc ,, ')).toEqual(['a', 'b', 'c']);
    expect(parseAttributes('flag, k = v=w')).toEqual({ flag: '', k: 'v=w' });
  });
});

describe('approvals per regime', () => {
  const a = (id: number, regime: string, status: ProductApproval['status'], valid_until: string | null = null): ProductApproval => ({
    id, regime, status, number: status === 'granted' ? `N${id}` : null, valid_from: null, valid_until, comment: '',
    requested_at: '', decided_at: null,
  });
  it('prefers a valid grant, else the latest request', () => {
    const list = [a(1, 'ETLS', 'granted', '2027-01-01'), a(2, 'ETLS', 'refused'), a(3, 'UEMOA', 'granted', '2026-01-01'), a(4, 'UEMOA', 'requested')];
    expect(approvalFor(list, 'ETLS', '2026-11-27')?.id).toBe(1);
    expect(approvalFor(list, 'UEMOA', '2026-11-27')?.id).toBe(4);
    expect(approvalFor(list, 'AFCFTA', '2026-11-27')).toBeNull();
    expect(canRequest(list, 'ETLS', '2026-11-27')).toBe(false);
    expect(canRequest(list, 'UEMOA', '2026-11-27')).toBe(false);
    expect(canRequest(list, 'AFCFTA', '2026-11-27')).toBe(true);
    expect(canRequest([a(5, 'ETLS', 'granted', '2026-01-01')], 'ETLS', '2026-11-27')).toBe(true);
  });
});

describe('countries from the registry', () => {
  it('merges the French and English lists and groups West Africa first', () => {
    const list = mergeCountries(
      [{ code: 'SN', alpha3: 'SEN', name: 'Sénégal' }, { code: 'DE', alpha3: 'DEU', name: 'Allemagne' }, { code: 'ML', alpha3: 'MLI', name: 'Mali' }],
      [{ code: 'SN', alpha3: 'SEN', name: 'Senegal' }, { code: 'DE', alpha3: 'DEU', name: 'Germany' }],
    );
    expect(list.find((c) => c.code === 'SN')).toEqual({ code: 'SN', fr: 'Sénégal', en: 'Senegal' });
    expect(list.find((c) => c.code === 'ML')?.en).toBe('Mali');
    const g = countryGroups(list, 'fr');
    expect(g.westAfrica.map((c) => c.code)).toEqual(['ML', 'SN']);
    expect(g.others.map((c) => c.code)).toEqual(['DE']);
  });
});
