/**
 * Shapes of the HTTP API: request bodies (validated on the server) and responses (typed on the
 * client through `import type`). Errors are always `{ error: { id, message } }`.
 */
import { z } from 'zod';
import { amendmentKindSchema, motionIdSchema, unitPathSchema } from './collab';

export const editionIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'an edition id looks like labour-2024');

export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  ruleId: z.string(),
});

/** A unit as the API shows it: the tree without source bookkeeping. */
export interface ApiUnit {
  kind: 'chapter' | 'clause' | 'unit';
  depth: number;
  label: string;
  marker: string;
  title: string;
  text: string;
  path: string;
  address: string;
  children: ApiUnit[];
}

export const editionSummarySchema = z.object({
  id: editionIdSchema,
  organisation: z.string(),
  title: z.string(),
  edition: z.string(),
  profile: z.string(),
  units: z.number().int(),
  words: z.number().int(),
});
export type EditionSummary = z.infer<typeof editionSummarySchema>;

export interface Edition extends EditionSummary {
  chapters: ApiUnit[];
}

export const searchQuerySchema = z.object({
  q: z.string().trim().min(2, 'search for at least two characters').max(200),
});

/** One line of an edition's unit list. */
export interface UnitLine {
  address: string;
  path: string;
  firstWords: string;
}

export interface SearchHit {
  address: string;
  path: string;
  /** The unit text with the match; `[[` and `]]` mark the matched words (the client renders them). */
  snippet: string;
}

export const createMotionSchema = z.object({
  editionId: editionIdSchema,
  title: z.string().trim().min(1, 'a motion needs a title').max(300),
  body: z.string().trim().max(200).default(''),
});
export type CreateMotion = z.infer<typeof createMotionSchema>;

export const addAmendmentSchema = z.object({
  kind: amendmentKindSchema,
  target: unitPathSchema,
});
export type AddAmendment = z.infer<typeof addAmendmentSchema>;

export const importMotionSchema = z.object({
  editionId: editionIdSchema,
  title: z.string().trim().max(300).optional(),
  body: z.string().trim().max(200).default(''),
  text: z.string().min(1, 'paste the motion text').max(200_000),
});
export type ImportMotion = z.infer<typeof importMotionSchema>;

export const signInSchema = z.object({
  email: z.email('an e-mail address such as name@example.org').max(320),
  password: z.string().min(1, 'a password').max(200),
});
export type SignIn = z.infer<typeof signInSchema>;

export const changePasswordSchema = z.object({
  current: z.string().min(1, 'your current password').max(200),
  next: z.string().min(10, 'a new password of at least 10 characters').max(200),
});

/** The signed-in person, as the API shows them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface AmendmentView {
  id: string;
  kind: z.infer<typeof amendmentKindSchema>;
  target: string;
  marker: string;
  text: string;
}

export interface MotionSummary {
  id: string;
  editionId: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** Paths of the units the draft touches, for markers in the rulebook view. */
  units: string[];
}

export interface Motion extends MotionSummary {
  amendments: AmendmentView[];
  argument: string;
  /** The formal motion text generated from the draft, in the edition's profile style. */
  motionText: string;
  diagnostics: z.infer<typeof diagnosticSchema>[];
}

export interface ApiError {
  error: { id: string; message: string };
}

export { motionIdSchema };
