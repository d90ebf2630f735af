// The progress of an application: filing, payment, review, approval, signature and issue.
import { t, tDyn, type MessageKey } from '../../i18n';
import type { Application, Status } from '../../types';

export function StatusSteps({ app }: { app: Application }) {
  const payment = app.payment?.status ?? 'not_required';
  const paymentText =
    payment === 'not_required'
      ? t('steps.payment.not_required')
      : t('steps.payment.other', { status: tDyn('steps.payment.status.', payment) });
  // Steps: 0 dépôt, 1 paiement, 2 instruction, 3 approbation, 4 signature et délivrance.
  const current: Record<Status, number> = { draft: 0, returned: 0, awaiting_payment: 1, submitted: 2, approved: 4, issued: 5 };
  const cur = current[app.status] ?? 0;
  const stepState = (i: number): 'done' | 'current' | 'todo' => (i < cur ? 'done' : i === cur ? 'current' : 'todo');
  const steps: { key: MessageKey; note?: string; payment?: boolean }[] = [
    { key: 'steps.draft', note: app.status === 'returned' ? tDyn('status.', 'returned') : undefined },
    { key: 'steps.payment', note: paymentText, payment: true },
    { key: 'steps.review' },
    { key: 'steps.approval' },
    { key: 'steps.issue', note: app.certificate_number ?? undefined },
  ];
  return (
    <section class="card steps-card" aria-labelledby="steps-title">
      <h2 id="steps-title" class="h-small">
        {t('steps.title')}
      </h2>
      <ol class="steps">
        {steps.map((s, i) => {
          const st = stepState(i);
          return (
            <li class={`step step-${st}${s.payment ? ' step-payment' : ''}`} aria-current={st === 'current' ? 'step' : undefined}>
              <span class="step-dot" aria-hidden="true">
                {st === 'done' ? '✓' : i + 1}
              </span>
              <span class="step-body">
                <span class="step-label">{t(s.key)}</span>
                <span class="sr-only"> ({t(`steps.${st}` as MessageKey)})</span>
                {s.note && (
                  <span class="step-note" data-testid={s.payment ? 'payment-status' : undefined}>
                    {s.note}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

