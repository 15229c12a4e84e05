import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderText } from './text';
import { fixtureDocument, type FixtureInput } from './test/fixture';
import { htmlProblems } from './test/html-safety';

/**
 * Golden files for the exports: one folder per case under fixtures/, its input.json (a motion, a
 * compendium, a results sheet or a rulebook, built from the sample rulebook or one beside it) and
 * the exact text, Markdown and HTML expected. Regenerate with UPDATE_GOLDEN=1 and read the diff
 * before committing it; a missing expected file fails rather than being written silently.
 */
const root = new URL('./fixtures/', import.meta.url);
const repo = new URL('../../', import.meta.url);
const update = Boolean(process.env.UPDATE_GOLDEN);

function load(dir: URL): { input: FixtureInput; read: (ref: string) => string } {
  const own = JSON.parse(readFileSync(new URL('input.json', dir), 'utf8')) as FixtureInput;
  const inputDir = own.from ? new URL('./', new URL(own.from, dir)) : dir;
  const input = own.from
    ? {
        ...(JSON.parse(readFileSync(new URL(own.from, dir), 'utf8')) as FixtureInput),
        kind: own.kind,
      }
    : own;
  const read = (ref: string) =>
    readFileSync(new URL(ref, ref.startsWith('motions/') ? repo : inputDir), 'utf8');
  return { input, read };
}

const renderers = [
  ['expected.txt', renderText],
  ['expected.md', renderMarkdown],
  ['expected.html', renderHtml],
] as const;

describe('export golden files', () => {
  // A case is a folder with an input.json (other folders may hold other renderers' fixtures).
  const cases = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/input.json`, root)))
    .map((e) => e.name)
    .sort();

  it('has the cases the exports must cover', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'amend-one-unit-clean',
        'amend-one-unit-redline',
        'compendium',
        'insert-and-delete-redline',
        'libdem-redline',
        'results',
        'rulebook-redline',
      ]),
    );
  });

  for (const name of cases) {
    it(name, () => {
      const dir = new URL(`${name}/`, root);
      const { input, read } = load(dir);
      const doc = fixtureDocument(input, read);
      // Deterministic: building and rendering again gives the same bytes.
      const again = fixtureDocument(input, read);
      for (const [file, render] of renderers) {
        const out = render(doc);
        expect(render(again)).toBe(out);
        const url = new URL(file, dir);
        if (update) writeFileSync(url, out);
        expect(existsSync(url), `${name}/${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(out).toBe(readFileSync(url, 'utf8'));
        if (file === 'expected.html') expect(htmlProblems(out)).toEqual([]);
      }
    });
  }
});
