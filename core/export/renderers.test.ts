import { describe, expect, it } from 'vitest';
import { renderHtml, sanitiseId } from './html';
import { renderMarkdown } from './markdown';
import type { ExportDocument } from './model';
import { renderText } from './text';

/** A small document with every kind of block, for what the golden files do not pin down. */
const doc: ExportDocument = {
  title: 'Rule changes',
  subtitle: 'Labour Party Rule Book 2024',
  redline: true,
  blocks: [
    { kind: 'toc' },
    { kind: 'heading', level: 2, runs: [{ text: 'Before any chapter' }], id: 'early' },
    { kind: 'heading', level: 1, runs: [{ text: 'Chapter 5: Selections' }], id: '5' },
    { kind: 'heading', level: 2, runs: [{ text: 'Clause IV' }], id: '5.IV' },
    { kind: 'heading', level: 2, runs: [{ text: 'Clause IV again' }], id: '5.IV' },
    { kind: 'heading', level: 3, runs: [{ text: 'Current text' }] },
    {
      kind: 'fields',
      fields: [
        { label: 'Submitted by', value: [{ text: 'Anytown CLP' }] },
        { label: 'Argument', value: [{ text: 'line one\nline two' }] },
      ],
    },
    {
      kind: 'unit',
      unit: {
        level: 1,
        marker: 'A.',
        kind: 'upper-alpha',
        label: 'A',
        runs: [
          { text: 'one ' },
          { text: 'third', mark: 'del' },
          { text: ' ' },
          { text: 'fifth', mark: 'ins' },
          { text: '\nsecond paragraph' },
        ],
        id: '5.IV.5.A',
      },
    },
    {
      kind: 'paragraph',
      runs: [{ text: '1. not a list\n- nor this\n+ nor this\n# nor a heading' }],
    },
    { kind: 'paragraph', runs: [{ text: 'quoted\nagain' }], style: 'quote' },
    { kind: 'page-break' },
    {
      kind: 'table',
      header: ['Section', 'For'],
      rows: [
        [[{ text: 'Wählerschaft' }], [{ text: '1%' }]],
        [[{ text: 'a|b' }], [{ text: '100.00%' }]],
      ],
    },
  ],
};

describe('renderText', () => {
  const out = renderText(doc);

  it('underlines the title, keys the marks, and numbers the contents', () => {
    expect(
      out.startsWith('Rule changes\n============\n\nLabour Party Rule Book 2024\n\nKey: '),
    ).toBe(true);
    expect(out).toContain(
      'CONTENTS\n\n1. Before any chapter\n2. Chapter 5: Selections\n   2.1 Clause IV\n   2.2 Clause IV again',
    );
    expect(out).toContain('CHAPTER 5: SELECTIONS\n=====================');
    expect(out).toContain('Clause IV\n---------');
    expect(out).toContain('\nCURRENT TEXT\n');
  });

  it('indents units by level under a hanging label, and aligns fields and columns', () => {
    expect(out).toContain('   A. one [-third-] [+fifth+]\n\n      second paragraph');
    expect(out).toContain(
      'Submitted by: Anytown CLP\nArgument:     line one\n              line two',
    );
    expect(out).toContain(
      'Section       For\n------------  -------\nWählerschaft  1%\na|b           100.00%',
    );
    expect(out).toContain('    quoted\n\n    again');
    expect(out.endsWith('100.00%\n')).toBe(true);
  });
});

describe('renderMarkdown', () => {
  const out = renderMarkdown(doc);

  it('escapes what would start a block, so user text stays text', () => {
    expect(out).toContain('1\\. not a list\n\n\\- nor this\n\n\\+ nor this\n\n\\# nor a heading');
    expect(out).toContain('| a\\|b | 100.00% |');
  });

  it('marks a redline with struck-through and bold words and a key', () => {
    expect(out).toContain('Key: __inserted words__ are added');
    expect(out).toContain('A\\. one ~~third~~ __fifth__\n\nsecond paragraph');
    expect(out).toContain('> quoted\n>\n> again');
  });

  it('nests the contents under their chapter', () => {
    expect(out).toContain(
      '**Contents**\n\n1. Before any chapter\n2. Chapter 5: Selections\n   1. Clause IV\n   2. Clause IV again',
    );
    expect(out).toContain('## Chapter 5: Selections\n\n### Clause IV');
    expect(out).toContain('#### Current text');
  });
});

describe('renderHtml', () => {
  const out = renderHtml(doc);

  it('gives every heading a unique, safe id and links the contents to them', () => {
    expect(out).toContain('<h3 id="early">Before any chapter</h3>');
    expect(out).toContain('<h3 id="5.IV">Clause IV</h3>');
    expect(out).toContain('<h3 id="5.IV-2">Clause IV again</h3>');
    expect(out).toContain('<h4 id="section-5">Current text</h4>');
    expect(out).toContain(
      [
        '<ol>',
        '<li><a href="#early">Before any chapter</a></li>',
        '<li><a href="#5">Chapter 5: Selections</a>',
        '<ol>',
        '<li><a href="#5.IV">Clause IV</a></li>',
        '<li><a href="#5.IV-2">Clause IV again</a></li>',
        '</ol>',
        '</li>',
        '</ol>',
      ].join('\n'),
    );
    expect(sanitiseId('"><script>')).toBe('-script-');
    expect(sanitiseId('')).toBe('x');
  });

  it('writes units with their label, marks as ins/del, and print rules for A4', () => {
    expect(out).toContain(
      '<div class="unit level-1" id="5.IV.5.A">\n<p><span class="marker">A.</span> one <del>third</del> <ins>fifth</ins></p>\n<p>second paragraph</p>\n</div>',
    );
    expect(out).toContain('<dt>Argument</dt><dd>line one<br>line two</dd>');
    expect(out).toContain('<div class="page-break"></div>');
    expect(out).toMatch(
      /@media print \{[\s\S]*@page \{ size: A4;[\s\S]*h2 \{ break-before: page; \}/,
    );
    expect(out).toMatch(
      /@media print \{[\s\S]*ins \{ text-decoration: underline;[\s\S]*del \{ text-decoration: line-through;/,
    );
    expect(
      out.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true);
    expect(out.endsWith('</html>\n')).toBe(true);
  });
});
