/** The always-visible connection state; fixed size so nothing moves when it changes. */
import type { SaveStatus } from '../collab/session';

const TEXT: Record<SaveStatus, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  offline: 'Offline — edits kept on this device',
  connecting: 'Connecting…',
};

/** Saved / Saving… / Offline, in a fixed-size box. */
export function StatusBadge({ status }: { status: SaveStatus }) {
  return (
    <div
      className={`status status-${status}`}
      data-testid="status"
      data-state={status}
      role="status"
    >
      <span className="status-dot" aria-hidden="true" />
      {TEXT[status]}
    </div>
  );
}
