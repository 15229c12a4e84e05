/**
 * The export document model: one structure that every renderer (plain text, Markdown, HTML,
 * DOCX; PDF is the HTML printed by Chromium) turns into its format, so a motion, a compendium or
 * a rulebook reads the same in each. Builders (core/export/build-*.ts) make it from domain data;
 * renderers never see the domain. All text is plain text: renderers escape it for their format.
 */

/** A run of text; in a redline, `ins` is shown underlined and `del` struck through. */
export interface Run {
  text: string;
  mark?: 'ins' | 'del' | 'strong' | 'em';
}

/** One numbered unit of a rulebook, for real list numbering (Word's 1 / A / i levels). */
export interface NumberedUnit {
  /** 0 = sub-clause (the first numbered level below a clause), 1 = paragraph, 2 = … */
  level: number;
  /** The label as printed ("5.", "A.", "ii.") — text formats print it; DOCX numbers it itself. */
  marker: string;
  /** The label's kind, so DOCX can choose its numbering format. */
  kind: 'decimal' | 'upper-alpha' | 'lower-alpha' | 'upper-roman' | 'lower-roman';
  /** The label itself ("5", "A", "ii"), so DOCX can start a list at the right number. */
  label: string;
  runs: Run[];
  /** A stable anchor for links and the table of contents ("5.IV.5.A"). */
  id: string;
}

export type Block =
  /** Level 1: document sections and chapters; 2: clauses and motions; 3: parts of a motion. */
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[]; id?: string }
  | { kind: 'paragraph'; runs: Run[]; style?: 'normal' | 'quote' | 'note' }
  | { kind: 'unit'; unit: NumberedUnit }
  /** Label/value pairs: "Submitted by — Anytown CLP". */
  | { kind: 'fields'; fields: { label: string; value: Run[] }[] }
  | { kind: 'table'; header: string[]; rows: Run[][][] }
  /** Where the table of contents goes: the renderer lists the level 1 and 2 headings. */
  | { kind: 'toc' }
  | { kind: 'page-break' };

export interface ExportDocument {
  /** The document's title (HTML <title>, DOCX core properties, the first heading). */
  title: string;
  /** A line under the title: "Labour Party Rule Book 2024 — rule change". */
  subtitle?: string;
  /** Whether the document shows changes (a redline) — renderers add a key to the marks. */
  redline: boolean;
  blocks: Block[];
}

/** The formats a document can be rendered to. */
export type ExportFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf';
