/**
 * The procedure checks of a rule change (SPEC §4.4): deadline, allowance, the three-year rule,
 * a rule cited, one subject, overlap with other motions. Pure: the caller gathers the facts (the
 * body's submissions, the rule history, the other motions); the same function shows warnings
 * while drafting and refuses a submission that has errors.
 */
import type { BodyKind, Procedure } from '../../schemas/profile';

/** Which rule a check applies; stable ids for the UI and tests. */
export type CheckId =
  | 'deadline'
  | 'allowance'
  | 'three-year-rule'
  | 'rule-cited'
  | 'reading-unfinished'
  | 'no-change'
  | 'several-chapters'
  | 'overlap';

export interface ProcedureCheck {
  id: CheckId;
  /** Errors refuse a submission; warnings are shown and left to the CAC. */
  severity: 'error' | 'warning';
  message: string;
}

/** Another motion that might touch the same text. */
export interface OtherMotion {
  id: string;
  title: string;
  body: string;
  units: readonly string[];
}

export interface ProcedureFacts {
  procedure: Procedure;
  body: { name: string; kind: BodyKind };
  /** The conference year the motion is submitted for (the year of submission). */
  year: number;
  now: Date;
  /** Paths of the units the motion cites (`5.IV.5.B.i`). */
  units: readonly string[];
  /**
   * The motion was kept as submitted with its text not read into instructions yet (so it cites
   * no unit): it may go to the CAC as agreed, who finish reading it before ruling it in order.
   */
  unread?: boolean;
  /**
   * Whether the text people adopted changes any rule (its motion text is not empty); null while
   * it is still being drafted, when the live motion text already shows it.
   */
  changesText: boolean | null;
  /** How many rule changes the body has already submitted for `year`, this one not counted. */
  submittedByBody: number;
  /** The last conference year that decided on each unit path. */
  decided: Readonly<Record<string, number>>;
  /** Other live motions (not this one). */
  others: readonly OtherMotion[];
}

/** Warn this many days before a deadline. */
const DEADLINE_WARNING_DAYS = 14;

/** The calendar year of `date` in a time zone. */
export function yearIn(date: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(date));
}

/** The calendar date (YYYY-MM-DD) at `date` in `timeZone`: "today" for a meeting record. */
export function dateIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(date);
}

/**
 * The conference year a submission made `now` is for: this year's while its deadline is ahead,
 * else the next year with a deadline still ahead; with none set, this year (or the next once
 * this year's deadline has passed), and the deadline check says none is set.
 */
export function submissionYear(procedure: Procedure, now: Date): number {
  const thisYear = yearIn(now, procedure.timeZone);
  const open = Object.entries(procedure.deadlines)
    .map(([year, at]) => ({ year: Number(year), at: Date.parse(at) }))
    .filter((d) => d.year >= thisYear && d.at > now.getTime())
    .sort((a, b) => a.year - b.year);
  if (open[0]) return open[0].year;
  const current = procedure.deadlines[String(thisYear)];
  return current && Date.parse(current) <= now.getTime() ? thisYear + 1 : thisYear;
}

/** The conference at which a motion submitted in `year` by a body of `kind` is debated. */
export function debateYear(procedure: Procedure, year: number, kind: BodyKind): number {
  if (procedure.delay.undelayed.includes(kind)) return year;
  return year + (procedure.delay.years[String(year)] ?? procedure.delay.default);
}

/**
 * Whether two unit paths name overlapping text: the same unit, or one inside the other. The
 * empty path is the whole rulebook, which overlaps everything.
 */
export function overlaps(a: string, b: string): boolean {
  return a === '' || b === '' || a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

function formatWhen(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

function deadline(f: ProcedureFacts): ProcedureCheck[] {
  const raw = f.procedure.deadlines[String(f.year)];
  if (!raw) {
    return [
      {
        id: 'deadline',
        severity: 'warning',
        message: `No submission deadline is set for Conference ${f.year} yet`,
      },
    ];
  }
  const at = new Date(raw);
  const when = formatWhen(at, f.procedure.timeZone);
  const left = at.getTime() - f.now.getTime();
  if (left <= 0) {
    return [
      {
        id: 'deadline',
        severity: 'error',
        message: `The deadline for Conference ${f.year} passed at ${when}`,
      },
    ];
  }
  const days = Math.ceil(left / 86_400_000);
  if (days > DEADLINE_WARNING_DAYS) return [];
  return [
    {
      id: 'deadline',
      severity: 'warning',
      message: `${days} day${days === 1 ? '' : 's'} left: submissions for Conference ${f.year} close at ${when}`,
    },
  ];
}

function allowance(f: ProcedureFacts): ProcedureCheck[] {
  const allowed = f.procedure.allowance[f.body.kind];
  if (allowed === undefined || allowed === 0) {
    return [
      {
        id: 'allowance',
        severity: 'error',
        message: `${f.body.name} cannot submit rule changes: a ${f.body.kind} has no allowance`,
      },
    ];
  }
  if (f.submittedByBody < allowed) return [];
  return [
    {
      id: 'allowance',
      severity: 'error',
      message: `${f.body.name} has already submitted ${f.submittedByBody} of its ${allowed} rule change${allowed === 1 ? '' : 's'} for Conference ${f.year}`,
    },
  ];
}

function threeYearRule(f: ProcedureFacts): ProcedureCheck[] {
  const window = f.procedure.revisitAfterYears;
  if (window === 0) return [];
  const debated = debateYear(f.procedure, f.year, f.body.kind);
  const checks: ProcedureCheck[] = [];
  for (const unit of f.units) {
    for (const [decidedPath, decidedYear] of Object.entries(f.decided)) {
      if (!overlaps(unit, decidedPath) || debated >= decidedYear + window) continue;
      checks.push({
        id: 'three-year-rule',
        severity: 'error',
        message: `${decidedPath} was decided by Conference ${decidedYear}: it cannot be on the agenda again before ${decidedYear + window} (this motion would be debated in ${debated})`,
      });
    }
  }
  return checks;
}

function cited(f: ProcedureFacts): ProcedureCheck[] {
  if (f.units.length > 0) return [];
  if (f.unread) {
    return [
      {
        id: 'reading-unfinished',
        severity: 'warning',
        message:
          'The text as submitted is not read into instructions yet: it can be submitted as agreed, and must be read before it is ruled in order',
      },
    ];
  }
  return [
    {
      id: 'rule-cited',
      severity: 'error',
      message: 'The motion changes no rule yet: amend, insert or delete a unit of the rulebook',
    },
  ];
}

function changes(f: ProcedureFacts): ProcedureCheck[] {
  if (f.units.length === 0 || f.changesText !== false) return [];
  return [
    {
      id: 'no-change',
      severity: 'error',
      message: 'The motion cites a rule but changes none of its text: its motion text is empty',
    },
  ];
}

function severalChapters(f: ProcedureFacts): ProcedureCheck[] {
  const chapters = [...new Set(f.units.map((u) => u.split('.')[0]))];
  if (chapters.length <= 1) return [];
  return [
    {
      id: 'several-chapters',
      severity: f.procedure.severalChapters === 'refuse' ? 'error' : 'warning',
      message: `The motion touches Chapters ${chapters.join(' and ')}: a rule change should have one subject, and the CAC may rule it out of order`,
    },
  ];
}

function overlap(f: ProcedureFacts): ProcedureCheck[] {
  return f.others.flatMap((o): ProcedureCheck[] => {
    const shared = o.units.filter((u) => f.units.some((mine) => overlaps(u, mine)));
    if (shared.length === 0) return [];
    const message = `“${o.title}” (${o.body}) also changes ${shared.join(', ')}`;
    return [{ id: 'overlap', severity: 'warning', message }];
  });
}

/** Every check, errors first; an empty list means the motion may be submitted. */
export function checkProcedure(facts: ProcedureFacts): ProcedureCheck[] {
  const all = [
    ...cited(facts),
    ...changes(facts),
    ...deadline(facts),
    ...allowance(facts),
    ...threeYearRule(facts),
    ...severalChapters(facts),
    ...overlap(facts),
  ];
  return [
    ...all.filter((c) => c.severity === 'error'),
    ...all.filter((c) => c.severity === 'warning'),
  ];
}
