// Small shared components.
import type { ComponentChildren } from 'preact';
import { onLinkClick } from './router';
import { t, tDyn } from './i18n';
import type { Status } from './types';

export function Link(props: { href: string; class?: string; children: ComponentChildren; 'aria-label'?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} class={props.class} onClick={onLinkClick} aria-label={props['aria-label']} aria-current={props['aria-current']}>
      {props.children}
    </a>
  );
}

export function StatusBadge({ status }: { status: Status | string }) {
  return <span class={`badge badge-${status}`}>{tDyn('status.', status)}</span>;
}

export function Alert(props: { kind: 'error' | 'success' | 'info' | 'warning'; children: ComponentChildren; title?: string }) {
  return (
    <div class={`alert alert-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.title && <strong class="alert-title">{props.title}</strong>}
      <div>{props.children}</div>
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** A labelled form control with its error message, wired with aria-invalid / aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  class?: string;
  children: (aria: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const errId = props.error ? `${props.id}-err` : undefined;
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' has-error' : ''}${props.class ? ' ' + props.class : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children({ id: props.id, 'aria-invalid': props.error ? 'true' : undefined, 'aria-describedby': describedBy })}
      {props.hint && (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span class="field-error" id={errId}>
          {props.error}
        </span>
      )}
    </div>
  );
}
