/**
 * The collaboration vocabulary, in one place: document names, the Y.Doc layout of a motion draft,
 * and close codes. Server, client and tests import these names instead of spelling strings.
 *
 * A motion's Y.Doc:
 *   meta        Y.Map    title: string, body: string (the submitting body, e.g. "Anytown CLP")
 *   amendments  Y.Map    amendment id → Y.Map { kind, target, order, marker?, text: Y.Text }
 *   argument    Y.Text   the supporting argument (not part of the rule)
 * Amendment texts are seeded by the server exactly once, when the amendment is created through
 * the HTTP API; clients never create or seed them (two seeds of one empty text would both stay).
 */
import { z } from 'zod';

export const MOTION_ID = /^[a-z0-9]{6,32}$/;
export const motionIdSchema = z
  .string()
  .regex(MOTION_ID, 'a motion id is 6–32 lower-case letters or digits');

/** The document name of a motion's draft: `motion.<id>`. */
export function motionDocumentName(motionId: string): string {
  return `motion.${motionId}`;
}

/** The motion id in a document name, or null when the name is not a motion document. */
export function parseDocumentName(name: string): string | null {
  const m = /^motion\.([a-z0-9]{6,32})$/.exec(name);
  return m ? (m[1] as string) : null;
}

/**
 * The motion id a Hocuspocus message is addressed to, or null. The address is the document name,
 * or the name, `\0` and the provider's session id when it runs with `sessionAwareness` (a few
 * lower-case letters and digits: `Math.random().toString(36)`).
 */
export function parseMessageAddress(address: string): string | null {
  const [name = '', session, ...rest] = address.split('\0');
  if (rest.length > 0 || (session !== undefined && !/^[a-z0-9]{1,32}$/.test(session))) return null;
  return parseDocumentName(name);
}

/** Y.Doc field names. */
export const DOC = {
  meta: 'meta',
  amendments: 'amendments',
  argument: 'argument',
} as const;

/** Field names inside the `meta` Y.Map. */
export const META = {
  title: 'title',
  body: 'body',
} as const;

/** Field names inside one amendment's Y.Map. */
export const AMENDMENT = {
  kind: 'kind',
  target: 'target',
  order: 'order',
  marker: 'marker',
  text: 'text',
} as const;

/**
 * What an amendment does to the base edition:
 * - amend:  the unit at `target` gets the text in `text`
 * - insert: a new unit (label `marker`, text `text`) goes after the unit at `target`; later
 *           siblings renumber
 * - delete: the unit at `target` goes, with its sub-units; later siblings renumber
 */
export const amendmentKindSchema = z.enum(['amend', 'insert', 'delete']);
export type AmendmentKind = z.infer<typeof amendmentKindSchema>;

/** A unit path as text, e.g. `5.IV.5.A`. */
export const unitPathSchema = z
  .string()
  .regex(/^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$/, 'a unit path looks like 5.IV.5.A');

/** A close code and the reason the client is given. */
export interface CloseReason {
  code: number;
  reason: string;
}

/**
 * WebSocket close codes Redline uses (4000–4999 are application codes). The reasons are also the
 * provider's authentication-failed reasons, which the client turns into a message.
 */
export const CLOSE = {
  unknownDocument: { code: 4404, reason: 'No such motion' },
  signedOut: { code: 4401, reason: 'Signed out' },
  forbidden: { code: 4403, reason: 'Forbidden' },
  badMessage: { code: 4400, reason: 'Malformed message' },
  /** An update would take the draft past its profile's `limits.draftBytes`; it was not saved. */
  draftTooLarge: { code: 4413, reason: 'Draft too large' },
} as const satisfies Record<string, CloseReason>;

/** How a draft's size limit reads to people: `8 MB` for 8 MiB, `64 KB` for 64 KiB. */
export function draftLimitText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Stateless messages the server broadcasts to a document's clients (JSON `{ type }`). */
export const STATELESS = {
  /** The motion's state or the reader's rights changed: reload it, the editor may now be locked. */
  motionChanged: 'motion-changed',
} as const;
