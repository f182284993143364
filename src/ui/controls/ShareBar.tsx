/** ShareBar shows the share link of the moment just shared, ready to copy. */
import { selectShareUrl } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { copyText } from '../controller/share';
import { useState } from 'react';

const selectSetShareUrl = (s: PlaygroundState) => s.setShareUrl;

export function ShareBar() {
  const url = useStore(selectShareUrl);
  const setUrl = useStore(selectSetShareUrl);
  const [copied, setCopied] = useState(false);
  if (!url) return null;
  return (
    <div className="banner banner-share" role="status">
      <label className="share-label" htmlFor="share-url">
        Share link to this exact moment (paused):
      </label>
      <input id="share-url" className="share-url" readOnly value={url} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
      <button onClick={() => void copyText(url).then(setCopied)}>{copied ? 'Copied ✓' : 'Copy'}</button>
      <button className="icon-btn" aria-label="Close share link" onClick={() => setUrl(null)}>
        ✕
      </button>
    </div>
  );
}
