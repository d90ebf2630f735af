// Reviewer and signatory actions, used in the queue and on the application page.
import { useState } from 'preact/hooks';
import { api } from './api';
import { useAction } from './action';
import { t } from './i18n';
import { Alert } from './ui';
import type { Application, Status, User } from './types';

export function canReview(user: User, status: Status): boolean {
  return user.role === 'agent' && status === 'submitted';
}

export function canSign(user: User, status: Status): boolean {
  return user.role === 'signatory' && status === 'approved';
}

export function ReviewActions(props: {
  user: User;
  id: number;
  status: Status;
  compact?: boolean;
  onDone: (app: Application, message: string) => void;
}) {
  const { user, id, status } = props;
  const [mode, setMode] = useState<'idle' | 'return'>('idle');
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const action = useAction();
  const { busy, error } = action;

  if (!canReview(user, status) && !canSign(user, status)) return null;

  const run = (fn: () => Promise<Application>, message: (a: Application) => string) =>
    action.run(async () => {
      const a = await fn();
      setMode('idle');
      setComment('');
      props.onDone(a, message(a));
    });

  const confirmReturn = (e: Event) => {
    e.preventDefault();
    if (!comment.trim()) {
      setCommentError(t('review.comment.required'));
      return;
    }
    setCommentError(null);
    run(() => api.returnForCorrection(id, comment.trim()), () => t('review.done.return', { id }));
  };

  const cid = `return-comment-${id}`;
  return (
    <div class={`review-actions${props.compact ? ' compact' : ''}`}>
      {error && <Alert kind="error">{error}</Alert>}
      {canSign(user, status) && (
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          onClick={() => run(() => api.sign(id), (a) => t('review.done.sign', { number: a.certificate_number ?? '' }))}
        >
          {t('review.sign')}
        </button>
      )}
      {canReview(user, status) && mode === 'idle' && (
        <div class="btn-row">
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy}
            onClick={() => run(() => api.approve(id), () => t('review.done.approve', { id }))}
          >
            {t('review.approve')}
          </button>
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setMode('return')}>
            {t('review.return')}
          </button>
        </div>
      )}
      {canReview(user, status) && mode === 'return' && (
        <form class="return-form" onSubmit={confirmReturn} noValidate>
          <div class={`field${commentError ? ' has-error' : ''}`}>
            <label for={cid}>{t('review.comment')}</label>
            <textarea
              id={cid}
              rows={3}
              required
              aria-required="true"
              aria-invalid={commentError ? 'true' : undefined}
              aria-describedby={commentError ? `${cid}-err` : undefined}
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
            {commentError && (
              <span class="field-error" id={`${cid}-err`}>
                {commentError}
              </span>
            )}
          </div>
          <div class="btn-row">
            <button type="submit" class="btn btn-danger" disabled={busy}>
              {t('review.return.confirm')}
            </button>
            <button
              type="button"
              class="btn btn-ghost"
              disabled={busy}
              onClick={() => {
                setMode('idle');
                setCommentError(null);
              }}
            >
              {t('review.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
