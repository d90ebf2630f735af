// Camera scanning for /verify (lazy-loaded on the first press of the button):
// the rear camera through getUserMedia, frames decoded by jsQR, the camera
// stopped as soon as a code is read or the scan is cancelled.
import jsQR from 'jsqr';

export type CameraProblem = 'denied' | 'absent' | 'busy' | 'unavailable';

/** Maps a getUserMedia failure to what the page tells the user. */
export function cameraProblem(err: unknown): CameraProblem {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'absent';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'unavailable';
}

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`camera: ${problem}`);
    this.name = 'CameraError';
  }
}

export interface Scan {
  /** Stops the camera and the decoding loop; safe to call more than once. */
  stop(): void;
}

/** Longest side of the frame given to the decoder: enough for a QR filling part of the view, cheap on phones. */
const MAX_SIDE = 720;

/**
 * Starts the camera into `video` and calls `onCode` once with the first QR text
 * read (the camera is already stopped then). Rejects with CameraError.
 */
export async function startScan(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scan> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unavailable');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (e) {
    throw new CameraError(cameraProblem(e));
  }
  let stopped = false;
  let timer = 0;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.setAttribute('playsinline', '');
  video.muted = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    /* autoplay refused: frames still arrive once the user taps; keep trying */
  }
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) {
    stop();
    throw new CameraError('unavailable');
  }
  const tick = () => {
    if (stopped) return;
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (w > 0 && h > 0) {
      const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
      if (code && code.data) {
        stop();
        onCode(code.data);
        return;
      }
    }
    timer = window.setTimeout(tick, 150);
  };
  timer = window.setTimeout(tick, 0);
  return { stop };
}
