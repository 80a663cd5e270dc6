// The polite live region: always in the document (a region added together with its text is
// not reliably spoken), visually hidden, holding the latest announcement.
import { useSyncExternalStore } from 'react';
import { currentAnnouncement, subscribeAnnouncements } from './announcer';

export function LiveRegion() {
  const message = useSyncExternalStore(subscribeAnnouncements, currentAnnouncement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" aria-label="Announcements" data-testid="live-region">
      {message}
    </div>
  );
}
