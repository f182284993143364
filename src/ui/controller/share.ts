/**
 * Browser-side helpers for share links and trace export: the page URL's hash, the clipboard and
 * file downloads. No simulation logic here.
 */
import { shareParam } from '../../core/scenario/share';
import type { TraceRecord } from '../../core/trace';

/** hashShare gives the page's share fragment (`s=…`), or null when the hash holds none. */
export function hashShare(): string | null {
  return shareParam(window.location.hash) === null ? null : window.location.hash;
}

/** setHash replaces the URL's hash without a history entry or a hashchange event ('' clears it). */
export function setHash(fragment: string): string {
  const base = `${window.location.origin}${window.location.pathname}${window.location.search}`;
  const url = fragment ? `${base}#${fragment}` : base;
  if (url !== window.location.href) window.history.replaceState(window.history.state, '', url);
  return url;
}

/** copyText tries the clipboard; headless browsers may lack it or deny it, which is fine. */
export function copyText(text: string): Promise<boolean> {
  try {
    const clip = navigator.clipboard;
    if (!clip) return Promise.resolve(false);
    return clip.writeText(text).then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

/**
 * traceBlob turns records into JSON Lines, exactly as given (one JSON object per line, in order),
 * built in chunks so a long trace never becomes one giant string.
 */
export function traceBlob(records: readonly TraceRecord[], count = records.length): Blob {
  const parts: string[] = [];
  const CHUNK = 20_000;
  for (let i = 0; i < count; i += CHUNK) {
    let s = '';
    const end = Math.min(count, i + CHUNK);
    for (let j = i; j < end; j++) s += JSON.stringify(records[j]) + '\n';
    parts.push(s);
  }
  return new Blob(parts, { type: 'application/x-ndjson' });
}

/** download saves a blob under `filename` through a temporary link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
