/**
 * Refuses malformed and crafted document updates before anything stores or applies them. Yjs has
 * an open issue where a tiny crafted update (a struct or deletion claiming billions of clock
 * ticks) makes applying it spin the event loop; decoding is linear in the bytes, so an update is
 * decoded first and refused when it does not decode or claims impossible lengths. Runs before
 * Persistence, so a refused update never reaches the log.
 */
import type { beforeSyncPayload, Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { CLOSE } from '../../schemas/collab';
import { log } from '../log';
import type { CollabContext } from './authorisation';
import { CloseWith } from './close-with';

// y-protocols sync message types (see y-protocols/sync.js).
const SYNC_STEP_2 = 1;
const UPDATE = 2;

/** No typed run or deletion in a rule change comes near a million characters. */
const MAX_RUN = 1_000_000;
/** Yjs clocks are per client; past this a client would have typed for centuries. */
const MAX_CLOCK = 2 ** 31;

/** Why an update is refused, or null when it may be applied. */
export function updateProblem(update: Uint8Array): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'the update does not decode';
  }
  for (const struct of decoded.structs) {
    if (struct.length > MAX_RUN || struct.id.clock + struct.length > MAX_CLOCK) {
      return `a struct claims ${struct.length} items at clock ${struct.id.clock}`;
    }
  }
  for (const deletes of decoded.ds.clients.values()) {
    for (const d of deletes) {
      if (d.len > MAX_RUN || d.clock + d.len > MAX_CLOCK) {
        return `a deletion claims ${d.len} items at clock ${d.clock}`;
      }
    }
  }
  return null;
}

export class UpdateGuard implements Extension {
  // Before every other extension's beforeSync, Persistence's above all.
  readonly priority = 1000;

  async beforeSync({ type, payload, documentName, context }: beforeSyncPayload): Promise<void> {
    if (type !== SYNC_STEP_2 && type !== UPDATE) return;
    const problem = updateProblem(payload);
    if (!problem) return;
    // A writer can send such updates again and again (each closes its connection; it reconnects).
    const { address } = context as Partial<CollabContext>;
    log.warn('collab.bad-update', { documentName, address, problem }, { per: address ?? 'server' });
    throw new CloseWith(CLOSE.badMessage);
  }
}
