/**
 * The rulebook model: an edition is a tree of units (chapter → clause → sub-clause → paragraph →
 * sub-paragraph → deeper), each with a canonical address. Pure data, shared by browser and server.
 */
import type { Diagnostic } from '../diagnostics';

/** How a label is counted. The profile says which kind each level uses. */
export type LabelKind = 'decimal' | 'upper-alpha' | 'lower-alpha' | 'upper-roman' | 'lower-roman';

/**
 * A canonical unit address, `edition:path` e.g. `2024:5.IV.5.A.i`. Branded so that a free string
 * cannot be passed where an address is meant; create one only with `unitAddress()`.
 */
export type UnitAddress = string & { readonly __brand: 'UnitAddress' };

/** A path of bare labels from the chapter down, e.g. `['5', 'IV', '5', 'A', 'i']`. */
export type UnitPath = readonly string[];

/** A place in a source file: 1-based line and column, 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export type UnitKind = 'chapter' | 'clause' | 'unit';

/** One node of the rulebook tree. Chapters and clauses are units too (with a heading title). */
export interface Unit {
  kind: UnitKind;
  /** 0 chapter, 1 clause, 2 sub-clause, 3 paragraph, 4 sub-paragraph, 5+ deeper. */
  depth: number;
  /** The bare label: `5`, `IV`, `A`, `ii`. */
  label: string;
  /** The label as printed, with its punctuation: `5.`, `A.`, `(a)`. Empty for headings. */
  marker: string;
  /** Heading title of a chapter or clause; empty for numbered units. */
  title: string;
  /**
   * The unit's own text (without its sub-units), normalised: wrapped lines joined by one space,
   * paragraphs separated by a single `\n`. This is what is diffed, amended and compared.
   */
  text: string;
  path: UnitPath;
  address: UnitAddress;
  children: Unit[];
  /** Where the unit's own lines are in the source (heading or label line to its last own line). */
  start: Position;
  end: Position;
  /** The unit's own source lines exactly as written, kept so unchanged units re-serialise byte for byte. */
  sourceLines: string[];
  /** Blank lines before the unit in its source, for the same reason. */
  blankBefore: number;
  /** The unit as parsed; absent on units created by an amendment. */
  origin?: { text: string; marker: string; title: string; label?: string };
}

export interface RulebookMeta {
  organisation: string;
  title: string;
  edition: string;
}

export interface Rulebook {
  format: 'markdown' | 'text';
  meta: RulebookMeta;
  /** The raw front matter block including its `---` fences, or null (plain text). */
  frontMatter: string | null;
  /** Lines before the first chapter that are not front matter (a pasted title page), kept verbatim. */
  preamble: string[];
  /** Top-level units: the chapters. */
  chapters: Unit[];
}

export interface ParseResult {
  rulebook: Rulebook;
  diagnostics: Diagnostic[];
}
