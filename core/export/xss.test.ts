import { describe, expect, it } from 'vitest';
import type { MeetingRecord, ProgressView } from '../../schemas/api';
import { motionFromDraft, type DraftAmendment } from '../amendments/draft';
import { labourProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { compendiumDocument, resultsDocument, type CompendiumMotion } from './compendium';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ExportDocument } from './model';
import { motionDocument } from './motion';
import { rulebookDocument } from './rulebook';
import { renderText } from './text';
import { htmlProblems } from './test/html-safety';

/**
 * Hostile text in every field a person can type — titles, bodies, arguments, meetings, rulings,
 * unit text, amendment text, motion text, ids — through every builder and the HTML renderer: the
 * page must hold no script, event handler or javascript: URL, and still show the text, escaped.
 */
const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "'><a href=javascript:alert(1)>x</a>",
  '<iframe src=//evil.example></iframe>',
  '<style>body{background:url(https://evil.example/x)}</style>',
  '[link](javascript:alert(1))',
  '&lt;script&gt;',
];
const X = ATTACKS.join(' ');

const source = `---
organisation: "Party ${X.replace(/"/g, "'")}"
title: Rule Book
edition: "2024"
---
# Chapter 1: Name ${X}

## Clause I. Objects ${X}

1. The Party exists ${X}.

2. The second rule reads ${X}.

   A. A paragraph ${X}.

3. The third rule.
`;
const base = parseRulebook(source, { profile: labourProfile }).rulebook;

const amendments: DraftAmendment[] = [
  { id: 'x1', kind: 'amend', target: '1.I.1', order: 1, text: `The Party changes ${X} again.` },
  { id: 'x2', kind: 'insert', target: '1.I.2.A', order: 2, text: `New paragraph ${X}.` },
  { id: 'x3', kind: 'delete', target: '1.I.3', order: 3, text: '' },
];
const draft = motionFromDraft(base, amendments, labourProfile);
const meeting: MeetingRecord = {
  date: '2026-05-14',
  meeting: `GC ${X}`,
  for: 1,
  against: 0,
  abstain: 0,
};
const progress: ProgressView = {
  version: 1,
  meeting,
  ruling: { label: `In order ${X}`, note: `Because ${X}`, at: '2026-07-01T10:00:00Z' },
  position: { position: 'alternative', label: `Alt ${X}`, alternative: 'nec' },
  result: {
    card: 3,
    sections: { clp: { for: 1, against: 1 }, [`s${X}`]: { for: 1, against: 2 } },
    forPercent: 50,
    againstPercent: 50,
    carried: false,
    words: `LOST ${X}`,
  },
  year: 2026,
};

const motion = (id: string, identical: string[]): CompendiumMotion => ({
  id,
  title: `Title ${X}`,
  body: `Body ${X}`,
  motionText: `${draft.motionText}\n${X}`,
  argument: `Argument ${X}\n\nMore ${X}`,
  amendments,
  stateLabel: `State ${X}`,
  progress,
  identical,
});

const documents: [string, ExportDocument][] = [];
for (const redline of [false, true]) {
  const kind = redline ? 'redline' : 'clean';
  documents.push([
    `motion (${kind})`,
    motionDocument(
      {
        title: `Title ${X}`,
        body: `Body ${X}`,
        profile: labourProfile,
        rulebook: base,
        amendments,
        motionText: `${draft.motionText}\n${X}`,
        argument: `Argument ${X}`,
        meeting,
        stateLabel: `State ${X}`,
        progress,
      },
      { redline },
    ),
  ]);
  const compendium = {
    title: `Conference ${X}`,
    profile: labourProfile,
    rulebook: base,
    motions: [motion(`"><script>alert(1)</script>`, ['nec']), motion('nec', [])],
  };
  documents.push([`compendium (${kind})`, compendiumDocument(compendium, { redline })]);
  if (redline) documents.push(['results', resultsDocument(compendium)]);
  documents.push([
    `rulebook (${kind})`,
    rulebookDocument(
      {
        rulebook: draft.proposed!,
        base,
        profile: labourProfile,
        amendments: [
          {
            motionId: X,
            title: `Title ${X}`,
            body: `Body ${X}`,
            conference: 2026,
            card: 3,
            words: 'CARRIED',
            units: ['1.I.1'],
          },
        ],
      },
      { redline },
    ),
  ]);
}

describe('hostile text through every HTML export', () => {
  it('applies the draft (the corpus reaches unit text, not just the fields)', () => {
    expect(draft.diagnostics).toEqual([]);
    expect(draft.proposed).not.toBeNull();
  });

  for (const [name, doc] of documents) {
    it(`${name}: no script, handler or javascript: URL, and the text shown escaped`, () => {
      const html = renderHtml(doc);
      expect(htmlProblems(html)).toEqual([]);
      expect(html).not.toMatch(/<(script|img|svg|iframe)/i);
      expect(html).not.toMatch(/<a\s[^>]*href="(?!#)/i);
      expect(html).not.toMatch(/<style>[\s\S]*<style>/);
      // Escaped, not dropped: a reader sees exactly what was typed.
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
      expect(html).toContain('&amp;lt;script&amp;gt;');
      // Ids made from user text (motion ids) are reduced to safe characters.
      for (const m of html.matchAll(/\sid="([^"]*)"/g)) expect(m[1]).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(renderHtml(doc)).toBe(html);
    });

    it(`${name}: Markdown shows the text literally, plain text verbatim`, () => {
      const md = renderMarkdown(doc);
      // Every < and [ is escaped: no raw HTML, no autolink, no link.
      expect(md).not.toMatch(/(^|[^\\])</m);
      expect(md).not.toMatch(/(^|[^\\])\[/m);
      expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
      expect(renderText(doc)).toContain('<script>alert(1)</script>');
    });
  }
});
