/**
 * What the readers have found so far in one motion: the unit the text is talking about (set by
 * the latest citation), the changes read, restatements and quotations of current text, and the
 * problems — each with the span of motion text it is about, so the import screen can highlight it.
 *
 * A citation in prose (a title such as "Rule 13.2 – new rule", a numbered form heading) only sets
 * the context; its problems (no such unit, no chapter given) are reported when an instruction
 * acts on it, never for a citation nobody uses.
 */
import { expandRange, resolveTarget, type Citation } from '../../citations';
import { diagnostic, type Diagnostic, type Fix } from '../../diagnostics';
import { findUnit } from '../../rulebook/tree';
import type { Rulebook, Unit, UnitPath } from '../../rulebook/types';
import type { Profile } from '../../../schemas/profile';
import type { Instruction } from '../model';
import type { Operand } from './cursor';

/**
 * A choice a person made where the reader offered one (Diagnostic.fix): `at` is the start of the
 * diagnostic's span in the motion text as given, `value` the chosen option's value.
 */
export interface Resolution {
  at: number;
  /** Which question it answers, where one place asks two (which unit, then which occurrence). */
  kind?: 'choose-unit' | 'choose-occurrence' | 'mark-words';
  value: string;
}
import type { MotionSource } from './source';

/** The unit(s) a part of the motion talks about, and what is wrong with that citation, if anything. */
export interface Target {
  paths: UnitPath[];
  start: number;
  end: number;
  problems: Diagnostic[];
  /** Found from quoted current text rather than cited. */
  byText?: boolean;
}

/** Which words of a unit's text a change acts on. */
export type Selector =
  | { by: 'words'; words: string; start: number; end: number }
  | { by: 'sentence'; which: number | 'last' }
  | { by: 'whole' };

/** A change inside a unit's text, as read, before its unit and words are found. */
export type PendingOp =
  | { op: 'replace'; sel: Selector; new: string }
  | { op: 'delete'; sel: Selector }
  | { op: 'insertAfter' | 'insertBefore'; anchor: Selector; new: string }
  | { op: 'insertBetween'; first: string; second: string; new: string }
  | { op: 'addAtEnd' | 'addAtStart'; new: string }
  | { op: 'insertSentence'; position: number; new: string };

export interface FoundOp {
  op: PendingOp;
  target: Target | null;
  start: number;
  end: number;
  /** "(line 2)" written beside it: redundant when the words are unique. */
  lineHint?: { start: number; end: number };
}

/** "So that it reads: …" — the unit as the motion says it will read. */
export interface Restatement {
  target: Target | null;
  operand: Operand;
  /** Only a sentence of the unit ("the relevant sentence would then read"). */
  part: boolean;
  start: number;
}

/**
 * "Amend … to read as follows (the new words are underlined and the deleted words struck
 * through): …" — the unit as amended, with its changes shown only by formatting plain text lost.
 * Refused until a person marks the words (decide.ts).
 */
export interface MarkedText {
  target: Target | null;
  operand: Operand;
  /** Where the motion names the formatting: the diagnostic's span, where the marks are recorded. */
  mention: { start: number; end: number };
  start: number;
}

/** "… currently reads: …" — the unit as the motion says it reads now. */
export interface CurrentText {
  target: Target | null;
  operand: Operand;
  start: number;
}

/**
 * An instruction in plain words followed by a quotation of the rule as it will read ("Insert
 * branch before AGM or EGM “…”"): the change is what the quotation shows (read/shown.ts).
 */
export interface ShownChange {
  target: Target | null;
  /** The instruction's words, from where the prose since the citation starts. */
  prose: { start: number; end: number };
  /** Where the instruction was recognised (its verb): what a diagnostic marks. */
  start: number;
  operand: Operand;
}

export class ReadState {
  context: Target | null = null;
  /** Chapter and clause of the latest citation, for relative ones ("Sub-clause 5.B"). */
  scope: { chapter?: string; clause?: string } = {};
  edition: string | null = null;
  readonly ops: FoundOp[] = [];
  readonly units: Instruction[] = [];
  readonly restatements: Restatement[] = [];
  readonly current: CurrentText[] = [];
  readonly shown: ShownChange[] = [];
  readonly marked: MarkedText[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** The latest quotation no reader took ("Delete these words …" refers to it). */
  lastQuote: Operand | null = null;
  /** A "(line 2)" read before the change it belongs to. */
  pendingLine: { start: number; end: number } | null = null;
  /** Units' texts with quotes and dashes folded, for searching (decide.ts `holdersIn`). */
  readonly folded = new Map<Unit, string>();
  /** Searches of the whole edition for quoted words so far (bounded: decide.ts `everywhere`). */
  searches = 0;
  /** Offset of the first instruction read (quotations before it are preamble). */
  firstInstruction = -1;

  /** Choices a person made on earlier diagnostics, by the offset of their span in the text as given. */
  private readonly resolutions: (Resolution & { used: boolean })[];

  constructor(
    readonly source: MotionSource,
    readonly base: Rulebook,
    readonly profile: Profile,
    resolutions: readonly Resolution[] = [],
  ) {
    this.resolutions = resolutions.map((r) => ({ ...r, used: false }));
  }

  /** The value a person chose for the diagnostic that would be reported at `offset`, if any. */
  chosen(offset: number, kind: NonNullable<Resolution['kind']>): string | null {
    const at = this.source.originalOffset(offset);
    const r = this.resolutions.find((x) => x.at === at && (x.kind ?? kind) === kind);
    if (!r) return null;
    r.used = true;
    return r.value;
  }

  /** Choices that matched no diagnostic: the text changed since they were made. */
  unusedResolutions(): { at: number; value: string }[] {
    return this.resolutions.filter((r) => !r.used).map(({ at, value }) => ({ at, value }));
  }

  /** Everything a reader may change, so that a form that does not fit leaves no trace. */
  save(): () => void {
    const { context, scope, pendingLine, firstInstruction, lastQuote } = this;
    const lists = () => [
      this.ops,
      this.units,
      this.restatements,
      this.current,
      this.marked,
      this.diagnostics,
    ];
    const lengths = lists().map((a) => a.length);
    return () => {
      Object.assign(this, { context, scope, pendingLine, firstInstruction, lastQuote });
      lists().forEach((a, k) => {
        a.length = lengths[k] as number;
      });
    };
  }

  report(
    severity: 'error' | 'warning',
    ruleId: string,
    message: string,
    start: number,
    end = start,
    fix?: Fix,
  ): Diagnostic {
    const d = this.problem(ruleId, message, start, end, severity, fix);
    this.diagnostics.push(d);
    return d;
  }

  /** A diagnostic placed in the text as given, not recorded (a citation's deferred problems). */
  problem(
    ruleId: string,
    message: string,
    start: number,
    end: number,
    severity: 'error' | 'warning' = 'error',
    fix?: Fix,
  ): Diagnostic {
    const p = this.source.placeOf(start);
    const d = diagnostic(severity, ruleId, message, p.line, p.column);
    d.span = {
      start: this.source.originalOffset(start),
      end: this.source.originalOffset(Math.max(start, end)),
    };
    if (fix) d.fix = fix;
    return d;
  }

  instructionAt(offset: number): void {
    if (this.firstInstruction < 0 || offset < this.firstInstruction) this.firstInstruction = offset;
  }

  /**
   * An edition the motion names, in a citation or in prose. One that is not the edition being
   * amended is reported whether or not anything acts on it, once per place (readers may re-read
   * a citation). "Rule Book 2010" names the edition "2010-11".
   */
  named(edition: string, start: number, end: number): void {
    this.edition ??= edition;
    if (this.base.meta.edition.includes(edition)) return;
    const at = this.source.originalOffset(start);
    // Looked up in what is reported (not a set of its own), so that a reader's attempt undone
    // by tryRead takes its report with it.
    if (this.diagnostics.some((d) => d.ruleId === 'edition-mismatch' && d.span?.start === at))
      return;
    this.report(
      'error',
      'edition-mismatch',
      `Unexpected citation of the ${edition} edition, expected ${this.base.meta.edition} (the edition being amended): re-base the motion or apply it to ${edition}`,
      start,
      end,
    );
  }

  /** Resolves a citation into a target, updating the scope; problems are kept on the target. */
  cite(c: Citation, mustExist = true): Target {
    const problems: Diagnostic[] = [];
    const target: Target = { paths: [], start: c.start, end: c.end, problems };
    if (c.edition) this.named(c.edition, c.start, c.end);
    for (const t of c.targets) {
      const full = resolveTarget(t, this.scope);
      if (!full) {
        problems.push(
          this.problem(
            'citation-incomplete',
            'Unexpected citation without a chapter or clause, expected one cited before it (or the chapter named in the citation)',
            c.start,
            c.end,
          ),
        );
        return target;
      }
      target.paths.push(full);
    }
    if (c.range && target.paths.length === 2) {
      const [from, to] = target.paths as [UnitPath, UnitPath];
      const parent = findUnit(this.base, from)?.parent;
      const siblings = parent
        ? parent.children.map((u) => u.label)
        : this.base.chapters.map((u) => u.label);
      const expanded = expandRange([...from], [...to], siblings);
      if (!expanded) {
        problems.push(
          this.problem(
            'citation-range',
            `Unexpected range ${from.join('.')} to ${to.join('.')}, expected two units of one parent in order`,
            c.start,
            c.end,
          ),
        );
        return target;
      }
      target.paths = expanded;
    }
    const last = target.paths.at(-1);
    if (last && last.length >= 2) this.scope = { chapter: last[0], clause: last[1] };
    else if (last && last.length === 1) this.scope = { chapter: last[0] };
    if (mustExist) {
      for (const p of target.paths) {
        if (!findUnit(this.base, p)) {
          problems.push(
            this.problem(
              'unit-not-found',
              `Unexpected citation of ${p.join('.')}, no such unit in edition ${this.base.meta.edition}`,
              c.start,
              c.end,
            ),
          );
        }
      }
    }
    return target;
  }

  /** The paths of a target an instruction acts on, reporting its problems (once); null if any. */
  use(target: Target | null): UnitPath[] | null {
    if (!target) return null;
    if (target.problems.length > 0) {
      for (const d of target.problems) if (!this.diagnostics.includes(d)) this.diagnostics.push(d);
      return null;
    }
    return target.paths;
  }
}
