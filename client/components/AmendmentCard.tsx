/** One amendment in the workspace: its editor with track changes, or the deleted unit struck. */
import { useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ApiUnit } from '../../schemas/api';
import type { AmendmentEntry } from '../../core/amendments/draft-doc';
import { CollabEditor } from './CollabEditor';

const KIND_LABEL = { amend: 'Amend', insert: 'New unit', delete: 'Delete' } as const;

/** One amendment: a live editor with track changes, or the struck-through deleted unit. */
export function AmendmentCard({
  entry,
  base,
  awareness,
  readOnly,
  onRemove,
}: {
  entry: AmendmentEntry;
  base: ApiUnit | undefined;
  awareness: Awareness | null;
  readOnly: boolean;
  onRemove: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const title =
    entry.kind === 'insert'
      ? `New unit ${entry.marker} after ${entry.target}`.replace('  ', ' ')
      : entry.target;
  return (
    <article className={`amendment amendment-${entry.kind}`} aria-label={title}>
      <header className="amendment-head">
        <span className={`kind kind-${entry.kind}`}>{KIND_LABEL[entry.kind]}</span>
        <h3>{title}</h3>
        {!readOnly && (
          <button
            type="button"
            className="btn btn-quiet btn-small"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onRemove().finally(() => setBusy(false));
            }}
            aria-label={`Remove the amendment of ${entry.target}`}
          >
            Remove
          </button>
        )}
      </header>
      {!base && <p className="error-text">Unit {entry.target} is not in this edition.</p>}
      {entry.kind === 'delete' ? (
        <p className="legal deleted-unit" data-testid="deleted-unit" data-target={entry.target}>
          <del>
            {base?.marker} {base?.text}
          </del>
        </p>
      ) : entry.text ? (
        <div className="unit-editor" data-testid="unit-editor" data-target={entry.target}>
          <CollabEditor
            text={entry.text}
            awareness={awareness}
            base={entry.kind === 'insert' ? '' : (base?.text ?? '')}
            label={`Proposed text of ${title}`}
            placeholder={entry.kind === 'insert' ? 'Text of the new unit…' : undefined}
            className="editor legal-editor"
            readOnly={readOnly}
          />
        </div>
      ) : null}
    </article>
  );
}
