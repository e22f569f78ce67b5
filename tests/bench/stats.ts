/*
 * Timing loops shared by the database and HTTP benchmarks. Every loop is bounded twice: a fixed number of
 * operations and a wall-clock cap, so a slow machine yields fewer samples (flagged "capped") instead of a hung run.
 */

export type CaseKind = 'floor' | 'ours' | 'breakdown';

export interface CaseSpec {
  /** Stable identifier, e.g. "db.withTenant.listLatestSuppliers". */
  name: string;
  /** Human-readable, for logs and the Markdown table. */
  label: string;
  /** What the case is: the floor, our code path, or an intermediate step that explains the gap. */
  kind: CaseKind;
  /** "pglite", "pg15", or "http/pglite" for the production server on its embedded database. */
  database: string;
  /** Name of the case this one is compared with (same database, same mode); absent for floors. */
  floor?: string;
}

export interface LoopOptions {
  warmup: number;
  iterations: number;
  /** Operations in flight at once; 1 is the sequential loop. */
  concurrency: number;
  /** Stop measuring after this long even if iterations are not done. */
  capMs: number;
}

export interface CaseResult extends CaseSpec {
  mode: 'sequential' | 'concurrent';
  concurrency: number;
  warmup: number;
  /** Operations planned and operations actually measured (fewer when the time cap hit). */
  plannedIterations: number;
  iterations: number;
  capped: boolean;
  errors: number;
  /** First error message, to make a failing case diagnosable from the JSON alone. */
  firstError?: string;
  totalMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  /** Completed operations per second of wall time (for concurrent loops this is the throughput). */
  opsPerSec: number;
  /** Case-specific context, e.g. the mean response size of an HTTP case. */
  extra?: Record<string, number | string>;
}

/** One operation; it throws (or rejects) when the outcome is wrong, which counts as an error. */
export type Operation = () => Promise<void>;

/** Nearest-rank percentile on sorted samples: always a real observed value. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export async function measure(spec: CaseSpec, op: Operation, options: LoopOptions): Promise<CaseResult> {
  const errors: unknown[] = [];
  const guarded = async (samples: number[] | null) => {
    const started = performance.now();
    try {
      await op();
    } catch (error) {
      errors.push(error);
    }
    samples?.push(performance.now() - started);
  };

  // Warm-up (JIT, connection pool fill, server-side plan/route caches) uses the same concurrency as the
  // measurement, so a concurrent case also starts with its pool connections open. Its errors count too.
  await runPool(options.warmup, options.concurrency, Number.POSITIVE_INFINITY, () => guarded(null));

  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + options.capMs;
  const done = await runPool(options.iterations, options.concurrency, deadline, () => guarded(samples));
  const totalMs = performance.now() - started;

  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  const firstError = errors[0];
  return {
    ...spec,
    mode: options.concurrency > 1 ? 'concurrent' : 'sequential',
    concurrency: options.concurrency,
    warmup: options.warmup,
    plannedIterations: options.iterations,
    iterations: done,
    capped: done < options.iterations,
    errors: errors.length,
    ...(firstError === undefined ? {} : { firstError: firstError instanceof Error ? firstError.message : String(firstError) }),
    totalMs: round(totalMs),
    meanMs: round(mean),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    minMs: round(sorted[0] ?? Number.NaN),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    opsPerSec: round((done / totalMs) * 1000, 1),
  };
}

/** `concurrency` workers pull from one counter until `total` operations started or the deadline passed. */
async function runPool(total: number, concurrency: number, deadline: number, op: () => Promise<void>): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < total && performance.now() < deadline) {
      started++;
      await op();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return started;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
