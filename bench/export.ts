/**
 * Export of a long document: the consolidated rulebook (a generated 60,000-word edition with 30
 * carried motions applied) as a redline — building the document, then HTML, DOCX and PDF (headless
 * Chromium, cold and with the browser already running), each with its size. Issue 6 asks that this
 * finish within a few seconds; figures only, nothing fails on time.
 * Run alone: `npx tsx bench/export.ts`.
 */
import { pathToFileURL } from 'node:url';
import { generateInstructions } from '../core/amendments/generate';
import { renderInstructions } from '../core/amendments/render';
import { seededRandom } from '../core/amendments/test/random-edits';
import { wordCount } from '../core/diff/words';
import { renderDocx } from '../core/export/docx';
import { renderHtml } from '../core/export/html';
import { rulebookDocument } from '../core/export/rulebook';
import { consolidate } from '../core/procedure/consolidate';
import { labourProfile } from '../core/profiles';
import { parseRulebook } from '../core/rulebook/parse';
import { cloneRulebook, findUnit, walkUnits } from '../core/rulebook/tree';
import type { Rulebook } from '../core/rulebook/types';
import type { AmendmentSummaryLine } from '../schemas/api';
import { createPdfRenderer } from '../server/export/pdf';
import { generateRulebook } from './rulebook-generator';
import { percentile, report, time, type Row } from './stats';

const MOTIONS = 30;

function words(rulebook: Rulebook): number {
  let n = 0;
  for (const unit of walkUnits(rulebook.chapters))
    n += wordCount(unit.title) + wordCount(unit.text);
  return n;
}

/** Wall time of one run of an async `fn`, in milliseconds, and its result. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * `count` motions, each changing a few words of its own numbered unit — leaves far enough apart
 * that no two touch the same text, as carried motions must be to consolidate.
 */
function carriedMotions(base: Rulebook, count: number): { name: string; text: string }[] {
  const rng = seededRandom(6);
  const leaves = [...walkUnits(base.chapters)].filter(
    (u) => u.kind === 'unit' && u.children.length === 0 && wordCount(u.text) >= 12,
  );
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(rng() * leaves.length));
  return [...chosen].map((index, i) => {
    const unit = leaves[index];
    if (!unit) throw new Error('no unit');
    const proposal = cloneRulebook(base);
    const hit = findUnit(proposal, unit.path);
    if (!hit) throw new Error(`lost unit ${unit.path.join('.')}`);
    const w = hit.unit.text.split(' ');
    const at = 3 + Math.floor(rng() * (w.length - 6));
    w.splice(at, 2, 'in every case', `amended-${i + 1}`);
    hit.unit.text = w.join(' ');
    const { instructions } = generateInstructions(base, proposal, labourProfile);
    return { name: `Motion ${i + 1}`, text: renderInstructions(instructions, labourProfile) };
  });
}

/** Measures the consolidated-rulebook export and returns the rows (printed by the caller). */
export async function benchExport(): Promise<Row[]> {
  const profile = labourProfile;
  const base = parseRulebook(generateRulebook({ words: 60_000, seed: 1 })).rulebook;
  const motions = carriedMotions(base, MOTIONS);
  const result = consolidate(base, motions, profile, '2025');
  const next = result.rulebook;
  if (!next) {
    const problems = result.problems.flatMap((p) => p.diagnostics.map((d) => d.message));
    throw new Error(`the motions do not consolidate: ${problems.join('; ')}`);
  }
  const amendments: AmendmentSummaryLine[] = result.summary.map((s, i) => ({
    motionId: `m${i + 1}`,
    title: s.motion,
    body: 'Benchmark CLP',
    conference: 2026,
    card: i + 1,
    words: 'CARRIED',
    units: s.units,
  }));
  const input = { rulebook: next, base, profile, amendments };
  const rows: Row[] = [
    {
      id: 'E1',
      what: `consolidated rulebook: ${MOTIONS} motions applied`,
      value: words(next),
      unit: 'words',
      target: '60,000',
    },
  ];

  let doc = rulebookDocument(input, { redline: true });
  const build = time(5, () => (doc = rulebookDocument(input, { redline: true })), 2);
  const marks = doc.blocks.filter(
    (b) => b.kind === 'unit' && b.unit.runs.some((r) => r.mark === 'ins' || r.mark === 'del'),
  ).length;
  rows.push({
    id: 'E1',
    what: `redline document, ${doc.blocks.length} blocks, ${marks} marked (p50)`,
    value: percentile(build, 50),
    unit: 'ms',
    target: '—',
  });

  let html = '';
  const htmlTimes = time(5, () => (html = renderHtml(doc)), 2);
  rows.push({
    id: 'E1',
    what: `HTML, ${(html.length / 1e6).toFixed(1)} MB (p50)`,
    value: percentile(htmlTimes, 50),
    unit: 'ms',
    target: '—',
  });

  await renderDocx(doc); // warm-up
  const docxRuns: number[] = [];
  let docxBytes = 0;
  for (let i = 0; i < 3; i++) {
    const { ms, value } = await timed(() => renderDocx(doc));
    docxRuns.push(ms);
    docxBytes = value.byteLength;
  }
  rows.push({
    id: 'E1',
    what: `DOCX, ${(docxBytes / 1e6).toFixed(1)} MB (p50 of 3)`,
    value: percentile(docxRuns, 50),
    unit: 'ms',
    target: '—',
  });

  const pdf = createPdfRenderer({ timeoutMs: 120_000 });
  try {
    const cold = await timed(() => pdf.render(html, { title: doc.title }));
    const pages = new TextDecoder('latin1').decode(cold.value).match(/\/Type\s*\/Page\b/g)?.length;
    rows.push({
      id: 'E1',
      what: `PDF, ${pages ?? '?'} pages, ${(cold.value.byteLength / 1e6).toFixed(1)} MB, browser launch incl.`,
      value: cold.ms,
      unit: 'ms',
      target: 'a few s',
    });
    const warm = await timed(() => pdf.render(html, { title: doc.title }));
    rows.push({
      id: 'E1',
      what: 'PDF again, browser already running',
      value: warm.ms,
      unit: 'ms',
      target: 'a few s',
    });
  } finally {
    await pdf.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report('export (60,000-word rulebook, 30 motions)', await benchExport());
}
