/**
 * The parse worker's entry point, run by Piscina in a worker thread (pool.ts).
 *
 * Why a .mjs file: Node 20 cannot load TypeScript in a worker thread, and `execArgv: ['--import',
 * 'tsx']` does not register tsx there; tsx's API does, for the one import below. Piscina calls the
 * exported function named by each task.
 */
import { tsImport } from 'tsx/esm/api';

const jobs = await tsImport('./parse-jobs.ts', import.meta.url);

export const parseEdition = jobs.parseEdition;
export const readMotion = jobs.readMotion;
