import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import { markdownBlocks, type MarkdownBlocks } from './markdown';

/** What remark finds: the reference the reader must agree with (top-level headings, front matter). */
function remarkBlocks(source: string): MarkdownBlocks {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(source) as Root;
  const headings = new Map<number, number>();
  let frontMatter: MarkdownBlocks['frontMatter'] = null;
  for (const node of tree.children) {
    const start = node.position?.start.line ?? 1;
    if (node.type === 'yaml') {
      frontMatter = { endLine: (node.position?.end.line ?? start) - 1, value: node.value };
    } else if (node.type === 'heading') headings.set(start - 1, node.depth);
  }
  return { frontMatter, headings };
}

const read = (source: string) => markdownBlocks(source.split('\n'));
const plain = (b: MarkdownBlocks) => ({
  frontMatter: b.frontMatter,
  headings: [...b.headings].sort((x, y) => x[0] - y[0]),
});

/** Lines that decide, or could upset, what is a heading: the constructs the reader models. */
const PIECES = [
  '',
  '',
  'text',
  'Chapter 1: A',
  '# Chapter 1: A',
  '## Clause I. B',
  '### x',
  '#x',
  '  # x',
  '    # x',
  '#\tx',
  '####### x',
  '---',
  '===',
  '--',
  '-',
  '- - -',
  '***',
  '___',
  '  ---',
  '    ---',
  '=',
  '==  ',
  '1. item',
  '2. item',
  '10) x',
  '1.',
  '- item',
  '* item',
  '+ item',
  '-     x',
  '\t- x',
  ' \t- x',
  '   A. sub',
  '   1. nested',
  '      i. deep',
  '> quote',
  '>',
  '> # x',
  '>> x',
  '> - x',
  '- > x',
  '- # x',
  '```',
  '~~~',
  '```js',
  '``` a`b',
  '````',
  '   ```',
  '- ```',
  '<!-- c',
  '-->',
  '<!-- c -->',
  '<!-->',
  '<div>',
  '</div>',
  '<span>',
  '<a href="x">',
  '<pre>',
  '</pre>',
  '<?x',
  '?>',
  '<!X',
  '  text',
  '      code',
];

describe('markdownBlocks', () => {
  it('finds what remark finds in the sample rulebook and generated ones', () => {
    const sample = readFileSync(
      new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
      'utf8',
    );
    for (const source of [sample, generateRulebook({ words: 20_000, seed: 7 })]) {
      const ours = plain(read(source));
      expect(ours).toEqual(plain(remarkBlocks(source)));
      expect(ours.headings.length).toBeGreaterThan(20);
    }
  });

  it('reads front matter as remark-frontmatter does, fences and value', () => {
    for (const source of [
      '---\nedition: "2024"\n---\n# Chapter 1: A',
      '---\n---\n# A',
      '--- \na: 1\nb: 2\n---  \ntext',
      '---\nno closing fence\n# A',
      '\uFEFF---\nedition: x\n---\n',
    ]) {
      expect(plain(read(source))).toEqual(plain(remarkBlocks(source)));
    }
    expect(read('---\na: 1\nb: 2\n---\n').frontMatter).toEqual({ endLine: 3, value: 'a: 1\nb: 2' });
  });

  it('agrees with remark on seeded random Markdown (lists, quotes, code, HTML, setext)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 16 }),
        fc.boolean(),
        (lines, front) => {
          const source = [...(front ? ['---', 'edition: "1"', '---'] : []), ...lines].join('\n');
          expect(plain(read(source)), JSON.stringify(source)).toEqual(plain(remarkBlocks(source)));
        },
      ),
      { seed: 7, numRuns: 600 },
    );
  });

  it('takes one pass over nested lists that remark needs cubic time for', () => {
    const deep = Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i * 3)}1. text`);
    const blocks = markdownBlocks(['# Chapter 1: A', '', ...deep, '# Chapter 2: B']);
    // The last heading is top level again: it ends every open list.
    expect([...blocks.headings]).toEqual([
      [0, 1],
      [5_002, 1],
    ]);
  });
});
