import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DOCX_DEFAULT_DATE, renderDocx } from './docx';
import type { Block, ExportDocument, NumberedUnit, Run } from './model';

// ---------------------------------------------------------------------------------------------
// Reading the package back

type Parts = Record<string, string>;

async function render(doc: ExportDocument, date?: Date): Promise<Parts> {
  const bytes = await renderDocx(doc, date ? { date } : {});
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]),
  );
}

function part(parts: Parts, path: string): string {
  const xml = parts[path];
  if (xml === undefined) throw new Error(`no ${path} in the package`);
  return xml;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_m, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(
          name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
        );
    }
  });
}

/** The body's paragraphs in order (`<w:pPr` is not a paragraph: no word boundary after p). */
function paragraphs(documentXml: string): string[] {
  const body = documentXml.slice(documentXml.indexOf('<w:body>'));
  return body.match(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g) ?? [];
}

/** The text of the given element (w:t or w:delText), unescaped and joined. */
function textIn(xml: string, tag = 'w:t'): string {
  const re = new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g');
  return [...xml.matchAll(re)].map((m) => unescapeXml(m[1] ?? '')).join('');
}

/** The first w:t of a paragraph: the typed marker of a unit Word cannot number. */
function firstText(paragraph: string): string {
  return unescapeXml(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/.exec(paragraph)?.[1] ?? '');
}

function styleOf(paragraph: string): string | undefined {
  return /<w:pStyle w:val="([^"]+)"/.exec(paragraph)?.[1];
}

function numPr(paragraph: string): { ilvl: number; numId: number } | undefined {
  const m = /<w:numPr><w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(paragraph);
  return m ? { ilvl: Number(m[1]), numId: Number(m[2]) } : undefined;
}

/** A small check that a part is well-formed XML: balanced tags, escaped text, legal characters. */
function expectWellFormed(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<([^>]*)>|([^<]+)/g)) {
    const [, tag, text] = m;
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);)/i);
      expect(text).not.toContain(']]>');
      continue;
    }
    const t = tag ?? '';
    if (t.startsWith('/')) expect(stack.pop()).toBe(t.slice(1));
    else if (!t.endsWith('/')) stack.push(t.split(/\s/)[0] ?? '');
  }
  expect(stack).toEqual([]);
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
}

// ---------------------------------------------------------------------------------------------
// Word's list counting, read from numbering.xml, to check what Word will print

const FORMAT: Record<string, (n: number) => string> = {
  decimal: (n) => String(n),
  upperLetter: (n) => String.fromCharCode(64 + ((n - 1) % 26) + 1).repeat(Math.ceil(n / 26)),
  lowerLetter: (n) => FORMAT.upperLetter!(n).toLowerCase(),
  upperRoman: (n) => roman(n),
  lowerRoman: (n) => roman(n).toLowerCase(),
};

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, numeral] of table) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
}

function readNumbering(numberingXml: string) {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const [, id, body] of numberingXml.matchAll(
    /<w:abstractNum w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    const levels = new Map<number, Level>();
    for (const [, ilvl, lvl] of (body ?? '').matchAll(
      /<w:lvl w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g,
    )) {
      levels.set(Number(ilvl), {
        start: Number(/<w:start w:val="(\d+)"/.exec(lvl ?? '')?.[1] ?? 1),
        numFmt: /<w:numFmt w:val="([^"]+)"/.exec(lvl ?? '')?.[1] ?? '',
        lvlText: unescapeXml(/<w:lvlText w:val="([^"]*)"/.exec(lvl ?? '')?.[1] ?? ''),
      });
    }
    abstracts.set(id ?? '', levels);
  }
  const nums = new Map<number, { levels: Map<number, Level>; overrides: Map<number, number> }>();
  for (const [, numId, body] of numberingXml.matchAll(
    /<w:num w:numId="(\d+)">([\s\S]*?)<\/w:num>/g,
  )) {
    const abstractId = /<w:abstractNumId w:val="(\d+)"/.exec(body ?? '')?.[1] ?? '';
    const overrides = new Map<number, number>();
    for (const [, ilvl, start] of (body ?? '').matchAll(
      /<w:lvlOverride w:ilvl="(\d+)"><w:startOverride w:val="(\d+)"\/>/g,
    )) {
      overrides.set(Number(ilvl), Number(start));
    }
    nums.set(Number(numId), { levels: abstracts.get(abstractId) ?? new Map(), overrides });
  }
  return nums;
}

/**
 * The label before each unit paragraph as Word shows it: counted per list (w:num) from the
 * level's start (its startOverride when there is one), deeper levels restarting after a
 * shallower item; a unit paragraph without numbering shows the marker typed in its text.
 */
function shownMarkers(parts: Parts): string[] {
  const nums = readNumbering(part(parts, 'word/numbering.xml'));
  const counters = new Map<number, number[]>();
  const out: string[] = [];
  for (const p of paragraphs(part(parts, 'word/document.xml'))) {
    // Unit paragraphs: bookmarked by their ids, and not headings.
    if (!p.includes('<w:bookmarkStart ') || styleOf(p)?.startsWith('Heading')) continue;
    const num = numPr(p);
    if (!num) {
      out.push(firstText(p));
      continue;
    }
    const list = nums.get(num.numId);
    if (!list) throw new Error(`numId ${num.numId} is not defined`);
    const c = counters.get(num.numId) ?? [];
    const level = list.levels.get(num.ilvl);
    if (!level) throw new Error(`level ${num.ilvl} of numId ${num.numId} is not defined`);
    const prev = c[num.ilvl];
    c[num.ilvl] = prev !== undefined ? prev + 1 : (list.overrides.get(num.ilvl) ?? level.start);
    c.length = num.ilvl + 1;
    counters.set(num.numId, c);
    out.push(
      level.lvlText.replace(/%(\d)/g, (_m, k: string) => {
        const l = Number(k) - 1;
        const fmt = FORMAT[list.levels.get(l)?.numFmt ?? ''];
        if (!fmt) throw new Error(`unknown format at level ${l}`);
        return fmt(c[l] ?? list.levels.get(l)?.start ?? 1);
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documents

function unit(
  level: number,
  kind: NumberedUnit['kind'],
  label: string,
  id: string,
  runs: Run[] = [{ text: `Text of ${id}.` }],
  marker = `${label}.`,
): Block {
  return { kind: 'unit', unit: { level, kind, label, marker, id, runs } };
}

function doc(blocks: Block[], extra: Partial<ExportDocument> = {}): ExportDocument {
  return { title: 'Rule Book', redline: false, blocks, ...extra };
}

const markersOf = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => (b.kind === 'unit' ? [b.unit.marker] : []));

const RULEBOOK: Block[] = [
  { kind: 'toc' },
  { kind: 'heading', level: 1, runs: [{ text: 'Chapter 5' }], id: '5' },
  { kind: 'heading', level: 2, runs: [{ text: 'Clause IV. Selections' }], id: '5.IV' },
  unit(0, 'decimal', '1', '5.IV.1'),
  unit(1, 'upper-alpha', 'A', '5.IV.1.A'),
  unit(2, 'lower-roman', 'i', '5.IV.1.A.i'),
  unit(2, 'lower-roman', 'ii', '5.IV.1.A.ii'),
  unit(1, 'upper-alpha', 'B', '5.IV.1.B'),
  unit(0, 'decimal', '2', '5.IV.2'),
  { kind: 'heading', level: 2, runs: [{ text: 'Clause V' }], id: '5.V' },
  unit(0, 'decimal', '1', '5.V.1'),
  unit(0, 'decimal', '2', '5.V.2'),
  { kind: 'heading', level: 3, runs: [{ text: 'Part three' }] },
];

// ---------------------------------------------------------------------------------------------

describe('renderDocx', () => {
  it('writes headings with Word heading styles, bookmarked by their ids', async () => {
    const parts = await render(doc(RULEBOOK));
    const ps = paragraphs(part(parts, 'word/document.xml'));
    const headings = ps.filter((p) => styleOf(p)?.startsWith('Heading'));
    expect(headings.map(styleOf)).toEqual(['Heading1', 'Heading2', 'Heading2', 'Heading3']);
    expect(headings.map((p) => textIn(p))).toEqual([
      'Chapter 5',
      'Clause IV. Selections',
      'Clause V',
      'Part three',
    ]);
    expect(headings[0]).toContain('<w:bookmarkStart w:name="id_5" ');
    expect(headings[1]).toContain('<w:bookmarkStart w:name="id_5_IV" ');
    expect(headings[3]).not.toContain('bookmarkStart'); // no id, not in the TOC

    const styles = part(parts, 'word/styles.xml');
    for (const level of [1, 2, 3]) {
      const style = new RegExp(
        `<w:style w:type="paragraph" w:styleId="Heading${level}">[\\s\\S]*?</w:style>`,
      ).exec(styles)?.[0];
      expect(style).toContain(`<w:name w:val="heading ${level}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
    }
  });

  it('puts the title (Title style), subtitle and a redline key first, and the title in the core properties', async () => {
    const parts = await render(
      doc([{ kind: 'paragraph', runs: [{ text: 'Body' }] }], {
        title: 'Open selection',
        subtitle: 'Labour Party Rule Book 2024 — rule change',
        redline: true,
      }),
    );
    const ps = paragraphs(part(parts, 'word/document.xml'));
    expect(styleOf(ps[0] ?? '')).toBe('Title');
    expect(textIn(ps[0] ?? '')).toBe('Open selection');
    expect(styleOf(ps[1] ?? '')).toBe('Subtitle');
    expect(textIn(ps[1] ?? '')).toBe('Labour Party Rule Book 2024 — rule change');
    expect(textIn(ps[2] ?? '')).toMatch(/tracked changes.*inserted words.*deleted words/);
    expect(ps[2]).not.toMatch(/<w:ins |<w:del /); // the key survives "accept all"
    expect(part(parts, 'docProps/core.xml')).toContain('<dc:title>Open selection</dc:title>');

    const clean = paragraphs(
      part(await render(doc([], { title: 'Clean', redline: false })), 'word/document.xml'),
    );
    expect(clean.map((p) => textIn(p))).toEqual(['Clean']);
  });

  it('numbers units with Word lists: a numPr at the unit level, formats from the label kinds', async () => {
    const parts = await render(doc(RULEBOOK));
    const ps = paragraphs(part(parts, 'word/document.xml'));
    const units = ps.filter((p) => /w:name="id_5_(IV|V)_/.test(p));
    expect(units.map((p) => numPr(p)?.ilvl)).toEqual([0, 1, 2, 2, 1, 0, 0, 0]);
    // Numbers come from the list, not typed into the text.
    expect(units.map((p) => textIn(p))).toEqual(
      RULEBOOK.flatMap((b) => (b.kind === 'unit' ? [`Text of ${b.unit.id}.`] : [])),
    );

    const numbering = part(parts, 'word/numbering.xml');
    const nums = readNumbering(numbering);
    const list = nums.get(numPr(units[0] ?? '')?.numId ?? -1);
    expect(list?.levels.get(0)).toMatchObject({ numFmt: 'decimal', lvlText: '%1.' });
    expect(list?.levels.get(1)).toMatchObject({ numFmt: 'upperLetter', lvlText: '%2.' });
    expect(list?.levels.get(2)).toMatchObject({ numFmt: 'lowerRoman', lvlText: '%3.' });
    // Indentation grows with the level.
    expect(numbering).toMatch(
      /<w:lvl w:ilvl="0"[^>]*>[\s\S]*?<w:ind w:left="720" w:hanging="720"\/>/,
    );
    expect(numbering).toMatch(
      /<w:lvl w:ilvl="1"[^>]*>[\s\S]*?<w:ind w:left="1440" w:hanging="720"\/>/,
    );

    expect(shownMarkers(parts)).toEqual(markersOf(RULEBOOK));
  });

  it('restarts the list after every heading, sharing one definition', async () => {
    const parts = await render(doc(RULEBOOK));
    const ps = paragraphs(part(parts, 'word/document.xml'));
    const first = numPr(ps.find((p) => p.includes('w:name="id_5_IV_1"')) ?? '');
    const second = numPr(ps.find((p) => p.includes('w:name="id_5_V_1"')) ?? '');
    expect(first && second).toBeTruthy();
    expect(second?.numId).not.toBe(first?.numId);
    const abstractOf = (numId: number | undefined) =>
      new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"`).exec(
        part(parts, 'word/numbering.xml'),
      )?.[1];
    expect(abstractOf(second?.numId)).toBe(abstractOf(first?.numId));
  });

  it('starts a list at the label of its first unit (a motion quoting sub-clause 5)', async () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 2, runs: [{ text: 'Current text' }] },
      unit(0, 'decimal', '5', '5.IV.5'),
      unit(1, 'upper-alpha', 'A', '5.IV.5.A'),
      unit(0, 'decimal', '6', '5.IV.6'),
    ];
    const parts = await render(doc(blocks));
    const p = paragraphs(part(parts, 'word/document.xml')).find((x) =>
      x.includes('w:name="id_5_IV_5"'),
    );
    const numId = numPr(p ?? '')?.numId;
    const numbering = part(parts, 'word/numbering.xml');
    const num = new RegExp(`<w:num w:numId="${numId}">([\\s\\S]*?)</w:num>`).exec(numbering)?.[1];
    expect(num).toContain('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>');
    const abstractId = /<w:abstractNumId w:val="(\d+)"/.exec(num ?? '')?.[1];
    expect(numbering).toMatch(
      new RegExp(
        `<w:abstractNum w:abstractNumId="${abstractId}"[^>]*>[\\s\\S]*?<w:lvl w:ilvl="0"[^>]*><w:start w:val="5"/>`,
      ),
    );
    expect(shownMarkers(parts)).toEqual(['5.', 'A.', '6.']);
  });

  it("prints every unit's own label through Word's counting, whatever the sequence", async () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 2, runs: [{ text: 'Quotes' }] },
      unit(0, 'decimal', '5', 'a5'),
      unit(1, 'upper-alpha', 'C', 'a5C'), // first child is not A
      unit(0, 'decimal', '6', 'a6'),
      unit(1, 'upper-alpha', 'A', 'a6A'), // ... and the next child is A again
      unit(0, 'decimal', '9', 'a9'), // a gap
      unit(2, 'lower-roman', 'iv', 'a9xiv'), // a level skipped
      unit(1, 'upper-alpha', 'B', 'a9B'),
      { kind: 'paragraph', style: 'note', runs: [{ text: 'A note between units.' }] },
      unit(1, 'upper-alpha', 'C', 'a9C'), // continues across the note
      { kind: 'heading', level: 2, runs: [{ text: 'Other styles' }] },
      unit(1, 'lower-alpha', 'b', 'b1b', undefined, '(b)'), // starts below the top level
      unit(1, 'lower-alpha', 'c', 'b1c', undefined, '(c)'),
      unit(0, 'upper-roman', 'IV', 'bIV'), // back up past where the list started
      unit(0, 'upper-roman', 'V', 'bV'),
      unit(0, 'decimal', '27', 'b27'), // same level, other kind
      unit(1, 'upper-alpha', 'AA', 'bAA'), // Word's 27th letter
      unit(1, 'upper-alpha', 'AB', 'bAB'), // Word cannot print this: typed
      unit(1, 'upper-alpha', 'CC', 'bCC'),
      unit(0, 'decimal', '05', 'b05'), // nor this
      unit(9, 'decimal', '1', 'deep'), // below Word's nine levels
    ];
    const parts = await render(doc(blocks));
    expect(shownMarkers(parts)).toEqual(markersOf(blocks));

    const ps = paragraphs(part(parts, 'word/document.xml'));
    const typed = ps.filter((p) => /w:name="(bAB|b05|deep)"/.test(p));
    expect(typed).toHaveLength(3);
    for (const p of typed) expect(numPr(p)).toBeUndefined();
    expect(typed.map(firstText)).toEqual(['AB.', '05.', '1.']);
    expect(part(parts, 'word/numbering.xml')).toContain('<w:lvlText w:val="(%2)"/>');
  });

  it('writes ins and del runs as Word tracked changes by Redline, and strong/em as bold/italic', async () => {
    const date = new Date('2026-03-04T05:06:07Z');
    const parts = await render(
      doc(
        [
          unit(0, 'decimal', '1', 'u1', [
            { text: 'The ' },
            { text: 'NEC', mark: 'ins' },
            { text: 'CAC', mark: 'del' },
            { text: ' shall ' },
            { text: 'always', mark: 'strong' },
            { text: ' meet', mark: 'em' },
          ]),
          { kind: 'heading', level: 2, runs: [{ text: 'Heading ' }, { text: 'old', mark: 'del' }] },
        ],
        { redline: true },
      ),
      date,
    );
    const xml = part(parts, 'word/document.xml');
    const ins = [...xml.matchAll(/<w:ins ([^>]*)>([\s\S]*?)<\/w:ins>/g)];
    const del = [...xml.matchAll(/<w:del ([^>]*)>([\s\S]*?)<\/w:del>/g)];
    expect(ins).toHaveLength(1);
    expect(del).toHaveLength(2);
    for (const [, attrs] of [...ins, ...del]) {
      expect(attrs).toContain('w:author="Redline"');
      expect(attrs).toContain('w:date="2026-03-04T05:06:07Z"');
    }
    expect(textIn(ins[0]?.[2] ?? '')).toBe('NEC');
    expect(textIn(del[0]?.[2] ?? '', 'w:delText')).toBe('CAC');
    expect(del[0]?.[2]).not.toContain('<w:t ');
    expect(xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t [^>]*>always<\/w:t><\/w:r>/);
    expect(xml).toMatch(/<w:r><w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t [^>]*> meet<\/w:t><\/w:r>/);
    // The document's text without deletions is the new text; with them, the old.
    const para = paragraphs(xml).find((p) => p.includes('w:name="u1"')) ?? '';
    expect(textIn(para)).toBe('The NEC shall always meet');

    // Every revision and bookmark id is unique in the file.
    const ids = [...xml.matchAll(/<w:(?:ins|del|bookmarkStart) [^>]*?w:id="(\d+)"/g)].map(
      (m) => m[1],
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes XML specials in user text, which reads back unchanged', async () => {
    const nasty = `Tom & Jerry <b>"bold"</b> 'single' ]]> &amp; <!-- x --> </w:t>`;
    const parts = await render(
      doc(
        [
          { kind: 'heading', level: 1, runs: [{ text: nasty }], id: nasty },
          { kind: 'paragraph', runs: [{ text: nasty }] },
          unit(0, 'decimal', '1', 'u', [{ text: nasty, mark: 'ins' }]),
          unit(0, 'decimal', '2', 'v', [{ text: nasty, mark: 'del' }]),
          { kind: 'fields', fields: [{ label: nasty, value: [{ text: nasty }] }] },
          { kind: 'table', header: [nasty], rows: [[[{ text: nasty, mark: 'em' }]]] },
          { kind: 'toc' },
        ],
        { title: nasty, subtitle: nasty },
      ),
    );
    const xml = part(parts, 'word/document.xml');
    const ps = paragraphs(xml);
    const texts = ps.map((p) => textIn(p) || textIn(p, 'w:delText')).filter((t) => t !== '');
    // Title, subtitle, heading, paragraph, ins, del, field label and value, table header and
    // cell, TOC entry.
    expect(texts.filter((t) => t === nasty)).toHaveLength(11);
    expect(
      unescapeXml(
        /<dc:title>([^<]*)<\/dc:title>/.exec(part(parts, 'docProps/core.xml'))?.[1] ?? '',
      ),
    ).toBe(nasty);
    for (const path of ['word/document.xml', 'docProps/core.xml', 'word/numbering.xml']) {
      expectWellFormed(part(parts, path));
    }
  });

  it('keeps line breaks and tabs as Word breaks and drops characters XML forbids', async () => {
    const parts = await render(
      doc([
        {
          kind: 'paragraph',
          runs: [{ text: 'one\r\ntwo\nthree\tfour\fpage\u0001\u0007x\uD800y' }],
        },
      ]),
    );
    const xml = part(parts, 'word/document.xml');
    expectWellFormed(xml);
    const p = paragraphs(xml).find((x) => x.includes('one')) ?? '';
    expect(p.match(/<w:cr\/>/g)).toHaveLength(3);
    expect(p.match(/<w:tab\/>/g)).toHaveLength(1);
    expect(textIn(p)).toBe('onetwothreefourpagexy');
  });

  it('gives the same bytes for the same document, and the given date in place of the clock', async () => {
    const a = await renderDocx(doc(RULEBOOK, { redline: true }));
    await renderDocx(doc([...RULEBOOK, ...RULEBOOK])); // moves any process-wide counter on
    const b = await renderDocx(doc(RULEBOOK, { redline: true }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);

    const core = part(await render(doc(RULEBOOK)), 'docProps/core.xml');
    const stamp = DOCX_DEFAULT_DATE.toISOString().replace('.000', '');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>`);
    expect(core).toContain(
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`,
    );
    const dated = part(
      await render(doc(RULEBOOK), new Date('2025-09-28T10:00:00Z')),
      'docProps/core.xml',
    );
    expect(dated).toContain('>2025-09-28T10:00:00Z</dcterms:created>');
    await expect(renderDocx(doc([]), { date: new Date('nope') })).rejects.toThrow(RangeError);
  });

  it('writes the table of contents as a hyperlinked TOC field over heading levels 1-2', async () => {
    const parts = await render(doc(RULEBOOK));
    const xml = part(parts, 'word/document.xml');
    const instr = textIn(xml, 'w:instrText');
    expect(instr).toContain('TOC \\h \\o "1-2"');
    expect(xml).toContain('w:fldCharType="begin" w:dirty="true"');
    // Its entries link to the headings' bookmarks; the level 3 heading is not listed.
    const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(xml)?.[0] ?? '';
    expect([...sdt.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'id_5',
      'id_5_IV',
      'id_5_V',
    ]);
    expect(textIn(sdt)).toBe('Chapter 5Clause IV. SelectionsClause V');
    // Word refreshes it (and its page numbers) when the file is opened.
    expect(part(parts, 'word/settings.xml')).toContain('<w:updateFields/>');
  });

  it('links TOC entries of headings without ids to hidden bookmarks, and leaves deletions out', async () => {
    const parts = await render(
      doc([
        { kind: 'toc' },
        { kind: 'heading', level: 1, runs: [{ text: 'Motions' }, { text: ' old', mark: 'del' }] },
        { kind: 'heading', level: 2, runs: [{ text: 'Motion 1' }] },
      ]),
    );
    const xml = part(parts, 'word/document.xml');
    const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(xml)?.[0] ?? '';
    expect([...sdt.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1])).toEqual(['_Toc1', '_Toc2']);
    expect(textIn(sdt)).toBe('MotionsMotion 1');
    expect(xml).toContain('<w:bookmarkStart w:name="_Toc1" ');
    expect(xml).toContain('<w:bookmarkStart w:name="_Toc2" ');
  });

  it('writes fields, tables, page breaks, quote and note paragraphs, on A4', async () => {
    const parts = await render(
      doc([
        {
          kind: 'fields',
          fields: [
            { label: 'Submitted by', value: [{ text: 'Anytown CLP' }] },
            { label: 'Rule', value: [{ text: 'Chapter 5, Clause IV' }] },
          ],
        },
        {
          kind: 'table',
          header: ['Motion', 'Result'],
          rows: [
            [[{ text: 'Open selection' }], [{ text: 'NOT CARRIED', mark: 'strong' }]],
            [[{ text: 'Short row' }]],
          ],
        },
        { kind: 'page-break' },
        { kind: 'paragraph', style: 'quote', runs: [{ text: 'Quoted.' }] },
        { kind: 'paragraph', style: 'note', runs: [{ text: 'Noted.' }] },
        { kind: 'paragraph', style: 'normal', runs: [{ text: 'Plain.' }] },
      ]),
    );
    const xml = part(parts, 'word/document.xml');
    const [fields, table] = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    // Tables that touch are merged into one by Word: a paragraph keeps them apart.
    expect(xml).not.toContain('</w:tbl><w:tbl>');
    expect(fields).toContain('<w:insideV w:val="none"');
    expect(fields).not.toMatch(/w:val="single"/);
    expect(fields?.match(/<w:tr>/g)).toHaveLength(2);
    expect(textIn(fields ?? '')).toBe('Submitted byAnytown CLPRuleChapter 5, Clause IV');

    expect(table).toMatch(/<w:trPr>(?:<w:cantSplit\/>)?<w:tblHeader\/><\/w:trPr>/);
    expect(table?.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(table?.match(/<w:tc>/g)).toHaveLength(6); // the short row is padded
    expect(table).toMatch(/<w:b\/>[\s\S]*?NOT CARRIED/);

    expect(xml).toContain('<w:br w:type="page"/>');
    const ps = paragraphs(xml);
    const styleFor = (text: string) => styleOf(ps.find((p) => textIn(p) === text) ?? '');
    expect(styleFor('Quoted.')).toBe('Quote');
    expect(styleFor('Noted.')).toBe('Note');
    expect(styleFor('Plain.')).toBeUndefined();
    const styles = part(parts, 'word/styles.xml');
    const style = (id: string) =>
      new RegExp(`<w:style [^>]*w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
    expect(style('Quote')).toContain('<w:i/>');
    expect(style('Quote')).toContain('<w:ind w:left="720" w:right="720"/>');
    expect(style('Note')).toContain('<w:sz w:val="18"/>');

    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toContain('<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"');
    // Nothing outside the package is referred to.
    for (const [path, text] of Object.entries(parts)) {
      if (path.endsWith('.rels')) expect(text).not.toContain('TargetMode="External"');
    }
  });

  it('makes unique, Word-valid bookmark names from unit ids', async () => {
    const long = 'x'.repeat(60);
    const parts = await render(
      doc([
        unit(0, 'decimal', '1', '5.IV.5'),
        unit(0, 'decimal', '2', '5.IV.5'), // quoted twice
        unit(0, 'decimal', '3', '5_IV_5'),
        unit(0, 'decimal', '4', `${long}a`),
        unit(0, 'decimal', '5', `${long}b`),
      ]),
    );
    const names = [
      ...part(parts, 'word/document.xml').matchAll(/<w:bookmarkStart w:name="([^"]+)"/g),
    ].map((m) => m[1] ?? '');
    expect(names.slice(0, 3)).toEqual(['id_5_IV_5', 'id_5_IV_5_2', 'id_5_IV_5_3']);
    expect(new Set(names).size).toBe(5);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
  });

  it('renders a 6,000-unit rulebook in a few seconds', async () => {
    const blocks: Block[] = [{ kind: 'toc' }];
    let units = 0;
    const add = (block: Block) => {
      blocks.push(block);
      if (block.kind === 'unit') units++;
    };
    for (let chapter = 1; units < 6000; chapter++) {
      add({ kind: 'heading', level: 1, runs: [{ text: `Chapter ${chapter}` }], id: `${chapter}` });
      for (let clause = 1; clause <= 5 && units < 6000; clause++) {
        const c = `${chapter}.${clause}`;
        add({ kind: 'heading', level: 2, runs: [{ text: `Clause ${clause}` }], id: c });
        for (let sub = 1; sub <= 5 && units < 6000; sub++) {
          add(
            unit(0, 'decimal', String(sub), `${c}.${sub}`, [
              { text: 'The National Executive Committee shall meet at least once ' },
              { text: 'every quarter', mark: 'ins' },
              { text: 'each year', mark: 'del' },
              { text: ' to consider the reports of the party’s committees & units.' },
            ]),
          );
          for (const letter of ['A', 'B', 'C']) {
            if (units >= 6000) break;
            add(
              unit(1, 'upper-alpha', letter, `${c}.${sub}.${letter}`, [
                { text: 'Members shall be entitled to attend and vote at all meetings.' },
              ]),
            );
          }
        }
      }
    }
    const big = doc(blocks, { redline: true });
    expect(markersOf(blocks)).toHaveLength(6000);
    const started = performance.now();
    const bytes = await renderDocx(big);
    const ms = performance.now() - started;
    console.log(`renderDocx: 6,000 units in ${Math.round(ms)} ms, ${bytes.length} bytes`);
    const parts = Object.fromEntries(
      Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]),
    );
    const xml = part(parts, 'word/document.xml');
    expect(xml.match(/<w:numPr>/g)).toHaveLength(6000);
    expect(shownMarkers(parts)).toEqual(markersOf(blocks));
    // One list definition serves every clause.
    expect(part(parts, 'word/numbering.xml').match(/<w:abstractNum /g)).toHaveLength(2); // + docx's bullets
  });
});
