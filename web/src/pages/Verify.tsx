import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { ApiError, errorMessage } from '../errors';
import { t, type Lang } from '../i18n';
import { Alert } from '../ui';
import type { Verification } from '../types';
import { ResultView } from '../verify/ResultView';
import type { OfflineVerification } from '../verify/offline';
import type { KeptMeta } from '../verify/trustStore';
import type { Scan } from '../verify/camera';

type Mode = 'qr' | 'number';

// Loaded only on /verify (separate chunks): the offline verifier and the QR decoder.
const loadOffline = () => import('../verify/offline');
const loadCamera = () => import('../verify/camera');

/** The service worker makes /verify work with no network after a first visit (src/sw/sw.ts). */
function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/verify' }).catch(() => {
    /* no offline mode in this browser: online verification still works */
  });
}

function trustDate(meta: KeptMeta, lang: Lang): string {
  return new Date(meta.issuedAt * 1000).toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
}

export function VerifyPage({ query, lang }: { query: URLSearchParams; lang: Lang }) {
  const qrParam = query.get('qr');
  const nParam = query.get('n');
  const [mode, setMode] = useState<Mode>(nParam && !qrParam ? 'number' : 'qr');
  const [qr, setQr] = useState(qrParam ?? '');
  const [number, setNumber] = useState(nParam ?? '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | OfflineVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [trust, setTrust] = useState<KeptMeta | null>(null);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [cameraError, setCameraError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const scanRef = useRef<Scan | null>(null);

  // Offline support: service worker, trust list kept fresh while online, online/offline state.
  useEffect(() => {
    registerServiceWorker();
    let alive = true;
    const refresh = async () => {
      try {
        const m = await loadOffline();
        if (navigator.onLine) await m.refreshTrustList().catch(() => undefined);
        const meta = await m.keptTrustListMeta();
        if (alive) setTrust(meta);
      } catch {
        /* chunk not loadable (offline without service worker): nothing to show */
      }
    };
    const goOnline = () => {
      setOnline(true);
      refresh();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    refresh();
    return () => {
      alive = false;
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      scanRef.current?.stop();
    };
  }, []);

  const show = (r: Verification | OfflineVerification) => {
    setResult(r);
    queueMicrotask(() => resultRef.current?.focus());
  };

  const verifyOffline = async (v: string) => {
    const m = await loadOffline();
    try {
      const r = await m.verifyOffline(v);
      setTrust(r.trust_list);
      show(r);
    } catch (err) {
      setError(err instanceof m.NoTrustListError ? t('offline.no_trust_list') : errorMessage(err));
    }
  };

  const verify = async (m: Mode, value: string) => {
    const v = value.trim();
    setResult(null);
    if (!v) {
      setError(t('verify.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (!navigator.onLine) {
        setOnline(false);
        if (m === 'qr') await verifyOffline(v);
        else setError(t('offline.number'));
        return;
      }
      show(await api.verify(m === 'qr' ? { qr: v } : { number: v }));
    } catch (err) {
      // The server cannot be reached: verify the QR on this device instead.
      if (err instanceof ApiError && err.status === 0 && m === 'qr') await verifyOffline(v);
      else if (err instanceof ApiError && err.status === 0) setError(t('offline.number'));
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const stopCamera = () => {
    scanRef.current?.stop();
    scanRef.current = null;
    setCamera('off');
  };

  const startCamera = async () => {
    setCameraError(null);
    setError(null);
    setCamera('starting');
    try {
      const cam = await loadCamera();
      try {
        let read = false;
        const scan = await cam.startScan(videoRef.current!, (text) => {
          read = true;
          scanRef.current = null;
          setCamera('off');
          setMode('qr');
          setQr(text);
          verify('qr', text);
        });
        if (!read) {
          scanRef.current = scan;
          setCamera('on');
        }
      } catch (err) {
        setCamera('off');
        setCameraError(t(`camera.${err instanceof cam.CameraError ? err.problem : 'unavailable'}`));
      }
    } catch {
      setCamera('off');
      setCameraError(t('camera.unavailable'));
    }
  };

  // ?qr=… or ?n=… : prefill and verify at once.
  useEffect(() => {
    if (qrParam) {
      setMode('qr');
      setQr(qrParam);
      verify('qr', qrParam);
    } else if (nParam) {
      setMode('number');
      setNumber(nParam);
      verify('number', nParam);
    }
    // Once per ?qr= / ?n= of the address (verify itself is a new function at every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qrParam, nParam]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    verify(mode, mode === 'qr' ? qr : number);
  };

  return (
    <section aria-labelledby="verify-title" class="verify">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <p class="muted">{t('verify.intro')}</p>
      {!online && (
        <p class="offline-banner" role="status" data-testid="offline-banner">
          {trust ? t('offline.banner', { date: trustDate(trust, lang), version: trust.version }) : t('offline.banner.none')}
        </p>
      )}
      {online && trust && (
        <p class="hint offline-ready" data-testid="offline-ready">
          {t('offline.ready', { date: trustDate(trust, lang), version: trust.version })}
        </p>
      )}
      <form class="card" onSubmit={onSubmit} noValidate>
        <div class="tabs" role="radiogroup" aria-label={t('verify.title')}>
          <label class={`tab${mode === 'qr' ? ' active' : ''}`}>
            <input type="radio" name="mode" value="qr" checked={mode === 'qr'} onChange={() => setMode('qr')} />
            {t('verify.mode.qr')}
          </label>
          <label class={`tab${mode === 'number' ? ' active' : ''}`}>
            <input type="radio" name="mode" value="number" checked={mode === 'number'} onChange={() => setMode('number')} />
            {t('verify.mode.number')}
          </label>
        </div>
        {mode === 'qr' ? (
          <div class="field">
            <label for="verify-qr">{t('verify.qr')}</label>
            <textarea
              id="verify-qr"
              class="mono"
              rows={5}
              spellcheck={false}
              autoComplete="off"
              value={qr}
              onInput={(e) => setQr(e.currentTarget.value)}
            />
          </div>
        ) : (
          <div class="field">
            <label for="verify-number">{t('verify.number')}</label>
            <input
              id="verify-number"
              class="mono"
              type="text"
              autoComplete="off"
              aria-describedby="verify-number-hint"
              value={number}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
            <span class="hint" id="verify-number-hint">
              {t('verify.number.hint')}
            </span>
          </div>
        )}
        <div class="verify-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('verify.busy') : t('verify.submit')}
          </button>
          {camera === 'off' ? (
            <button type="button" class="btn" onClick={startCamera} data-testid="camera-start">
              {t('camera.start')}
            </button>
          ) : (
            <button type="button" class="btn" onClick={stopCamera}>
              {t('camera.stop')}
            </button>
          )}
        </div>
        <div class="camera" hidden={camera === 'off'}>
          <video ref={videoRef} class="camera-video" aria-label={t('camera.video')} data-testid="camera-video" />
          <p class="hint" role="status">
            {camera === 'starting' ? t('camera.starting') : t('camera.hint')}
          </p>
        </div>
      </form>
      {cameraError && (
        <Alert kind="error">
          <span data-testid="camera-error">{cameraError}</span>
        </Alert>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      <div ref={resultRef} tabIndex={-1} aria-live="polite" class="verify-result-wrap">
        {result && <ResultView v={result} lang={lang} />}
        {result && 'offline' in result && (
          <p class="hint" data-testid="offline-result">
            {t('offline.result', { date: trustDate(result.trust_list, lang) })}
          </p>
        )}
      </div>
    </section>
  );
}
