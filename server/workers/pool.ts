/**
 * Reading pasted rulebooks and motion text off the event loop: one small Piscina pool per server
 * (one thread: the machine has two cores and the event loop needs one), jobs bounded in number
 * waiting and in time. A job that runs past its time is aborted, which ends its thread (Piscina
 * starts a fresh one), and its request gets a 503 that says so; a full queue answers "busy".
 *
 * The worker is entry.mjs, which loads parse-jobs.ts through tsx (Node 20 cannot load TypeScript
 * in a worker thread by itself). Editions are immutable, so the worker keeps the few it has read
 * and is sent an edition's stored parse only when it says it does not have it.
 */
import { Piscina } from 'piscina';
import type { MotionFromText } from '../../core/amendments/from-text';
import type { Resolution } from '../../core/amendments/parse';
import type { Profile } from '../../schemas/profile';
import { AppError, unavailable } from '../errors';
import type {
  ParsedEdition,
  ParseEditionTask,
  ReadMotionAnswer,
  ReadMotionTask,
} from './parse-jobs';

export type { ParsedEdition } from './parse-jobs';

export interface ParserOptions {
  /** How long one job may take, waiting included (default 30 s). */
  timeoutMs?: number;
  /** How many jobs may wait for the thread (default 8); more are answered "busy". */
  maxQueue?: number;
}

/** One job's own bounds, where a caller knows better than the pool's default. */
export interface JobOptions {
  timeoutMs?: number;
}

export interface Parser {
  /**
   * Reads a rulebook source: its diagnostics, metadata and size, and the JSON to store (null when
   * it has errors, unless `keepWithErrors`: an edition already stored must be readable anyway).
   */
  parseEdition(
    source: string,
    profile: Profile,
    keepWithErrors?: boolean,
    job?: JobOptions,
  ): Promise<ParsedEdition>;
  /**
   * Reads motion text against an edition, with the person's choices on fixes offered before;
   * `parsed` fetches the edition's stored parse if the worker lacks it.
   */
  readMotion(
    edition: { id: string; profile: Profile },
    motion: { text: string; resolutions?: readonly Resolution[] },
    parsed: () => Promise<Uint8Array>,
    job?: JobOptions,
  ): Promise<MotionFromText>;
  /** Ends the thread; jobs still waiting are refused. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_QUEUE = 8;

/** Starts the pool (its thread starts at once, while the server starts). */
export function createParser(options: ParserOptions = {}): Parser {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const threads = 1;
  const pool = new Piscina({
    filename: new URL('./entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // A runaway job must not take the server's memory with it: the thread ends, the server stays.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
    // Below the event loop: on two cores a parse must not take the core requests are answered on.
    niceIncrement: 10,
  });
  // Counted here: Piscina's maxQueue does not count tasks that carry an AbortSignal.
  const most = threads + (options.maxQueue ?? DEFAULT_MAX_QUEUE);
  let jobs = 0;

  const run = async <T>(
    name: string,
    task: unknown,
    what: string,
    job?: JobOptions,
  ): Promise<T> => {
    if (jobs >= most) {
      throw unavailable(
        'parser-busy',
        'The server is busy reading other texts; try again in a moment (nothing was stored)',
      );
    }
    const timeoutMs = job?.timeoutMs ?? defaultTimeout;
    jobs++;
    try {
      return (await pool.run(task, { name, signal: AbortSignal.timeout(timeoutMs) })) as T;
    } catch (error) {
      throw explain(error, what, timeoutMs);
    } finally {
      jobs--;
    }
  };

  return {
    async parseEdition(source, profile, keepWithErrors = false, job) {
      const task: ParseEditionTask = { source, profileId: profile.id, keepWithErrors };
      return run<ParsedEdition>('parseEdition', task, 'the rulebook', job);
    },
    async readMotion(edition, { text, resolutions = [] }, parsed, job) {
      const task: ReadMotionTask = {
        editionId: edition.id,
        profileId: edition.profile.id,
        text,
        resolutions,
      };
      let answer = await run<ReadMotionAnswer>('readMotion', task, 'the motion text', job);
      if ('missing' in answer) {
        const withEdition = { ...task, parsed: await parsed() };
        answer = await run<ReadMotionAnswer>('readMotion', withEdition, 'the motion text', job);
      }
      if ('missing' in answer) throw new Error('The parse worker lost an edition it was sent');
      return answer.read;
    },
    close: () => pool.destroy(),
  };
}

/** A pool error as what the person asking is told; anything else is a bug, passed on. */
function explain(error: unknown, what: string, timeoutMs: number): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'AbortError') {
    return new AppError(
      503,
      'parse-timeout',
      `Reading ${what} took longer than ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} and was stopped; nothing was stored. Try again when the server is less busy, or send a shorter text`,
    );
  }
  if ('code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return unavailable(
      'parse-too-large',
      `Reading ${what} needed more memory than a job may have and was stopped; nothing was stored`,
    );
  }
  return error;
}
