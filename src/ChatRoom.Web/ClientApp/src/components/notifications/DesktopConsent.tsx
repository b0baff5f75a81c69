import { useState } from 'react';
import { desktopPermission, requestDesktopPermission, type DesktopPermission } from './desktopNotifications.ts';

/**
 * Asks for desktop notifications only when the user presses the button (never on its own). Hidden once the browser
 * has an answer; a refusal can only be undone in the browser's settings, so it says so.
 */
export function DesktopConsent() {
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  const [asking, setAsking] = useState(false);

  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <p className="muted">Desktop notifications are on while this tab is in the background.</p>;
  if (permission === 'denied') {
    return <p className="notice">Desktop notifications are blocked for this site. You can allow them in your browser’s site settings.</p>;
  }
  return (
    <p>
      <button
        type="button"
        className="secondary"
        disabled={asking}
        onClick={() => {
          setAsking(true);
          void requestDesktopPermission()
            .catch(() => desktopPermission())
            .then((answer) => {
              setPermission(answer);
              setAsking(false);
            });
        }}
      >
        Turn on desktop notifications
      </button>
    </p>
  );
}
