/** The always-visible connection state; fixed size so nothing moves when it changes. */
import type { SaveStatus } from '../collab/session';

const TEXT: Record<SaveStatus, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  offline: 'Offline — edits kept on this device',
  connecting: 'Connecting…',
};

// A reader has nothing to save: say whether what they see is current.
const READER_TEXT: Record<SaveStatus, string> = {
  saved: 'Up to date',
  saving: 'Updating…',
  offline: 'Offline — showing the last copy',
  connecting: 'Connecting…',
};

/** Saved / Saving… / Offline (Up to date… for a reader), in a fixed-size box. */
export function StatusBadge({ status, reader = false }: { status: SaveStatus; reader?: boolean }) {
  return (
    <div
      className={`status status-${status}`}
      data-testid="status"
      data-state={status}
      role="status"
    >
      <span className="status-dot" aria-hidden="true" />
      {(reader ? READER_TEXT : TEXT)[status]}
    </div>
  );
}
