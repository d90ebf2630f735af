import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { appendPage, nextCursor } from '../fetch';
import { setLang } from '../i18n';
import { mayAct, mayOpen, staffPageOf } from './access';
import {
  accountLabel,
  classLabel,
  formField,
  lastError,
  mayConfirmRefund,
  mayRefund,
  needsAction,
  query,
  readableProblem,
  refundInFlight,
  refundMode,
  refundState,
  stateLabel,
  statementSource,
  totalsBy,
} from './money';
import { PAGE_SIZE, pageSize } from './api';

afterEach(() => setLang('fr'));

const problem = (status: number, detail: string, errors?: { field: string; code: string; message: string }[]) =>
  new ApiError(status, { type: status === 422 ? '/problems/invalid-input' : undefined, status, detail, errors });

// A problem as the server sends it now: a code (and params) on the problem and on each field error.
const coded = (
  status: number,
  code: string,
  params: Record<string, string> = {},
  errors: { field: string; code: string; params?: Record<string, string> }[] = [],
) =>
  new ApiError(status, {
    type: status === 422 ? '/problems/invalid-input' : undefined,
    status,
    code,
    params,
    detail: 'an English sentence for developers',
    errors: errors.map((e) => ({ ...e, message: 'an English sentence' })),
  });

describe('labels', () => {
  it.each([
    ['succeeded', 'Payé'],
    ['late_success', 'Paiement tardif'],
    ['refund_pending', 'Remboursement en cours'],
    ['refunded', 'Remboursé'],
    ['failed', 'Échoué'],
    ['mystery', 'mystery'],
  ])('state %s → %s', (s, l) => expect(stateLabel(s)).toBe(l));
  it.each([
    ['matched', 'Rapproché'],
    ['amount_mismatch', 'Écart de montant'],
    ['missing_ours', 'Absent chez nous'],
    ['missing_at_provider', 'Absent chez le fournisseur'],
    ['fee_variance', 'Écart de frais'],
  ])('class %s → %s', (c, l) => expect(classLabel(c)).toBe(l));
  it('names accounts', () => {
    expect(accountLabel('ProviderClearing:orange')).toBe('Compte d’attente Orange Money');
    expect(accountLabel('Revenue:CertificateFees')).toBe('Produits — frais de certificat');
    expect(accountLabel('Other:Thing')).toBe('Other:Thing');
  });
});

describe('payments rules', () => {
  it('flags late successes and reviews, not settled refunds', () => {
    expect(needsAction({ state: 'late_success', review: null })).toBe(true);
    expect(needsAction({ state: 'succeeded', review: 'amount_mismatch' })).toBe(true);
    expect(needsAction({ state: 'succeeded', review: null })).toBe(false);
    expect(needsAction({ state: 'refunded', review: 'refund_or_review' })).toBe(false);
  });
  it('treats a missing refund_mode as manual', () => {
    expect(refundMode({})).toBe('manual');
    expect(refundMode({ refund_mode: null })).toBe('manual');
    expect(refundMode({ refund_mode: 'provider' })).toBe('provider');
    expect(mayConfirmRefund({ state: 'refund_pending' })).toBe(true);
    expect(mayConfirmRefund({ state: 'refund_pending', refund_mode: 'manual' })).toBe(true);
    expect(mayConfirmRefund({ state: 'refund_pending', refund_mode: 'provider' })).toBe(false);
    expect(mayConfirmRefund({ state: 'succeeded' })).toBe(false);
  });
  it.each([
    // state, refund_mode, refund.state → refundState, may refund, may confirm, in flight
    ['succeeded', 'provider', null, null, true, false, false],
    ['late_success', 'manual', null, null, true, false, false],
    ['refund_pending', 'manual', 'manual', 'manual', false, true, false],
    ['refund_pending', 'provider', 'requested', 'requested', false, false, true],
    ['refund_pending', 'provider', 'sent', 'sent', false, false, true],
    ['refund_pending', 'provider', 'unclear', 'unclear', false, false, true],
    ['refund_pending', 'provider', 'retry', 'retry', false, false, true],
    ['refund_pending', 'provider', 'refused', 'refused', true, true, false],
    ['refund_pending', 'provider', null, 'requested', false, false, true],
    ['refund_pending', null, null, 'manual', false, true, false],
    ['refunded', 'provider', 'done', null, false, false, false],
  ] as const)('%s / %s / refund %s', (state, mode, rstate, want, refund, confirm, flight) => {
    const p = { state, refund_mode: mode, refund: rstate ? { state: rstate } : null };
    expect(refundState(p)).toBe(want);
    expect(mayRefund(p)).toBe(refund);
    expect(mayConfirmRefund(p)).toBe(confirm);
    expect(refundInFlight(p)).toBe(flight);
  });
  it('refunds only paid payments (or again after a refusal)', () => {
    expect(['succeeded', 'late_success', 'refund_pending', 'refunded', 'pending', 'failed'].filter((s) => mayRefund({ state: s }))).toEqual([
      'succeeded',
      'late_success',
    ]);
  });
  it('says the last error in words', () => {
    expect(lastError({ review: 'amount_mismatch' })).toBe('Montant reçu différent du montant demandé');
    expect(lastError({ last_error: 'timeout', review: 'amount_mismatch' })).toBe('timeout');
    expect(lastError({ review: null })).toBe('');
  });
});

describe('paging', () => {
  it('reads next_cursor only when it is a non-empty string', () => {
    expect(nextCursor({ items: [], next_cursor: 'abc' })).toBe('abc');
    expect(nextCursor({ items: [], next_cursor: null })).toBeNull();
    expect(nextCursor({ items: [] })).toBeNull();
    expect(nextCursor({ next_cursor: '' })).toBeNull();
    expect(nextCursor({ next_cursor: 42 })).toBeNull();
    expect(nextCursor(null)).toBeNull();
  });
  it('reads the page size from the URL within 1..500', () => {
    const q = (s: string) => pageSize(new URLSearchParams(s));
    expect(q('limit=2')).toBe(2);
    expect(q('limit=500')).toBe(500);
    expect([q(''), q('limit=0'), q('limit=501'), q('limit=-3'), q('limit=2x'), q('limit=1e2')]).toEqual(Array(6).fill(PAGE_SIZE));
  });
  it('builds queries without empty parameters', () => {
    expect(query({ state: '', limit: 50, cursor: null })).toBe('?limit=50');
    expect(query({ state: 'late_success', limit: 50, cursor: 'a b' })).toBe('?state=late_success&limit=50&cursor=a+b');
    expect(query({})).toBe('');
  });
  it('appends a page without repeating items', () => {
    expect(appendPage([{ id: 3 }, { id: 2 }], [{ id: 2 }, { id: 1 }], (i) => i.id)).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }]);
  });
  it('reads how a statement came and its day', () => {
    expect(statementSource('api:2026-11-27')).toEqual({ kind: 'api', day: '2026-11-27' });
    expect(statementSource('upload:2026-11-26')).toEqual({ kind: 'upload', day: '2026-11-26' });
    expect(statementSource('upload')).toEqual({ kind: 'upload', day: null });
    expect(statementSource('ftp:2026-11-26')).toEqual({ kind: 'other', day: null });
  });
  it('totals per key', () => {
    const items = [
      { provider: 'orange', count: 2, amount_xof: 3000 },
      { provider: 'wave', count: 1, amount_xof: 1500 },
      { provider: 'orange', count: 1, amount_xof: -1500 },
    ];
    expect(totalsBy(items, (i) => i.provider)).toEqual([
      { key: 'orange', count: 3, amount_xof: 1500 },
      { key: 'wave', count: 1, amount_xof: 1500 },
    ]);
  });
});

describe('access', () => {
  it.each([
    ['admin', ['payments', 'reconciliations', 'ledger', 'treasury'], true],
    ['auditor', [], false],
    ['agent', ['payments'], false],
    ['signatory', ['payments'], false],
    ['exporter', [], false],
  ] as const)('%s opens %j, acts: %s', (role, pages, acts) => {
    expect((['payments', 'reconciliations', 'ledger', 'treasury'] as const).filter((p) => mayOpen(role, p))).toEqual(pages);
    expect(mayAct(role)).toBe(acts);
  });
  it('finds the page of a path', () => {
    expect(staffPageOf('/payments/0f9db9a8-2134-4edd-8cf5-21e27f56c3fd')).toBe('payments');
    expect(staffPageOf('/treasury')).toBe('treasury');
    expect(staffPageOf('/applications/3')).toBeNull();
    expect(staffPageOf('/')).toBeNull();
  });
});

describe('problems in French', () => {
  it('puts a missing statement column on the file field', () => {
    const r = readableProblem(
      coded(422, 'statement.header', {}, [
        { field: 'header', code: 'statement.column_missing', params: { column: 'txnid' } },
        { field: 'header', code: 'statement.column_missing', params: { column: 'amount' } },
      ]),
    );
    expect(r.message).toBe('Ligne 1 : l’en-tête du relevé ne contient pas toutes les colonnes attendues de ce prestataire.');
    expect(r.fields).toEqual({ statement: 'colonne « txnid » absente ; colonne « amount » absente' });
  });
  it('says which line is wrong', () => {
    const r = readableProblem(
      coded(422, 'statement.amount', { line: '3' }, [{ field: 'line 3/amount', code: 'statement.amount', params: { line: '3' } }]),
    );
    expect(r.message).toBe('Ligne 3 : montant invalide (francs CFA entiers attendus)');
    expect(r.fields.statement).toBe('Ligne 3 : montant invalide (francs CFA entiers attendus)');
    const w = readableProblem(
      coded(422, 'statement.no_transaction', { item: '1' }, [
        { field: 'items/0/transaction_id', code: 'statement.no_transaction', params: { item: '1' } },
      ]),
    );
    expect(w.message).toBe('Élément n° 1 : identifiant de transaction manquant');
    expect(w.fields.statement).toBe('Élément n° 1 : identifiant de transaction manquant');
  });
  it('refuses an impossible date in a statement line, naming the line', () => {
    const r = readableProblem(
      coded(422, 'statement.date', { line: '4' }, [{ field: 'line 4/date', code: 'statement.date', params: { line: '4' } }]),
    );
    expect(r.message).toBe('Ligne 4 : date invalide (une date réelle est attendue, par exemple 2026-11-27 08:00:00)');
    expect(r.fields.statement).toBe(r.message);
  });
  it('explains a file that is not a statement of this provider, next to the file', () => {
    const r = readableProblem(coded(422, 'statement.shape', { provider: 'Wave' }));
    expect(r.message).toBe('Ce fichier n’est pas un relevé Wave au format attendu.');
    expect(r.fields.statement).toBe(r.message);
    const csv = readableProblem(coded(422, 'csv.unterminated_quote', { line: '7' }));
    expect(csv.fields.statement).toBe(csv.message);
    expect(csv.message).toMatch(/ligne 7/);
  });
  it('translates the field messages of the import form', () => {
    const r = readableProblem(
      coded(422, 'field.required', {}, [
        { field: 'provider', code: 'field.required' },
        { field: 'date', code: 'field.required' },
      ]),
    );
    expect(r).toEqual({
      message: 'Champ obligatoire.',
      fields: { provider: 'Champ obligatoire.', date: 'Champ obligatoire.' },
    });
    expect(readableProblem(coded(422, 'statement.provider', {}, [{ field: 'provider', code: 'statement.provider' }])).fields).toEqual({
      provider: 'Prestataire inconnu ou désactivé.',
    });
    // An impossible day (2026-02-30) is refused, not turned into 2 March.
    expect(
      readableProblem(coded(422, 'date.format', { field: 'date' }, [{ field: 'date', code: 'date.format', params: { field: 'date' } }])),
    ).toEqual({
      message: 'Date invalide pour le champ date (format AAAA-MM-JJ).',
      fields: { date: 'Date invalide pour le champ date (format AAAA-MM-JJ).' },
    });
  });
  it('translates conflicts and refusals', () => {
    expect(readableProblem(coded(409, 'statement.duplicate')).message).toBe('Ce relevé a déjà été importé.');
    expect(readableProblem(coded(409, 'refund.not_allowed', { state: 'refunded' })).message).toBe(
      'Seul un paiement payé ou tardif peut être remboursé (celui-ci est : Remboursé).',
    );
    expect(readableProblem(coded(403, 'payment.forbidden')).message).toBe(
      'Votre rôle ne permet pas cette action sur les paiements.',
    );
    expect(readableProblem(coded(403, 'auth.forbidden', { role: 'agent' })).message).toBe(
      "Vous n'avez pas le droit d'effectuer cette action.",
    );
    expect(
      readableProblem(
        coded(422, 'refund.reason_required', { max: '2000' }, [{ field: 'reason', code: 'refund.reason_required', params: { max: '2000' } }]),
      ),
    ).toEqual({
      message: 'Indiquez le motif du remboursement (2000 caractères au plus).',
      fields: { reason: 'Indiquez le motif du remboursement (2000 caractères au plus).' },
    });
    expect(readableProblem(coded(409, 'refund.not_pending')).message).toBe('Aucun remboursement n’est en attente pour ce paiement.');
    expect(readableProblem(coded(404, 'payment.not_found')).message).toBe('Paiement introuvable.');
    expect(readableProblem(coded(404, 'reconciliation.not_found')).message).toBe('Rapprochement introuvable.');
    expect(readableProblem(coded(503, 'payment.not_configured')).message).toBe(
      'Le paiement en ligne n’est pas disponible sur ce serveur.',
    );
  });
  it('no longer reads English sentences: without a code, the French message of the status and a technical note', () => {
    const r = readableProblem(problem(422, 'something new'));
    expect(r.message).toBe('Certains champs sont incomplets ou invalides. Corrigez les champs signalés. Détail technique : something new');
    expect(readableProblem(problem(409, 'this statement was imported already')).message).toMatch(
      /Détail technique : this statement was imported already$/,
    );
    expect(readableProblem(new ApiError(0, {})).message).toBe('Le serveur est injoignable. Vérifiez votre connexion et réessayez.');
    expect(readableProblem(new Error('boom')).message).toBe('boom');
  });
  it('maps error paths to form fields', () => {
    expect(['provider', 'header', 'line 2', 'items/3/fee', 'transactions/0', 'reason', '/date'].map(formField)).toEqual([
      'provider',
      'statement',
      'statement',
      'statement',
      'statement',
      'reason',
      'date',
    ]);
  });
  it('speaks English when asked', () => {
    setLang('en');
    expect(readableProblem(coded(409, 'statement.duplicate')).message).toBe('This statement was imported already.');
    expect(readableProblem(coded(409, 'refund.not_allowed', { state: 'refunded' })).message).toBe(
      'Only a paid or late payment can be refunded (this one is: Refunded).',
    );
  });
  it('translates a problem by its codes, never showing the English sentences in French', () => {
    const coded = new ApiError(422, {
      type: '/problems/invalid-input',
      status: 422,
      code: 'some.payments_code',
      detail: 'an English sentence nobody knows',
      errors: [
        { field: 'date', code: 'date.format', message: 'must be a date YYYY-MM-DD', params: { field: 'date' } },
        { field: 'line 3', code: 'statement.unknown_code', message: 'bad amount' },
      ],
    });
    expect(readableProblem(coded)).toEqual({
      // Unknown problem code: the general message of its type, without the English detail.
      message: 'Certains champs sont incomplets ou invalides. Corrigez les champs signalés.',
      fields: { date: 'Date invalide pour le champ date (format AAAA-MM-JJ).', statement: 'Ligne 3 : Valeur invalide.' },
    });
    const known = new ApiError(503, { type: '/problems/unavailable', status: 503, code: 'unavailable', detail: 'payments are not configured' });
    expect(readableProblem(known).message).toBe('Service momentanément indisponible. Réessayez plus tard.');
  });
});
