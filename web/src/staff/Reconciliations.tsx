// "Rapprochements": the imported provider statements, the import form (administrators: a file,
// or for Wave a fetch through the provider's API), and one report with its classes, lines and
// CSV / XLSX downloads.
import { useState } from 'preact/hooks';
import { useAction } from '../action';
import { useFetch } from '../fetch';
import { formatDate, formatDateTime, formatXof } from '../form';
import { getLang } from '../i18n';
import { todayUtc } from '../product';
import { navigate } from '../router';
import type { User } from '../types';
import { Loaded, Table } from '../table';
import { Alert, Field, Link } from '../ui';
import { mayAct } from './access';
import { reconciliationUrl, staffApi, type ReconciliationLine, type ReconciliationSummary } from './api';
import { CLASSES, PROVIDERS, classLabel, problemMessage, providerLabel, readableProblem, statementSource } from './money';
import { st } from '../i18n/staff';

function sourceLabel(source: string): string {
  const s = statementSource(source);
  return s.kind === 'api' ? st('rec.source.api') : s.kind === 'upload' ? st('rec.source.upload') : source;
}

function statementDay(source: string): string {
  const day = statementSource(source).day;
  return day ? formatDate(day, getLang()) : '—';
}

export function ReconciliationsPage({ user }: { user: User }) {
  const list = useFetch(() => staffApi.reconciliations(), [], { message: problemMessage });

  const lang = getLang();
  return (
    <section aria-labelledby="rec-title">
      <div class="page-head">
        <div>
          <h1 id="rec-title">{st('rec.title')}</h1>
          <p class="muted">{st('rec.intro')}</p>
        </div>
      </div>
      {mayAct(user.role) && <ImportForm />}
      <h2>{st('rec.list.title')}</h2>
      <Loaded data={list.data} error={list.error}>
        {(r) => (
          <Table<ReconciliationSummary>
            rows={r.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ class: r.exceptions > 0 ? 'row-action' : undefined })}
            testId="reconciliations-table"
            empty={st('rec.empty')}
            columns={[
              { label: st('rec.col.id'), cell: (r) => <Link href={`/reconciliations/${r.id}`}>{`n° ${r.id}`}</Link> },
              { label: st('rec.col.provider'), cell: (r) => providerLabel(r.provider) },
              { label: st('rec.col.day'), cell: (r) => statementDay(r.source) },
              { label: st('rec.col.imported'), cell: (r) => formatDateTime(r.imported_at, lang) },
              { label: st('rec.col.source'), cell: (r) => sourceLabel(r.source) },
              { label: st('rec.col.lines'), class: 'num', cell: (r) => r.lines },
              { label: st('rec.col.exceptions'), class: 'num', cell: (r) => r.exceptions },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}

function readFile(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(String(r.result ?? ''));
    r.onerror = () => fail(r.error);
    r.readAsText(file);
  });
}

function ImportForm() {
  const [provider, setProvider] = useState('');
  const [date, setDate] = useState(todayUtc());
  const [file, setFile] = useState<File | null>(null);
  const action = useAction(readableProblem);
  const { busy, errs } = action;

  const run = (fetchFromApi: boolean) => {
    const local: Record<string, string> = {};
    if (!provider) local.provider = st('rec.import.provider.required');
    if (!date) local.date = st('rec.import.date.required');
    if (!fetchFromApi && !file) local.statement = st('rec.import.file.required');
    if (Object.keys(local).length) {
      action.setError(null);
      action.setErrs(local);
      return;
    }
    action.run(async () => {
      let statement: string | null = null;
      if (!fetchFromApi && file) {
        statement = await readFile(file);
        // An empty body would ask the server to fetch the statement itself: refuse it here.
        if (!statement.trim()) {
          action.setErrs({ statement: st('prob.empty') });
          return;
        }
      }
      const r = await staffApi.importStatement(provider, date, statement);
      navigate(`/reconciliations/${r.id}?imported=${r.lines.length}`);
    });
  };

  return (
    <form
      class="card staff-import"
      aria-labelledby="rec-import-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(false);
      }}
    >
      <h2 id="rec-import-title">{st('rec.import.title')}</h2>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <div class="grid">
        <Field id="rec-provider" label={st('rec.import.provider')} error={errs.provider}>
          {(a) => (
            <select {...a} value={provider} onChange={(e) => setProvider(e.currentTarget.value)}>
              <option value="">{st('rec.import.provider.choose')}</option>
              {PROVIDERS.map((p) => (
                <option value={p}>{providerLabel(p)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="rec-date" label={st('rec.import.date')} error={errs.date}>
          {(a) => <input {...a} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
        </Field>
        <Field id="rec-file" class="span-2" label={st('rec.import.file')} hint={st('rec.import.file.hint')} error={errs.statement}>
          {(a) => (
            <input
              {...a}
              type="file"
              accept=".csv,.json,.txt,text/csv,application/json,text/plain"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          )}
        </Field>
      </div>
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? st('rec.import.busy') : st('rec.import.submit')}
        </button>
        {provider === 'wave' && (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => run(true)}>
            {st('rec.import.fetch')}
          </button>
        )}
      </div>
    </form>
  );
}

export function ReconciliationPage({ id, query }: { id: number; query: URLSearchParams }) {
  const loaded = useFetch(() => staffApi.reconciliation(id), [id], { message: problemMessage });
  const r = loaded.data;

  const imported = query.get('imported');
  const lang = getLang();
  return (
    <section aria-labelledby="rec-report-title">
      <p>
        <Link href="/reconciliations">← {st('rec.report.back')}</Link>
      </p>
      <div class="page-head">
        <h1 id="rec-report-title">{st('rec.report.title', { id, provider: r ? providerLabel(r.provider) : '' })}</h1>
        {r && (
          <div class="btn-row">
            <a class="btn btn-small btn-secondary" href={reconciliationUrl(id, 'csv')} download>
              {st('rec.report.csv')}
            </a>
            <a class="btn btn-small btn-secondary" href={reconciliationUrl(id, 'xlsx')} download>
              {st('rec.report.xlsx')}
            </a>
          </div>
        )}
      </div>
      {imported && <Alert kind="success">{st('rec.imported', { n: imported })}</Alert>}
      <Loaded data={r} error={loaded.error}>
        {(r) => (
          <>
            <p class="muted">
              {st('rec.report.meta', { day: statementDay(r.source), at: formatDateTime(r.imported_at, lang), source: sourceLabel(r.source) })}
            </p>
            <h2>{st('rec.report.counts')}</h2>
            <ul class="class-counts" data-testid="class-counts">
              {CLASSES.map((c) => (
                <li class={`class-count class-${c}${(r.counts[c] ?? 0) > 0 && c !== 'matched' ? ' has-exceptions' : ''}`} data-class={c}>
                  <span class="class-count-label">{classLabel(c)}</span>
                  <span class="class-count-n">{r.counts[c] ?? 0}</span>
                </li>
              ))}
            </ul>
            <h2>{st('rec.report.lines')}</h2>
            <Table<ReconciliationLine>
              rows={r.lines}
              rowProps={(l) => ({ class: l.class !== 'matched' ? 'row-action' : undefined, 'data-class': l.class })}
              testId="reconciliation-lines"
              columns={[
                { label: st('rec.col.class'), cell: (l) => <span class={`badge badge-class-${l.class}`}>{classLabel(l.class)}</span> },
                {
                  label: st('rec.col.reference'),
                  class: 'mono',
                  cell: (l) =>
                    /^[0-9a-f-]{36}$/.test(l.reference) ? <Link href={`/payments/${l.reference}`}>{l.reference.slice(0, 8)}</Link> : l.reference || '—',
                },
                { label: st('rec.col.txn'), class: 'mono', cell: (l) => l.provider_transaction || '—' },
                { label: st('rec.col.amount'), class: 'num', cell: (l) => formatXof(l.amount_xof, lang) },
                { label: st('rec.col.fee'), class: 'num', cell: (l) => formatXof(l.fee_xof, lang) },
                { label: st('rec.col.at'), cell: (l) => (l.at ? formatDateTime(l.at, lang) : '—') },
                { label: st('rec.col.detail'), cell: (l) => l.detail },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}
