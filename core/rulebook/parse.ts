/**
 * Parses a rulebook edition — Markdown (SPEC §3) or plain text pasted from a PDF or Word file —
 * into a unit tree with addresses, plus diagnostics. Never throws on content.
 *
 * Markdown block structure (front matter, headings) comes from markdown.ts; the numbered units are
 * read line by line, because their literal labels (`A.`, `ii.`) are not Markdown lists and their
 * text must be sliced from the source exactly as written.
 *
 * Time is linear in the source: the profile's limits (characters, units, depth) are enforced as
 * error diagnostics, the size and "is it text at all" before anything else, units and depth as
 * the tree is built, where they stop the reading; a rulebook with no chapter is an error too.
 */
import { capDiagnostics, type Diagnostic } from '../diagnostics';
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import { checkRulebook } from './read/checks';
import { readBlocks, readLine, skipContents } from './read/lines';
import { refuseSource } from './read/source';
import { LineState } from './read/state';
import { markOrigin } from './tree';
import type { ParseResult, Rulebook } from './types';

export interface ParseOptions {
  profile?: Profile;
  /** Force a format; by default front matter or `#` headings mean Markdown. */
  format?: 'markdown' | 'text';
  /** Edition to use when the source does not name one (plain text). */
  edition?: string;
  /**
   * A few units quoted in a motion, wrapped in `#`/`##` lines by the caller: no front matter or
   * other Markdown to find, so the headings are read line by line instead of through remark.
   */
  fragment?: boolean;
}

/** Tells Markdown from plain text: front matter or `#` headings mean Markdown. */
export function detectFormat(source: string): 'markdown' | 'text' {
  return /^---\r?\n/.test(source) || /^#{1,2} /m.test(source) ? 'markdown' : 'text';
}

/**
 * Parses a rulebook source into its unit tree and diagnostics, in the order read/ needs: the
 * source refused or split into lines, its block structure (front matter, Markdown headings), a
 * contents page found, each line read, then the checks on the whole. A fragment skips the
 * contents page and those checks: it is a few units of a motion, with no edition of its own.
 */
export function parseRulebook(input: string, options: ParseOptions = {}): ParseResult {
  const profile = options.profile ?? labourProfile;
  const fragment = options.fragment ?? false;
  // A fragment is motion text the caller wrapped; its size and bytes were the motion's to check.
  const refused = fragment ? null : refuseSource(input, profile.limits.rulebookChars);
  if (refused) return refusedResult(profile, options.format ?? 'text', refused);
  const source = input.replace(/\r\n?/g, '\n');
  const format = options.format ?? detectFormat(source);
  const st = new LineState(source, format, profile, options.edition);
  readBlocks(st, fragment, options.edition);
  if (!fragment) skipContents(st);
  for (let i = st.bodyStart; i < st.lines.length && !st.stopped; i++) readLine(st, i);
  if (!fragment) checkRulebook(st);
  markOrigin(st.rulebook.chapters);
  return { rulebook: st.rulebook, diagnostics: capDiagnostics(st.diagnostics) };
}

/** An empty rulebook with the one diagnostic that refused its source. */
function refusedResult(
  profile: Profile,
  format: 'markdown' | 'text',
  refused: Diagnostic,
): ParseResult {
  const meta = { organisation: profile.organisation, title: 'Rule Book', edition: '' };
  const rulebook: Rulebook = { format, meta, frontMatter: null, preamble: [], chapters: [] };
  return { rulebook, diagnostics: [refused] };
}
