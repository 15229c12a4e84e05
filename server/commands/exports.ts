/**
 * Exports from the app: one motion in the submission format, an edition's compendium and results
 * sheet, the rulebook as amended, the tracking table. Each gathers its data through the same
 * access rules as the JSON routes (a private draft stays private in every format), then renders
 * it with core/export (server/export/render.ts).
 */
import { stateOf, type Actor } from '../../core/access/policy';
import { toDraft } from '../../core/amendments/draft-doc';
import { compendiumDocument, resultsDocument } from '../../core/export/compendium';
import type { ExportDocument, ExportFormat } from '../../core/export/model';
import { motionDocument } from '../../core/export/motion';
import { rulebookDocument } from '../../core/export/rulebook';
import { trackingCsv, trackingJson } from '../../core/export/tracking';
import { progressOf } from '../../core/workflow/records';
import { stateLabel } from '../../core/workflow/transition';
import type { MotionSummary } from '../../schemas/api';
import { DOC } from '../../schemas/collab';
import type { PdfRenderer } from '../export/pdf';
import { CONTENT_TYPE, exportFileName, renderExport, type ExportFile } from '../export/render';
import { editionHistory } from './consolidation';
import { loadEdition, type CommandContext, type LoadedEdition } from './context';
import { draftOf, listMotions, motionFor } from './motions';
import { agreedWording } from './import';
import { stepsByMotion } from './progress';

export interface DocumentExportOptions {
  format: ExportFormat;
  /** Show the changes (underlined insertions, struck-through deletions). */
  redline?: boolean;
  /** The server's PDF renderer; without one, a PDF launches a browser of its own. */
  pdf?: PdfRenderer;
}

async function file(
  doc: ExportDocument,
  name: readonly string[],
  options: DocumentExportOptions,
): Promise<ExportFile> {
  const words = options.redline ? [...name, 'redline'] : name;
  return {
    filename: exportFileName(words, options.format),
    ...(await renderExport(doc, options.format, options.pdf)),
  };
}

const editionWords = ({ row }: LoadedEdition) => [row.organisation, row.title, row.edition];

/** One motion in the submission format; anyone who may read the motion may export it. */
export async function exportMotion(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
  options: DocumentExportOptions,
): Promise<ExportFile> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { workflow } = m.edition.profile;
  const [{ doc, amendments, draft }, log] = await Promise.all([
    draftOf(ctx, m),
    ctx.store.listAudit({ motionId, action: 'transition' }),
  ]);
  const progress = progressOf(workflow, stepsByMotion(log).get(motionId) ?? []);
  const wording = await agreedWording(ctx, m, toDraft(amendments));
  const document = motionDocument(
    {
      title: m.row.title,
      body: m.body.name,
      profile: m.edition.profile,
      rulebook: m.edition.rulebook,
      amendments: toDraft(amendments),
      motionText: draft.motionText,
      wording,
      argument: doc.getText(DOC.argument).toString(),
      meeting: progress.meeting,
      stateLabel: stateLabel(workflow, m.row.state),
      progress,
    },
    { redline: options.redline ?? false },
  );
  return file(document, [m.row.title, m.edition.row.edition], options);
}

/**
 * The submitted motions on an edition that the actor may see: those the workflow recorded a
 * conference year for, or in a public state. In conference year, card vote and submission order,
 * so the input is the same every time; the booklet sets them out in its own agenda order, and of
 * identical submissions it prints the first one's text.
 */
async function submittedMotions(
  ctx: CommandContext,
  actor: Actor,
  edition: LoadedEdition,
): Promise<MotionSummary[]> {
  const { workflow } = edition.profile;
  const [visible, log] = await Promise.all([
    listMotions(ctx, actor),
    ctx.store.listAudit({ action: 'transition' }),
  ]);
  const submittedAt = new Map<string, number>();
  for (const e of log) {
    if (e.motionId && e.detail.event === workflow.submitEvent) submittedAt.set(e.motionId, e.seq);
  }
  const last = Number.MAX_SAFE_INTEGER;
  return visible
    .filter(
      (m) =>
        m.editionId === edition.row.id &&
        (m.progress.year !== null || stateOf(workflow, m.state).public),
    )
    .sort(
      (a, b) =>
        (a.progress.year ?? last) - (b.progress.year ?? last) ||
        (a.progress.result?.card ?? last) - (b.progress.result?.card ?? last) ||
        (submittedAt.get(a.id) ?? last) - (submittedAt.get(b.id) ?? last) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

async function compendiumInput(ctx: CommandContext, actor: Actor, editionId: string) {
  const edition = await loadEdition(ctx, editionId);
  const summaries = await submittedMotions(ctx, actor, edition);
  const motions = await Promise.all(
    summaries.map(async (s) => {
      const m = await motionFor(ctx, actor, s.id, 'read');
      const { doc, amendments, draft } = await draftOf(ctx, m);
      return {
        id: s.id,
        title: s.title,
        body: s.body,
        motionText: draft.motionText,
        wording: await agreedWording(ctx, m, toDraft(amendments)),
        argument: doc.getText(DOC.argument).toString(),
        amendments: toDraft(amendments),
        stateLabel: s.stateLabel,
        progress: s.progress,
        identical: s.identical,
      };
    }),
  );
  const { row, rulebook, profile } = edition;
  // An edition's submissions are normally for one conference; name it when they are.
  const years = new Set(summaries.map((s) => s.progress.year));
  const [year] = years;
  const title =
    years.size === 1 && year
      ? `Rule changes to Conference ${year}`
      : `Rule changes to the ${row.organisation} ${row.title} ${row.edition}`;
  return { edition, input: { title, profile, rulebook, motions } };
}

/**
 * The compendium of an edition's conferences: every submitted motion the actor may see, in
 * agenda order, identical submissions grouped, with the CAC's ruling and the NEC's position.
 */
export async function exportCompendium(
  ctx: CommandContext,
  actor: Actor,
  editionId: string,
  options: DocumentExportOptions,
): Promise<ExportFile> {
  const { edition, input } = await compendiumInput(ctx, actor, editionId);
  const document = compendiumDocument(input, { redline: options.redline ?? false });
  return file(document, [...editionWords(edition), 'compendium'], options);
}

/** The results sheet: each card vote with its figures and outcome, in agenda order. */
export async function exportResults(
  ctx: CommandContext,
  actor: Actor,
  editionId: string,
  options: DocumentExportOptions,
): Promise<ExportFile> {
  const { edition, input } = await compendiumInput(ctx, actor, editionId);
  return file(resultsDocument(input), [...editionWords(edition), 'results'], {
    ...options,
    redline: false,
  });
}

/**
 * An edition as a whole rulebook, with its summary of amendments at the front; the redline
 * shows the changes from the edition it was consolidated from (an imported edition has none).
 * Editions are open to everyone signed in.
 */
export async function exportRulebook(
  ctx: CommandContext,
  _actor: Actor,
  editionId: string,
  options: DocumentExportOptions,
): Promise<ExportFile> {
  const edition = await loadEdition(ctx, editionId);
  const redline = options.redline ?? false;
  const [history, base] = await Promise.all([
    editionHistory(ctx, editionId),
    redline && edition.row.basedOn ? loadEdition(ctx, edition.row.basedOn) : null,
  ]);
  const document = rulebookDocument(
    {
      rulebook: edition.rulebook,
      base: base?.rulebook ?? null,
      profile: edition.profile,
      amendments: history.amendments,
    },
    { redline },
  );
  return file(document, editionWords(edition), options);
}

/** The tracking table of every motion the actor may see, as CSV or JSON. */
export async function exportTracking(
  ctx: CommandContext,
  actor: Actor,
  options: { format: 'csv' | 'json' },
): Promise<ExportFile> {
  const motions = await listMotions(ctx, actor);
  return {
    filename: exportFileName(['redline motions'], options.format),
    contentType: CONTENT_TYPE[options.format],
    body: options.format === 'csv' ? trackingCsv(motions) : trackingJson(motions),
  };
}
