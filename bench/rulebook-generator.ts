/**
 * A deterministic generator of large rulebooks in the Markdown source format (SPEC §3), used to
 * benchmark parsing, diffing and motion generation on inputs far larger than a real rulebook.
 * Same options → byte-identical output, so benchmark runs are comparable across machines.
 */
import { seededRandom } from '../core/amendments/test/random-edits';
import { labelAt } from '../core/rulebook/labels';
import type { LabelKind } from '../core/rulebook/types';
import { wordCount } from '../core/diff/words';

/** Options for {@link generateRulebook}. */
export interface RulebookGeneratorOptions {
  /** Approximate total number of words (whitespace-separated tokens), front matter included. */
  words: number;
  /** Seed for the PRNG; the same seed always yields the same rulebook. */
  seed: number;
  /** Edition written in the front matter; defaults to "2024". */
  edition?: string;
}

const BODIES = [
  'the NEC',
  'the CLP',
  'the branch',
  'the general committee',
  'the executive committee',
  'the all member meeting',
  'the regional director',
  'the General Secretary',
  'the CAC',
  'the procedures secretary',
  'the local campaign forum',
  "the women's forum",
  'the secretary of the CLP',
  'the treasurer of the branch',
  'the chair of the meeting',
  'the National Constitutional Committee',
  'the regional board',
  'the Labour group',
  'each affiliated organisation',
  'each affiliated branch',
  'the national office',
  'the disputes panel',
  'the organisation committee',
  'the scrutineer',
  'Party conference',
  'the National Policy Forum',
  'the Young Labour national committee',
  'the appeals panel',
  'the auditors of the CLP',
  'the membership officer',
];

const COMMITTEES = [
  'the general committee',
  'the executive committee',
  'the disputes panel',
  'the organisation committee',
  'the appeals panel',
  'the regional board',
  'the local campaign forum',
  'the selection committee',
  'the CLP delegation',
  'the Young Labour national committee',
];

const MODALS = [
  'shall',
  'may',
  'shall not',
  'shall normally',
  'shall in every case',
  'may at any time',
];

const VERBS = [
  'approve',
  'publish',
  'consider',
  'receive',
  'review',
  'keep a record of',
  'report on',
  'determine',
  'adopt',
  'circulate',
  'examine',
  'endorse',
  'amend',
  'confirm',
  'set aside',
  'issue guidance on',
  'invite comments on',
  'take account of',
  'make arrangements for',
  'give notice of',
  'appoint a panel to hear',
  'keep under review',
  'lay before the members',
  'send to the regional office',
  'make available to members',
  'hold a ballot on',
];

const OBJECTS = [
  'the annual accounts',
  'the minutes of each meeting',
  'a list of eligible members',
  'the procedural guidelines',
  'the timetable for nominations',
  'the standing orders',
  'a written report on its activities',
  'any motion submitted by a branch',
  'the result of each ballot',
  'the register of affiliated branches',
  'the list of approved candidates',
  'any rule change adopted for submission',
  'the record of attendance',
  'the freeze date for the ballot',
  'the arrangements for hustings',
  'any complaint made against an officer',
  'the allocation of subscriptions',
  'the budget for the coming year',
  'the code of conduct for candidates',
  'the boundaries of each branch',
  'the nominations for delegates',
  'the agenda for the annual meeting',
  'the shortlist of applicants',
  'the election expenses of each candidate',
  'the terms of reference of each committee',
  'the report of the auditors',
  'any appeal against a ruling of the chair',
  'the number of members in good standing',
  'the composition of the delegation',
  'the policy documents of the Party',
  'the qualifying period of membership',
  'the details of every donation received',
];

const CONDITIONS = [
  'a vacancy arises between annual meetings',
  'the NEC so directs',
  'one third of the branches so request in writing',
  'a ballot is required under these rules',
  'the regional director has been consulted',
  'no valid nomination has been received',
  'the meeting is not quorate',
  'an officer has ceased to attend',
  'the timetable does not allow a full selection',
  'a complaint has been referred for investigation',
  'two or more candidates receive an equal number of votes',
  'the accounts have not been approved',
  'a branch has ceased to function',
  'a member moves to the area of another CLP',
  'a by-election is called at short notice',
  'the boundaries of the constituency are changed',
  'the chair rules that the matter is urgent',
  'an affiliated branch fails to pay its fees',
  'the procedural guidelines make no provision',
  'the general committee has not met for six months',
  'a candidate withdraws after nominations close',
  'the quorum cannot be met after two attempts',
];

const EVENTS = [
  'the close of nominations',
  'the annual general meeting',
  'the date of the decision',
  'the freeze date',
  'receipt of the request',
  'the end of the financial year',
  'the declaration of the result',
  'the notice of appeal',
  'the close of Party conference',
  'the meeting at which the matter was raised',
  'the date of the complaint',
  'the publication of the timetable',
];

const NUMBERS = ['seven', 'ten', '14', '21', '28', '30', '42', '60', '90', 'three', 'five', '12'];
const PERCENTS = ['5', '10', '15', '20', '25', '33', '40', '50'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'September',
  'October',
  'November',
  'December',
];

const PEOPLE = [
  'individual members',
  'delegates',
  'officers',
  'councillors',
  'affiliated members',
  'young members',
  'women members',
  'disabled members',
  'elected representatives',
  'registered supporters',
];

const TERMS = [
  'member in good standing',
  'affiliated branch',
  'freeze date',
  'ballot period',
  'procedures secretary',
  'ordinary meeting',
  'special meeting',
  'eligible member',
  'sitting member',
  'full selection',
  'casual vacancy',
  'card vote',
];

const ADVERBS = [
  'as soon as practicable',
  'without undue delay',
  'in writing',
  'by electronic means',
  'at its next ordinary meeting',
  'with the consent of the chair',
  'in the form prescribed by the NEC',
  'after consulting the members',
  'in accordance with the law',
  'subject to these rules',
  'by a simple majority',
  'on a show of hands',
];

const CHAPTER_TITLES = [
  'Constitutional rules',
  'Membership rules',
  'Party conference',
  'Elections of national officers of the Party and the NEC',
  'Selections, rights and responsibilities of candidates for elected public office',
  'Rules for CLPs',
  'Rules for branches',
  'Disciplinary rules',
  'Young Labour',
  'Rules for local campaign forums',
  'Rules for regional boards',
  'Rules for Labour groups on local authorities',
  "Rules for women's forums",
  'Rules for affiliated organisations',
  'Policy making',
  'Finance and audit',
  'Labour International',
  'Equalities structures',
];

const CLAUSE_TOPICS = [
  'Name and objects',
  'Membership',
  'Officers',
  'Meetings',
  'Elections',
  'Finance',
  'Procedural rules',
  'Nominations',
  'Appeals',
  'Powers and duties',
  'Standing orders',
  'Delegates',
  'Ballots',
  'Vacancies',
  'Complaints',
  'Records and accounts',
];

const CLAUSE_SUBJECTS = [
  'the Party',
  'the NEC',
  'the CLP',
  'branches',
  'Party conference',
  'the general committee',
  'affiliated organisations',
  'elected representatives',
  'the regional board',
  'Young Labour',
];

/** Picks from a pool, avoiding phrases already used in the current unit where it can. */
class Picker {
  private used = new Set<string>();

  constructor(private readonly rand: () => number) {}

  /** Starts a new unit: phrases may be reused again. */
  reset(): void {
    this.used.clear();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  any<T>(pool: readonly T[]): T {
    const item = pool[Math.floor(this.rand() * pool.length)];
    if (item === undefined) throw new Error('empty pool');
    return item;
  }

  /** An index in [0, n) not yet drawn for `tag` in this unit (after a few tries, any index). */
  freshIndex(tag: string, n: number): number {
    let pick = this.int(0, n - 1);
    for (let tries = 0; tries < 8 && this.used.has(`${tag}:${pick}`); tries++) {
      pick = this.int(0, n - 1);
    }
    this.used.add(`${tag}:${pick}`);
    return pick;
  }

  /** A phrase not yet used in this unit (after a few tries, any phrase). */
  fresh(pool: readonly string[]): string {
    let pick = this.any(pool);
    for (let tries = 0; tries < 8 && this.used.has(pick); tries++) pick = this.any(pool);
    this.used.add(pick);
    return pick;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function timePhrase(p: Picker, manner = true): string {
  switch (p.int(0, manner ? 3 : 2)) {
    case 0:
      return `within ${p.any(NUMBERS)} days of ${p.fresh(EVENTS)}`;
    case 1:
      return `not later than ${p.int(1, 28)} ${p.any(MONTHS)} in each year`;
    case 2:
      return `before ${p.fresh(EVENTS)}`;
    default:
      return p.fresh(ADVERBS);
  }
}

/** The predicate of a rule: verb, object and sometimes a time or manner. */
function predicate(p: Picker): string {
  let out = `${p.fresh(VERBS)} ${p.fresh(OBJECTS)}`;
  if (p.chance(0.45)) out += ` ${timePhrase(p)}`;
  return out;
}

/** One full sentence of rule text, ending with a full stop. */
function sentence(p: Picker, unitName: string): string {
  switch (p.freshIndex('sentence', 12)) {
    case 0:
    case 1:
    case 2:
    case 10:
    case 11:
      return `${capitalise(p.fresh(BODIES))} ${p.fresh(MODALS)} ${predicate(p)}.`;
    case 3:
      return `Where ${p.fresh(CONDITIONS)}, ${p.fresh(BODIES)} ${p.fresh(MODALS)} ${predicate(p)}.`;
    case 4:
      return `No decision on ${p.fresh(OBJECTS)} shall be valid unless ${p.fresh(CONDITIONS)} and ${p.fresh(BODIES)} has been informed ${p.fresh(ADVERBS)}.`;
    case 5:
      return `${capitalise(p.fresh(COMMITTEES))} shall consist of ${p.int(7, 21)} ${p.fresh(PEOPLE)}, of whom at least ${p.int(2, 6)} shall be ${p.fresh(PEOPLE)}.`;
    case 6:
      return `For the purposes of this ${unitName}, "${p.fresh(TERMS)}" means one of the ${p.fresh(PEOPLE)} named in ${p.fresh(OBJECTS)}.`;
    case 7:
      return `A decision under this ${unitName} shall require the support of at least ${p.any(PERCENTS)} per cent of the ${p.fresh(PEOPLE)} present and voting, and shall take effect ${timePhrase(p, false)}.`;
    case 8:
      return `${capitalise(p.fresh(BODIES))} may, with the approval of ${p.fresh(BODIES)}, ${predicate(p)}.`;
    default:
      return `Nothing in this ${unitName} shall prevent ${p.fresh(BODIES)} from acting ${p.fresh(ADVERBS)} where ${p.fresh(CONDITIONS)}.`;
  }
}

/** A list item that continues its parent's "…:" lead-in ("to publish …;"). */
function listItem(p: Picker, last: boolean): string {
  const end = last ? '.' : ';';
  if (p.chance(0.3)) return `to ${predicate(p)}, where ${p.fresh(CONDITIONS)}${end}`;
  return `to ${predicate(p)}${end}`;
}

/** A lead-in sentence for a unit that has children, ending with a colon. */
function leadIn(p: Picker): string {
  switch (p.int(0, 3)) {
    case 0:
      return `${capitalise(p.fresh(BODIES))} shall have the following duties:`;
    case 1:
      return `Where ${p.fresh(CONDITIONS)}, ${p.fresh(BODIES)} shall be required:`;
    case 2:
      return `The duties of ${p.fresh(BODIES)} under this rule shall include:`;
    default:
      return `${sentence(p, 'rule')} In particular, ${p.fresh(BODIES)} shall have the power:`;
  }
}

/** Label kinds per depth below the clause: 1, 2… / A, B… / i, ii… / a, b… */
const KINDS: readonly LabelKind[] = ['decimal', 'upper-alpha', 'lower-roman', 'lower-alpha'];
const labelFor = (depth: number, n: number) => labelAt(n, KINDS[Math.min(depth, 3)] as LabelKind);

/** Most children a unit at each depth may have (keeps labels short and unambiguous). */
const MAX_CHILDREN = [Infinity, 8, 6, 3];

/** A token that would read as a unit label if it began a continuation line. */
const RISKY_LINE_START = /^(?:\d{1,3}|[A-Za-z]{1,6})[.)]|^\(/;

/**
 * Greedy wrap to `width` columns with a hanging indent. A word that would look like a label at the
 * start of a line ("it.", "(a)") is kept on the line before it.
 */
function wrap(first: string, text: string, indent: number, width: number): string[] {
  const tokens: string[] = [];
  for (const word of text.split(' ')) {
    const prev = tokens.length - 1;
    if (prev >= 0 && RISKY_LINE_START.test(word)) tokens[prev] += ` ${word}`;
    else tokens.push(word);
  }
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const token of tokens) {
    if (!empty && line.length + 1 + token.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + token;
    } else {
      line += empty ? token : ` ${token}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * Generates a rulebook in the Markdown source format: front matter, `# Chapter N: …`,
 * `## Clause <ROMAN>. …`, then numbered units nested by 3-space indentation with labels in
 * strict sequence (1. / A. / i. / occasionally a.). Deterministic for a given seed, and within a
 * few per cent of `words` words — so benchmarks can scale input size without a real rulebook.
 */
export function generateRulebook(options: RulebookGeneratorOptions): string {
  const target = Math.max(200, Math.floor(options.words));
  const edition = options.edition ?? '2024';
  const p = new Picker(seededRandom(options.seed));
  const lines: string[] = [
    '---',
    'organisation: Labour Party',
    'title: Rule Book',
    `edition: "${edition}"`,
    '---',
  ];
  let total = wordCount(lines.join('\n'));

  const push = (...added: string[]): void => {
    for (const line of added) {
      lines.push(line);
      total += wordCount(line);
    }
  };

  /** Writes one unit (and, budget permitting, its children); `end` is the word budget to stop at. */
  const writeUnit = (depth: number, n: number, end: number, last = false): void => {
    p.reset();
    const label = `${labelFor(depth, n)}. `;
    const indent = ' '.repeat(depth * 3);
    const maxChildren = MAX_CHILDREN[depth + 1] ?? 0;
    const wantChildren =
      maxChildren > 0 && total < end - 60 && p.chance([0.3, 0.18, 0.08][depth] ?? 0);
    let text: string;
    if (wantChildren) {
      text = leadIn(p);
    } else if (depth > 0 && p.chance(0.65)) {
      text = listItem(p, last);
    } else {
      const count = p.chance(0.55) ? 1 : p.int(2, 5);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(sentence(p, depth === 0 ? 'sub-clause' : 'rule'));
      text = parts.join(' ');
    }
    push('');
    const first = indent + label;
    if (first.length + text.length > 100 && p.chance(0.15)) {
      push(...wrap(first, text, first.length, 100));
    } else {
      push(first + text);
    }
    if (!wantChildren) return;
    const children = p.int(2, maxChildren);
    for (let i = 1; i <= children && (i <= 2 || total < end); i++) {
      writeUnit(depth + 1, i, end, i === children);
    }
  };

  const chapterCount = Math.max(
    1,
    Math.round((target / 6000) * (0.8 + 0.4 * seededRandom(options.seed ^ 0x5eed)())),
  );
  const titles = [...CHAPTER_TITLES];
  for (let chapter = 1; chapter <= chapterCount; chapter++) {
    const chapterEnd = total + (target - total) / (chapterCount - chapter + 1);
    const titleIndex = p.int(0, titles.length - 1);
    const title = titles.splice(titleIndex, 1)[0] ?? `Further rules (${chapter})`;
    push('', `# Chapter ${chapter}: ${title}`);
    let clause = 0;
    do {
      clause++;
      const clauseEnd = Math.min(chapterEnd, total + p.int(300, 1400));
      const topic = p.any(CLAUSE_TOPICS);
      const subject = p.any(CLAUSE_SUBJECTS);
      push('', `## Clause ${labelAt(clause, 'upper-roman')}. ${topic} of ${subject}`);
      if (p.chance(0.12)) {
        p.reset();
        push('', `This clause applies to ${subject}, and shall be read with ${p.fresh(OBJECTS)}.`);
      }
      let sub = 0;
      do {
        sub++;
        writeUnit(0, sub, clauseEnd);
      } while (total < clauseEnd - 10);
    } while (total < chapterEnd - 40);
  }
  return `${lines.join('\n')}\n`;
}
