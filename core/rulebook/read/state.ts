/**
 * Where the line reader is in one rulebook: the lines, the tree built so far, the open units
 * (chapter, clause, and the stack of numbered units by indentation), the unit receiving text, and
 * the diagnostics. The profile's limits on units and depth are counted here, as each unit is
 * made, because past them the reading stops.
 */
import { diagnostic, type Diagnostic, type Severity } from '../../diagnostics';
import type { Profile } from '../../../schemas/profile';
import { unitAddress } from '../address';
import type { ContentsPage } from '../contents';
import { levelKind } from '../labels';
import type { LabelKind, Position, Rulebook, RulebookMeta, Unit } from '../types';
import { Addresses, checkSequence } from './checks';
import { headingPatterns, type HeadingPatterns } from './headings';
import { count, lineOffsets } from './source';

/** A numbered unit that later lines may nest under or continue. */
export interface Open {
  unit: Unit;
  /** Column (0-based) of the label; deeper-indented labels are children. */
  col: number;
}

export class LineState {
  readonly lines: string[];
  readonly meta: RulebookMeta;
  readonly rulebook: Rulebook;
  readonly diagnostics: Diagnostic[] = [];
  readonly patterns: HeadingPatterns;
  readonly addresses: Addresses;
  /** Line numbers (0-based) of Markdown headings, with their depth. */
  headingLines = new Map<number, number>();
  /** The first line after the front matter. */
  bodyStart = 0;
  /** A contents page pasted before the rules: kept verbatim in the preamble, read as nothing. */
  contents: ContentsPage | null = null;
  chapter: Unit | null = null;
  clause: Unit | null = null;
  stack: Open[] = [];
  /** The unit receiving text. */
  target: Unit | null = null;
  /** Blank lines since the last line of text (paragraph breaks, and units' `blankBefore`). */
  blank = 0;
  /** Whether the next line of text continues the receiving unit's paragraph. */
  paragraphOpen = false;
  preambleDone = false;
  /** Units made so far, against the profile's limit; past it, or too deep, reading stops. */
  units = 0;
  stopped = false;
  private readonly offsets: number[];

  constructor(
    readonly source: string,
    readonly format: 'markdown' | 'text',
    readonly profile: Profile,
    edition: string | undefined,
  ) {
    this.lines = source.split('\n');
    this.patterns = headingPatterns(profile);
    this.addresses = new Addresses(profile);
    this.meta = { organisation: profile.organisation, title: 'Rule Book', edition: edition ?? '' };
    this.rulebook = { format, meta: this.meta, frontMatter: null, preamble: [], chapters: [] };
    this.offsets = lineOffsets(this.lines);
  }

  /** The label kind the profile gives units at `depth`. */
  kindAt(depth: number): LabelKind {
    return levelKind(this.profile, depth);
  }

  /** Records a diagnostic at a 1-based line and column. */
  report(severity: Severity, ruleId: string, message: string, line: number, column: number): void {
    this.diagnostics.push(diagnostic(severity, ruleId, message, line, column));
  }

  /**
   * Counts a new unit at `depth`, at the 0-based `line` and `col`; false (and reading stops, with
   * an error) when it is one unit too many or one level too deep.
   */
  withinLimits(depth: number, line: number, col: number): boolean {
    const { limits } = this.profile;
    this.units++;
    if (this.units > limits.rulebookUnits) {
      this.report(
        'error',
        'too-many-units',
        `Unexpected unit number ${count(this.units)}, expected at most ${count(limits.rulebookUnits)} units (the profile's limit)`,
        line + 1,
        col + 1,
      );
      this.stopped = true;
    } else if (depth + 1 > limits.rulebookDepth) {
      this.report(
        'error',
        'nested-too-deep',
        `Unexpected unit nested ${depth + 1} levels deep, expected at most ${limits.rulebookDepth} levels (the profile's limit)`,
        line + 1,
        col + 1,
      );
      this.stopped = true;
    }
    return !this.stopped;
  }

  /** The position of a 0-based line and column. */
  pos(line: number, col: number): Position {
    return {
      line: line + 1,
      column: col + 1,
      offset: (this.offsets[line] ?? this.source.length) + col,
    };
  }

  /** A unit starting at the 0-based `line` and `col`, with no text yet. */
  newUnit(
    kind: Unit['kind'],
    depth: number,
    label: string,
    marker: string,
    title: string,
    path: string[],
    line: number,
    col: number,
  ): Unit {
    return {
      kind,
      depth,
      label,
      marker,
      title,
      text: '',
      path,
      address: unitAddress(this.meta.edition, path),
      children: [],
      start: this.pos(line, col),
      end: this.pos(line, this.lines[line]?.length ?? 0),
      sourceLines: [this.lines[line] ?? ''],
      blankBefore: this.blank,
    };
  }

  /**
   * Checks a new unit against its place under `parent` (null: a chapter) after the last of
   * `siblings` (the caller adds it there): a repeated address, a label out of sequence. `what`
   * names the level in those messages.
   */
  placeUnit(unit: Unit, parent: Unit | null, siblings: Unit[], what: string): void {
    const previous = siblings.at(-1);
    if (this.addresses.place(unit, parent, previous, this.diagnostics)) {
      const { line, column } = unit.start;
      const kind = this.kindAt(unit.depth);
      const d = checkSequence(previous?.label, unit.label, kind, line - 1, column - 1, what);
      if (d) this.diagnostics.push(d);
    }
  }
}
