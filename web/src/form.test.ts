import { describe, expect, it } from 'vitest';
import {
  applicationToForm,
  computeTotals,
  emptyForm,
  emptyLine,
  formToInput,
  formatDate,
  formatDecimal,
  formatXof,
  fromMilli,
  normalizeDecimal,
  parseXof,
  sentIndexes,
  toMilli,
  type ApplicationForm,
} from './form';

function filled(): ApplicationForm {
  return {
    ...emptyForm(),
    regime: 'ETLS',
    consignee_name: ' Dakar Import SA ',
    consignee_address: 'Rue 10, Dakar',
    consignee_country: 'SN',
    destination_country: 'SN',
    transport_mode: 'road',
    transport_details: 'Camion AB-1234-MD',
    invoice_number: 'F-2026-0042',
    invoice_date: '2026-11-20',
    goods: [
      {
        ...emptyLine(),
        hs_code: '1207.40',
        description: 'Graines de sésame',
        quantity: '20 000',
        unit: 'kg',
        gross_weight_kg: '20100,5',
        net_weight_kg: '20000',
        value_xof: '12 000 000',
      },
    ],
  };
}

describe('formToInput', () => {
  it('converts a complete form', () => {
    expect(formToInput(filled())).toEqual({
      regime: 'ETLS',
      consignee: { name: 'Dakar Import SA', address: 'Rue 10, Dakar', country: 'SN' },
      origin_country: 'ML',
      destination_country: 'SN',
      transport: { mode: 'road', details: 'Camion AB-1234-MD' },
      invoice: { number: 'F-2026-0042', date: '2026-11-20' },
      goods: [
        {
          hs_code: '120740',
          description: 'Graines de sésame',
          quantity: '20000',
          unit: 'kg',
          gross_weight_kg: '20100.5',
          net_weight_kg: '20000',
          value_xof: 12000000,
        },
      ],
    });
  });

  it('leaves out empty fields for a draft and drops blank lines', () => {
    const f = emptyForm();
    f.goods.push({ ...emptyLine(), hs_code: '120740' });
    expect(formToInput(f)).toEqual({ origin_country: 'ML', goods: [{ hs_code: '120740', unit: 'kg' }] });
  });

  it('sends an unreadable value as a string so that the server reports it on the field', () => {
    const f = filled();
    f.goods[0].value_xof = '12 000,50';
    expect(formToInput(f).goods?.[0].value_xof).toBe('12 000,50');
  });

  it('round-trips through applicationToForm', () => {
    const input = formToInput(filled());
    const back = formToInput(applicationToForm(input));
    expect(back).toEqual(input);
  });

  it('gives an empty line to an application without goods', () => {
    const f = applicationToForm({ regime: 'NP' });
    expect(f.goods).toHaveLength(1);
    expect(f.regime).toBe('NP');
    expect(f.origin_country).toBe('');
  });

  it('computes the index each line has once blank lines are dropped', () => {
    const g = [{ ...emptyLine(), hs_code: '1' }, emptyLine(), { ...emptyLine(), description: 'x' }];
    expect(sentIndexes(g)).toEqual([0, -1, 1]);
  });
});

describe('decimals and totals', () => {
  it('parses and prints thousandths', () => {
    expect(toMilli('12.5')).toBe(12500);
    expect(toMilli('12,125')).toBe(12125);
    expect(toMilli('1 000')).toBe(1000000);
    expect(toMilli('1.2345')).toBeNull();
    expect(toMilli('abc')).toBeNull();
    expect(fromMilli(12500)).toBe('12.5');
    expect(fromMilli(3)).toBe('0.003');
    expect(fromMilli(2000)).toBe('2');
  });

  it('normalises decimals and francs', () => {
    expect(normalizeDecimal(' 1\u202f000,25 ')).toBe('1000.25');
    expect(parseXof('12 000 000')).toBe(12000000);
    expect(parseXof('12.000.000')).toBe(12000000);
    expect(parseXof('12,5')).toBeUndefined();
    expect(parseXof('')).toBeUndefined();
  });

  it('adds lines without floating-point drift', () => {
    const line = (gross: string, net: string, value: string) => ({ gross_weight_kg: gross, net_weight_kg: net, value_xof: value });
    const totals = computeTotals([line('0.1', '0.1', '100'), line('0.2', '0.2', '250 000'), line('', '', '')]);
    expect(totals).toEqual({ gross_weight_kg: '0.3', net_weight_kg: '0.3', value_xof: 250100, invalid: 0 });
  });

  it('counts unreadable lines and leaves them out', () => {
    const totals = computeTotals([
      { gross_weight_kg: '10', net_weight_kg: 'x', value_xof: '5' },
      { gross_weight_kg: '20100', net_weight_kg: '20000', value_xof: '12000000' },
    ]);
    expect(totals).toEqual({ gross_weight_kg: '20110', net_weight_kg: '20000', value_xof: 12000005, invalid: 1 });
  });

  it('formats numbers and dates for display', () => {
    expect(formatDecimal('12000000')).toBe('12\u202f000\u202f000');
    expect(formatDecimal('20100.5')).toBe('20\u202f100,5');
    expect(formatDecimal(1234567, 'en')).toBe('1,234,567');
    expect(formatDecimal('n/a')).toBe('n/a');
    expect(formatDecimal(null)).toBe('');
    expect(formatDate('2026-11-20')).toBe('20/11/2026');
    expect(formatDate('2026-11-20', 'en')).toBe('2026-11-20');
  });
});

describe('formatXof', () => {
  it.each([
    [25000, '25\u202f000 FCFA'],
    [1500, '1\u202f500 FCFA'],
    [0, '0 FCFA'],
    [-1500, '-1\u202f500 FCFA'],
    [12000000, '12\u202f000\u202f000 FCFA'],
    [1500.7, '1\u202f500 FCFA'],
  ])('%d → %s', (n, s) => expect(formatXof(n)).toBe(s));
  it('reads as "25 000 FCFA" with ordinary spaces', () => expect(formatXof(25000).replace(/\s/g, ' ')).toBe('25 000 FCFA'));
  it('shows a dash for a missing amount', () => {
    expect(formatXof(null)).toBe('—');
    expect(formatXof(undefined)).toBe('—');
    expect(formatXof(Number.NaN)).toBe('—');
  });
  it('groups the English way in English', () => expect(formatXof(25000, 'en')).toBe('25,000 FCFA'));
});
