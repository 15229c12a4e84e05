/** Timing helpers shared by the benchmarks: percentiles over repeated runs, printed as a table. */

/** Runs `fn` `n` times (after a few unmeasured warm-up runs) and returns each run's wall time in milliseconds. */
export function time(n: number, fn: (i: number) => void, warmUp = Math.min(5, n)): number[] {
  for (let i = 0; i < warmUp; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** The p-th percentile (0–100) of samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export interface Row {
  id: string;
  what: string;
  value: number;
  unit: string;
  target: string;
  baseline?: number;
}

/** Prints rows as an aligned table, then one JSON line for machines. */
export function report(name: string, rows: readonly Row[]): void {
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4));
  console.log(`\n${name}`);
  console.log(
    'ID  | figure                                              | value        | target     | baseline     | ratio',
  );
  for (const r of rows) {
    const ratio = r.baseline ? `${(r.baseline / r.value).toFixed(0)}× faster` : '';
    console.log(
      `${r.id.padEnd(3)} | ${r.what.padEnd(51)} | ${`${fmt(r.value)} ${r.unit}`.padEnd(12)} | ${r.target.padEnd(10)} | ${r.baseline ? `${fmt(r.baseline)} ${r.unit}`.padEnd(12) : ''.padEnd(12)} | ${ratio}`,
    );
  }
  console.log(JSON.stringify({ benchmark: name, rows }));
}
