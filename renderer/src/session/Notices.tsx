// Messages from the host that need the analyst's attention, e.g. a quarantined store file.
import type { Notice } from '../../../shared/api';

export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: string) => void }) {
  return (
    <section className="notices-region" aria-label="Notices" hidden={notices.length === 0}>
      {notices.map((notice) => (
        <div key={notice.id} role="alert" className={`notice notice-${notice.level}`}>
          <span className="notice-icon" aria-hidden="true">
            {notice.level === 'info' ? 'ℹ' : '⚠'}
          </span>
          <p className="notice-message">{notice.message}</p>
          <button type="button" className="button button-small" onClick={() => onDismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
