/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: self time per
 * function and per package, as shares of the samples. For the analysis at the knee of the
 * capacity curve (bench/scale.ts); `npx tsx bench/profile.ts <file.cpuprofile>` prints one.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time, ms. */
  totalMs: number;
  /** Share of sampled time the process was idle (waiting on I/O). */
  idle: number;
  /** The functions with the most self time: name, where, share of busy time. */
  functions: { name: string; where: string; share: number }[];
  /** Self time by package (node_modules name, `node:` internals, our own folders, GC). */
  packages: { name: string; share: number }[];
}

/** Which package a script URL belongs to, for grouping. */
function packageOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: V8 and native)';
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const own = /\/(core|server|schemas|bench)\//.exec(url);
  return own ? `redline ${own[1]}/` : url;
}

/**
 * `window`, in ms from the profile's start, keeps only the samples taken then (the load, not the
 * process starting up or shutting down).
 */
export function summariseProfile(
  profile: CpuProfile,
  { top = 12, window }: { top?: number; window?: { from: number; to: number } } = {},
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta / 1000;
    if (window && (at < window.from || at > window.to)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  let total = 0;
  let idle = 0;
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(core|server|schemas|bench)\//, '$1/')}:${lineNumber + 1}`
      : '';
    const key = `${functionName}@${where}`;
    const f = functions.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    f.us += us;
    functions.set(key, f);
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const busy = total - idle || 1;
  return {
    totalMs: total / 1000,
    idle: idle / (total || 1),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ name, where, us }) => ({ name, where, share: us / busy })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, share: us / busy })),
  };
}

/** The summary as text lines. */
export function printSummary(s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  return [
    `sampled ${(s.totalMs / 1000).toFixed(1)} s, idle ${pct(s.idle)}; shares of busy time:`,
    'by package:',
    ...s.packages.map((p) => `  ${pct(p.share)}  ${p.name}`),
    'by function (self time):',
    ...s.functions.map((f) => `  ${pct(f.share)}  ${f.name}  ${f.where}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/profile.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(printSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)));
}
