/**
 * DOCX renderer of the export document model: a Word file people can keep editing, with Word's
 * own numbering, headings, table of contents and tracked changes rather than typed look-alikes.
 * Pure: it builds the package in memory (docx + fflate), so it runs in the browser and on the
 * server alike.
 */
import {
  AlignmentType,
  BookmarkEnd,
  BookmarkStart,
  CarriageReturn,
  DeletedTextRun,
  Document,
  Footer,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ILevelsOptions,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { labelAt, labelOrdinal } from '../rulebook/labels';
import type { Block, ExportDocument, NumberedUnit, Run } from './model';

/** Options of {@link renderDocx}. */
export interface DocxOptions {
  /**
   * When the document was made. Word stores it in the core properties (created, modified), on
   * every tracked change and on the zip entries. It is never the clock: the same document and
   * date give the same bytes, so exports can be golden-file tested and cached. Pass a date that
   * belongs to the content (an edition's publication, a motion's adoption) to show a meaningful
   * one; the default is {@link DOCX_DEFAULT_DATE}.
   */
  date?: Date;
}

/** The date a DOCX carries when the caller gives none: fixed, so output is reproducible. */
export const DOCX_DEFAULT_DATE = new Date('2000-01-01T00:00:00Z');

/** Author of every tracked change and of the file: changes are the motion's, not a person's. */
export const DOCX_AUTHOR = 'Redline';

/** A4 in twips, with 2.54 cm margins: the paper every UK party office prints on. */
const PAGE = { width: 11906, height: 16838, margin: 1440 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** Word lists have nine levels (0–8); deeper units keep their typed label. */
const LIST_LEVELS = 9;
/** Indent per list level and the hanging room for its number ("viii." fits in 0.5 in). */
const LIST_INDENT = 720;

const FORMATS: Record<NumberedUnit['kind'], (typeof LevelFormat)[keyof typeof LevelFormat]> = {
  decimal: LevelFormat.DECIMAL,
  'upper-alpha': LevelFormat.UPPER_LETTER,
  'lower-alpha': LevelFormat.LOWER_LETTER,
  'upper-roman': LevelFormat.UPPER_ROMAN,
  'lower-roman': LevelFormat.LOWER_ROMAN,
};

/** Level kinds for levels no unit uses: the Labour rulebook's 1 / A / i / a pattern. */
const DEFAULT_KINDS: NumberedUnit['kind'][] = [
  'decimal',
  'upper-alpha',
  'lower-roman',
  'lower-alpha',
];

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/**
 * Renders a document as a .docx file. Units become paragraphs of real Word lists (one list per
 * clause, starting at the unit's own label), `ins`/`del` runs become tracked changes by
 * "Redline", headings use Heading 1–3 with bookmarks from their ids, and the table of contents
 * is a TOC field that Word refreshes (page numbers included) when it opens the file.
 */
export async function renderDocx(
  doc: ExportDocument,
  options: DocxOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const date = options.date ?? DOCX_DEFAULT_DATE;
  if (Number.isNaN(date.getTime())) throw new RangeError('renderDocx: options.date is not a date');
  const ctx = new RenderContext(w3cDate(date));
  const lists = planLists(doc.blocks);
  const anchors = planAnchors(doc.blocks);

  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: inline([{ text: doc.title }], ctx) }),
  ];
  if (doc.subtitle) {
    children.push(
      new Paragraph({ style: 'Subtitle', children: inline([{ text: doc.subtitle }], ctx) }),
    );
  }
  if (doc.redline) children.push(redlineKey());
  doc.blocks.forEach((block, index) => {
    children.push(...renderBlock(block, index, ctx, lists, anchors));
  });

  const file = new Document({
    title: doc.title,
    subject: doc.subtitle,
    creator: DOCX_AUTHOR,
    lastModifiedBy: DOCX_AUTHOR,
    revision: 1,
    // The TOC is written with its entries but without page numbers: Word fills them in on open.
    features: { updateFields: true },
    styles: {
      default: { document: { run: { size: 22 }, paragraph: { spacing: { after: 120 } } } },
      paragraphStyles: STYLES,
      // docx marks the TOC entries it writes with this character style; defined so it resolves.
      characterStyles: [{ id: 'IndexLink', name: 'Index Link' }],
    },
    numbering: { config: lists.definitions },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE.margin,
              right: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              header: 708,
              footer: 708,
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return reproducible(await Packer.pack(file, 'uint8array'), date);
}

/** Per-render state; ids come from here, never from docx's process-wide counters. */
class RenderContext {
  /** The date of every tracked change. */
  readonly date: string;
  private nextId = 1;
  constructor(date: string) {
    this.date = date;
  }
  /** One counter for bookmarks and revisions, so every annotation id is unique in the file. */
  id(): number {
    return this.nextId++;
  }
}

function renderBlock(
  block: Block,
  index: number,
  ctx: RenderContext,
  lists: ListPlan,
  anchors: AnchorPlan,
): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: HEADINGS[block.level],
          children: bookmarked(anchors.names.get(index), inline(block.runs, ctx), ctx),
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          style: block.style === 'quote' ? 'Quote' : block.style === 'note' ? 'Note' : undefined,
          children: inline(block.runs, ctx),
        }),
      ];
    case 'unit':
      return [
        unitParagraph(block.unit, lists.placements.get(index), anchors.names.get(index), ctx),
      ];
    case 'fields':
      return block.fields.length === 0 ? [] : [fieldsTable(block.fields, ctx), afterTable()];
    case 'table':
      return [table(block.header, block.rows, ctx), afterTable()];
    case 'toc':
      return [
        new TableOfContents('Contents', {
          hyperlink: true,
          headingStyleRange: '1-2',
          // Given entries, docx writes them as they are; left to find the headings itself, it
          // bookmarks them with ids from a process-wide counter and the bytes differ per call.
          cachedEntries: anchors.toc,
        }),
      ];
    case 'page-break':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function unitParagraph(
  unit: NumberedUnit,
  placement: ListPlacement | undefined,
  bookmark: string | undefined,
  ctx: RenderContext,
): Paragraph {
  const runs = inline(unit.runs, ctx);
  if (placement) {
    return new Paragraph({
      numbering: placement,
      children: bookmarked(bookmark, runs, ctx),
    });
  }
  // A label Word cannot count to ("AB", "05", level 10) is printed as typed, never renumbered.
  const level = Math.max(0, unit.level);
  return new Paragraph({
    indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT },
    children: bookmarked(
      bookmark,
      [new TextRun({ children: [...textOf(unit.marker), new Tab()] }), ...runs],
      ctx,
    ),
  });
}

/** The key a redline needs: plain formatting, so accepting all changes leaves it intact. */
function redlineKey(): Paragraph {
  return new Paragraph({
    style: 'Note',
    children: [
      new TextRun('Changes are Word tracked changes: '),
      new TextRun({ text: 'inserted words', underline: {} }),
      new TextRun(' are underlined, '),
      new TextRun({ text: 'deleted words', strike: true }),
      new TextRun(' struck through.'),
    ],
  });
}

/** Label/value pairs as a borderless two-column table, so the values line up. */
function fieldsTable(fields: { label: string; value: Run[] }[], ctx: RenderContext): Table {
  const labelWidth = Math.round(TEXT_WIDTH * 0.3);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    borders: TableBorders.NONE,
    rows: fields.map(
      (field) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([new TextRun({ children: textOf(field.label), bold: true })]),
            cell(inline(field.value, ctx)),
          ],
        }),
    ),
  });
}

/** A Word table whose header row repeats on every page it runs onto. */
function table(header: string[], rows: Run[][][], ctx: RenderContext): Table {
  const columns = Math.max(1, header.length, ...rows.map((row) => row.length));
  const width = Math.floor(TEXT_WIDTH / columns);
  const pad = <T>(cells: T[], empty: T): T[] => [
    ...cells,
    ...Array.from({ length: columns - cells.length }, () => empty),
  ];
  const tableRows: TableRow[] = [];
  if (header.length > 0) {
    tableRows.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: pad(header, '').map((text) =>
          cell([new TextRun({ children: textOf(text), bold: true })]),
        ),
      }),
    );
  }
  for (const row of rows) {
    tableRows.push(new TableRow({ children: pad(row, []).map((runs) => cell(inline(runs, ctx))) }));
  }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: Array.from({ length: columns }, () => width),
    rows: tableRows,
  });
}

/**
 * An empty paragraph after every table: Word and LibreOffice merge two tables that touch into
 * one (the fields would take the next table's borders), and text right under a table is cramped.
 */
function afterTable(): Paragraph {
  return new Paragraph({ children: [] });
}

function cell(children: ParagraphChild[]): TableCell {
  return new TableCell({ children: [new Paragraph({ children })] });
}

/** Runs as Word runs: `ins`/`del` as tracked changes, `strong`/`em` as bold/italic. */
function inline(runs: Run[], ctx: RenderContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const run of runs) {
    const children = textOf(run.text);
    if (children.length === 0) continue;
    switch (run.mark) {
      case 'ins':
        out.push(
          new InsertedTextRun({ children, id: ctx.id(), author: DOCX_AUTHOR, date: ctx.date }),
        );
        break;
      case 'del':
        out.push(
          new DeletedTextRun({ children, id: ctx.id(), author: DOCX_AUTHOR, date: ctx.date }),
        );
        break;
      case 'strong':
        out.push(new TextRun({ children, bold: true }));
        break;
      case 'em':
        out.push(new TextRun({ children, italics: true }));
        break;
      default:
        out.push(new TextRun({ children }));
    }
  }
  return out;
}

/* eslint-disable no-control-regex -- matching control characters is the point */
const XML_INVALID =
  /[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/**
 * Plain text as run content: line breaks become Word line breaks and tabs Word tabs (a raw
 * newline in w:t shows as a space), and characters XML 1.0 forbids are dropped, since one of
 * them (a form feed pasted from a PDF) makes Word refuse the whole file.
 */
function textOf(text: string): (string | Tab | CarriageReturn)[] {
  const clean = text.replace(/\r\n?|[\f\v\u2028\u2029]/g, '\n').replace(XML_INVALID, '');
  const out: (string | Tab | CarriageReturn)[] = [];
  clean.split('\n').forEach((line, i) => {
    if (i > 0) out.push(new CarriageReturn());
    line.split('\t').forEach((part, j) => {
      if (j > 0) out.push(new Tab());
      if (part !== '') out.push(part);
    });
  });
  return out;
}

/**
 * Wraps content in a bookmark. docx's own Bookmark takes its w:id from a counter shared by the
 * whole process, so two renders of one document would differ; its BookmarkStart/End take ours.
 * They are valid paragraph content at run time, but docx's ParagraphChild type omits them.
 */
function bookmarked(
  name: string | undefined,
  children: ParagraphChild[],
  ctx: RenderContext,
): ParagraphChild[] {
  if (name === undefined) return children;
  const id = ctx.id();
  return [
    new BookmarkStart(name, id) as unknown as ParagraphChild,
    ...children,
    new BookmarkEnd(id) as unknown as ParagraphChild,
  ];
}

interface AnchorPlan {
  /** Bookmark name by block index (headings with an id or in the TOC, units). */
  names: Map<number, string>;
  /** The TOC's entries: level 1 and 2 headings, linked to their bookmarks. */
  toc: { title: string; level: number; href: string }[];
}

/**
 * Names every bookmark before anything is written, because the TOC (usually near the top) links
 * to headings that come after it.
 */
function planAnchors(blocks: Block[]): AnchorPlan {
  const names = new Map<number, string>();
  const toc: AnchorPlan['toc'] = [];
  const used = new Set<string>();
  let hidden = 0;
  blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      const inToc = block.level <= 2;
      if (block.id === undefined && !inToc) return;
      // A heading without an id still needs a target for its TOC entry: a hidden _Toc bookmark,
      // as Word makes its own (names starting with "_" are hidden in Word's bookmark list).
      const name = block.id !== undefined ? bookmarkName(block.id, used) : `_Toc${++hidden}`;
      names.set(index, name);
      if (inToc) {
        const title = block.runs
          .filter((run) => run.mark !== 'del')
          .map((run) => run.text)
          .join('');
        toc.push({ title: plainText(title), level: block.level, href: name });
      }
    } else if (block.kind === 'unit') {
      names.set(index, bookmarkName(block.unit.id, used));
    }
  });
  return { names, toc };
}

/** Text for a TOC entry: one line, without the characters XML forbids. */
function plainText(text: string): string {
  return textOf(text.replace(/\s+/g, ' ').trim())
    .filter((part): part is string => typeof part === 'string')
    .join('');
}

/**
 * A Word bookmark name for an id: Word wants at most 40 letters, digits and underscores,
 * starting with a letter ("5.IV.5.A" → "id_5_IV_5_A"). Long ids keep a hash of the whole id so
 * they stay distinct; a name already taken gets a counter.
 */
function bookmarkName(id: string, used: Set<string>): string {
  let base = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(base)) base = `id_${base}`;
  if (base.length > 40) base = `${base.slice(0, 32)}_${hash(id)}`;
  let name = base;
  for (let n = 2; used.has(name); n++) {
    const suffix = `_${n}`;
    name = base.slice(0, 40 - suffix.length) + suffix;
  }
  used.add(name);
  return name;
}

/** FNV-1a, 7 base-36 digits: short, stable across runs and platforms. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(-7);
}

// ---------------------------------------------------------------------------------------------
// Lists

interface LevelShape {
  kind: NumberedUnit['kind'];
  /** Word's level text: the marker with the label replaced by %n ("%1.", "(%2)"). */
  text: string;
  start: number;
}

interface ListPlacement {
  reference: string;
  instance: number;
  level: number;
}

interface ListPlan {
  definitions: { reference: string; levels: ILevelsOptions[] }[];
  /** Where each unit block (by index) sits in Word's lists; absent: printed with its typed label. */
  placements: Map<number, ListPlacement>;
}

/** A unit as Word would have to number it, or undefined when no Word list can show its label. */
function shapeOf(unit: NumberedUnit): (LevelShape & { value: number }) | undefined {
  if (!Number.isInteger(unit.level) || unit.level < 0 || unit.level >= LIST_LEVELS)
    return undefined;
  const value = labelOrdinal(unit.label, unit.kind);
  // Word counts letters A…Z, AA, BB…; "AB" or "05" cannot be produced, so they stay typed.
  if (value === null || wordLabel(value, unit.kind) !== unit.label) return undefined;
  const placeholder = `%${unit.level + 1}`;
  const text =
    unit.marker.includes(unit.label) && !unit.marker.includes('%')
      ? unit.marker.replace(unit.label, placeholder)
      : `${placeholder}.`;
  return { kind: unit.kind, text, start: value, value };
}

/** The label Word prints for a number in a format: its letters run A…Z, AA, BB… */
function wordLabel(n: number, kind: NumberedUnit['kind']): string {
  if (kind === 'decimal') return String(n);
  if (n < 1) return '';
  if (kind === 'upper-alpha' || kind === 'lower-alpha') {
    const letters = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.ceil(n / 26));
    return kind === 'upper-alpha' ? letters : letters.toLowerCase();
  }
  return labelAt(n, kind);
}

/**
 * Assigns units to Word lists so that Word's own counting prints exactly each unit's label.
 *
 * A list (a numbering instance, w:num) is restarted after every heading and whenever the next
 * unit is not what Word would print next: a clause quoted from sub-clause 5 starts at 5, a gap in
 * the labels starts a new list at the label. Only moves whose result Word defines unambiguously
 * are continued (the same level or one deeper, or back up to a level already counted); any other
 * unit opens a new list. Start values live in the list definition (abstractNum w:start, which
 * docx repeats as each instance's startOverride), so lists with different starts or formats get
 * their own definition; a rulebook numbered 1, 2, 3 in every clause uses one.
 */
function planLists(blocks: Block[]): ListPlan {
  const defaults = documentShapes(blocks);
  const references = new Map<string, { reference: string; instances: number }>();
  const definitions: ListPlan['definitions'] = [];
  const placements = new Map<number, ListPlacement>();
  let list:
    | {
        shape: LevelShape[];
        placement: Omit<ListPlacement, 'level'>;
        counters: (number | undefined)[];
        top: number;
        last: number;
      }
    | undefined;

  blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      list = undefined;
      return;
    }
    if (block.kind !== 'unit') return;
    const wanted = shapeOf(block.unit);
    if (!wanted) return;
    const level = block.unit.level;

    if (!list || !continues(list, level, wanted)) {
      const shape = defaults.map((fallback, l) =>
        l === level
          ? { kind: wanted.kind, text: wanted.text, start: wanted.start }
          : l > level
            ? { ...fallback, start: firstChildStart(blocks, index, level, l, fallback) }
            : fallback,
      );
      const key = JSON.stringify(shape);
      let ref = references.get(key);
      if (!ref) {
        ref = { reference: `units-${references.size + 1}`, instances: 0 };
        references.set(key, ref);
        definitions.push({ reference: ref.reference, levels: shape.map(levelOptions) });
      }
      list = {
        shape,
        placement: { reference: ref.reference, instance: ref.instances++ },
        counters: [],
        top: level,
        last: level,
      };
    }
    list.counters[level] = wanted.value;
    list.counters.length = level + 1;
    list.top = Math.min(list.top, level);
    list.last = level;
    placements.set(index, { ...list.placement, level });
  });
  return { definitions, placements };
}

/** Whether Word, continuing the list, would print exactly this unit's label. */
function continues(
  list: { shape: LevelShape[]; counters: (number | undefined)[]; top: number; last: number },
  level: number,
  wanted: LevelShape & { value: number },
): boolean {
  const shape = list.shape[level];
  if (!shape || shape.kind !== wanted.kind || shape.text !== wanted.text) return false;
  if (level < list.top || level > list.last + 1) return false;
  const counter = list.counters[level];
  const expected = counter !== undefined ? counter + 1 : shape.start;
  return expected === wanted.value;
}

/** Each level's format and text as first used in the document, so lists share definitions. */
function documentShapes(blocks: Block[]): LevelShape[] {
  const shapes: (LevelShape | undefined)[] = Array.from({ length: LIST_LEVELS }, () => undefined);
  for (const block of blocks) {
    if (block.kind !== 'unit') continue;
    const shape = shapeOf(block.unit);
    if (shape && !shapes[block.unit.level]) {
      shapes[block.unit.level] = { kind: shape.kind, text: shape.text, start: 1 };
    }
  }
  return shapes.map(
    (shape, l) =>
      shape ?? {
        kind: DEFAULT_KINDS[l % DEFAULT_KINDS.length] ?? 'decimal',
        text: `%${l + 1}.`,
        start: 1,
      },
  );
}

/**
 * The start a deeper level needs so the list's first child there prints its label (a quote of
 * "5.C" alone starts level 1 at C); 1 when that child has another format or there is none.
 */
function firstChildStart(
  blocks: Block[],
  from: number,
  parent: number,
  level: number,
  fallback: LevelShape,
): number {
  for (let i = from + 1; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block || block.kind === 'heading') break;
    if (block.kind !== 'unit') continue;
    if (block.unit.level <= parent) break;
    if (block.unit.level !== level) continue;
    const shape = shapeOf(block.unit);
    return shape && shape.kind === fallback.kind && shape.text === fallback.text ? shape.value : 1;
  }
  return 1;
}

function levelOptions(shape: LevelShape, level: number): ILevelsOptions {
  return {
    level,
    format: FORMATS[shape.kind],
    text: shape.text,
    start: shape.start,
    alignment: AlignmentType.LEFT,
    style: {
      paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Styles and packaging

const STYLES: IParagraphStyleOptions[] = [
  ...([1, 2, 3] as const).map((level) => ({
    id: `Heading${level}`,
    // Word recognises its built-in heading styles (and so the TOC \o switch) by these names.
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { bold: true, size: [32, 28, 24][level - 1], color: '1F3864' },
    paragraph: {
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
      spacing: { before: level === 1 ? 360 : 240, after: 120 },
    },
  })),
  {
    id: 'Subtitle',
    name: 'Subtitle',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { size: 28, color: '595959' },
    paragraph: { spacing: { after: 240 } },
  },
  {
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { italics: true },
    paragraph: { indent: { left: 720, right: 720 } },
  },
  {
    id: 'Note',
    name: 'Note',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { size: 18, color: '595959' },
  },
];

/** W3C date-time without milliseconds, as Word writes it. */
function w3cDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Makes the package depend on the document and the date only. docx stamps the core properties
 * with the clock and zips with the clock (neither has an option), so the core dates are replaced
 * and the files zipped again with a fixed time: noon of the date's UTC day, built from local
 * fields because zip times are local wall-clock fields (noon is never skipped by a DST change).
 * [Content_Types].xml goes first, where file-type sniffers look for it.
 */
function reproducible(packed: Uint8Array, date: Date): Uint8Array<ArrayBuffer> {
  const files = unzipSync(packed);
  const corePath = 'docProps/core.xml';
  const core = files[corePath];
  if (!core) throw new Error('renderDocx: docx wrote no docProps/core.xml');
  const stamp = w3cDate(date);
  let replaced = 0;
  files[corePath] = strToU8(
    strFromU8(core).replace(
      /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_m, open: string, _name: string, close: string) => {
        replaced++;
        return `${open}${stamp}${close}`;
      },
    ),
  );
  if (replaced !== 2) throw new Error('renderDocx: unexpected docProps/core.xml from docx');

  const ordered: Record<string, Uint8Array> = {};
  const contentTypes = files['[Content_Types].xml'];
  if (contentTypes) ordered['[Content_Types].xml'] = contentTypes;
  for (const [path, data] of Object.entries(files)) ordered[path] ??= data;
  const year = Math.min(2099, Math.max(1980, date.getUTCFullYear()));
  const mtime = new Date(year, date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
  // zipSync returns a fresh array over its own ArrayBuffer; fflate's types just don't say so.
  return zipSync(ordered, { level: 6, mtime }) as Uint8Array<ArrayBuffer>;
}
