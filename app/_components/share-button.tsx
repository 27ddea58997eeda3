'use client';

import { useState } from 'react';

/**
 * Shares this page: the system share sheet where the browser has one (navigator.share), else copies the link and says
 * so ("Copied") in a status line. `path` defaults to the current page.
 */
export function ShareButton({ title, path }: { title: string; path?: string }) {
  const [status, setStatus] = useState('');
  const share = async () => {
    const url = new URL(path ?? window.location.pathname, window.location.origin).toString();
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return; // the person closed the sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Copied');
    } catch {
      setStatus(`Copy this link: ${url}`);
    }
  };
  return (
    <p className="share">
      <button type="button" className="button-secondary" onClick={() => void share()}>
        Share
      </button>{' '}
      <span role="status" aria-live="polite" data-testid="share-status">
        {status}
      </span>
    </p>
  );
}
