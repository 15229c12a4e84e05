/** The YAML front matter of a Markdown rulebook: its organisation, title and edition. */
import { parse as parseYaml } from 'yaml';
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { RulebookMeta } from '../types';
import { count } from './source';

/** The most front matter read, in characters. */
export const FRONT_MATTER_CHARS = 2_000;

/**
 * Reads `organisation`, `title` and `edition` into `meta`; bad YAML is a diagnostic. A missing or
 * empty edition is an error unless the caller gave one (`editionOption`), because every address
 * starts with the edition.
 */
export function readFrontMatter(
  yaml: string,
  line: number,
  meta: RulebookMeta,
  editionOption: string | undefined,
  diagnostics: Diagnostic[],
): void {
  // The YAML parser is quadratic in the number of keys (a 3M-character block: minutes); front
  // matter holds three short fields.
  if (yaml.length > FRONT_MATTER_CHARS) {
    diagnostics.push(
      diagnostic(
        'error',
        'front-matter',
        `Unexpected front matter of ${count(yaml.length)} characters, expected at most ${count(FRONT_MATTER_CHARS)} (organisation, title and edition)`,
        line,
        1,
      ),
    );
    return;
  }
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (error) {
    diagnostics.push(
      diagnostic(
        'error',
        'front-matter',
        `Unexpected front matter: ${(error as Error).message.split('\n')[0]}`,
        line,
        1,
      ),
    );
    return;
  }
  if (typeof data !== 'object' || data === null) return;
  const record = data as Record<string, unknown>;
  if (record.organisation != null) meta.organisation = String(record.organisation);
  if (record.title != null) meta.title = String(record.title);
  // Every address starts with the edition: an empty one ("", "  ") names none.
  const edition = record.edition == null ? null : String(record.edition);
  if (edition !== null && edition.trim() !== '') meta.edition = edition;
  else if (!editionOption) {
    diagnostics.push(
      diagnostic(
        'error',
        'no-edition',
        edition === null
          ? 'Unexpected front matter without an edition, expected `edition: "2024"`'
          : 'Unexpected empty edition in the front matter, expected a name such as `edition: "2024"`',
        line,
        1,
      ),
    );
  }
}
