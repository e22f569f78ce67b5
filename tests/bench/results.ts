import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseResult } from './stats';

/*
 * One result per day for every suite of `npm run bench`: tests/bench/results/<YYYY-MM-DD>.json (every suite's
 * full report) and .md (one table of our figure beside its floor for every benchmark, then each suite's detail),
 * and the table copied into README.md between the bench markers. Running one suite (`npm run bench -- ocds`)
 * replaces that suite in the day's files and keeps the others, so the day's result can be completed suite by suite.
 */

export const RESULTS_DIR = path.join(process.cwd(), 'tests', 'bench', 'results');
const README = path.join(process.cwd(), 'README.md');
export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export interface SummaryRow {
  suite: string;
  benchmark: string;
  database: string;
  /** Our figure (a median unless the statistic says otherwise). */
  ours: number;
  floor: string;
  floorValue: number | null;
  unit: 'ms' | 's';
  statistic: string;
}

/** What each suite's runner returns to run.ts. */
export interface SuiteResult {
  code: number;
  report: unknown;
  markdown: string;
  summary: SummaryRow[];
}

export interface SuiteOutput {
  suite: string;
  /** The code measured (git HEAD when the suite started). */
  commit?: string;
  startedAt: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  durationSeconds: number;
  code: number;
  report: unknown;
  markdown: string;
  summary: SummaryRow[];
}

interface DayResult {
  date: string;
  updatedAt: string;
  commit: string;
  machine: { node: string; platform: string; cpuCount: number; cpuModel: string; totalMemoryMb: number };
  suites: Record<string, SuiteOutput>;
}

const SUITE_ORDER = ['foundation', 'catalogue', 'ocds', 'public', 'provisioning'];

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

export function commit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${hash} (with uncommitted changes)` : hash;
  } catch {
    return 'unknown';
  }
}

/** Adds the suites just run to the day's result (same date, UTC) and rewrites its JSON, Markdown and README table. */
export function writeDayResult(outputs: SuiteOutput[], now = new Date()): { json: string; md: string } {
  const date = now.toISOString().slice(0, 10);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, `${date}.json`);
  const md = path.join(RESULTS_DIR, `${date}.md`);
  const previous: DayResult | null = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as DayResult) : null;
  const suites: Record<string, SuiteOutput> = { ...(previous?.suites ?? {}) };
  for (const o of outputs) suites[o.suite] = o;
  const ordered = Object.fromEntries(Object.entries(suites).sort(([a], [b]) => SUITE_ORDER.indexOf(a) - SUITE_ORDER.indexOf(b)));
  const day: DayResult = {
    date,
    updatedAt: now.toISOString(),
    commit: commit(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpuCount: os.availableParallelism?.() ?? os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    },
    suites: ordered,
  };
  writeAtomically(json, `${JSON.stringify(day, null, 2)}\n`);
  const table = summaryTable(day);
  const detail = Object.values(day.suites).map((s) => demoteHeadings(s.markdown.trim()));
  writeAtomically(md, [`# Benchmarks, ${date}`, '', table, '', ...detail.flatMap((d) => [d, ''])].join('\n'));
  updateReadme(day, table, path.relative(process.cwd(), md));
  return { json, md };
}

function demoteHeadings(markdown: string): string {
  return markdown.replace(/^(#+) /gm, '#$1 ');
}

function summaryTable(day: DayResult): string {
  const m = day.machine;
  const lines = [
    `${m.cpuCount} × ${m.cpuModel}, ${Math.round(m.totalMemoryMb / 1024)} GiB, Node ${m.node}. The machine is shared with other work: ` +
      'the load average (1, 5, 15 min) when each suite started is part of the result, and figures taken under load are slower and noisier.',
    '',
    '| Suite | Code | Started (UTC) | Load at start | Load at end | Duration | Exit |',
    '| --- | --- | --- | --- | --- | ---: | ---: |',
    ...Object.values(day.suites).map((s) => `| ${s.suite} | ${s.commit ?? '?'} | ${s.startedAt.slice(0, 16).replace('T', ' ')} | ${s.loadAverageBefore.join(' ')} | ${s.loadAverageAfter.join(' ')} | ${Math.round(s.durationSeconds)} s | ${s.code} |`),
    '',
    'Our figure beside its floor (the least work that gives the same answer: raw SQL, the health route, raw DDL, JSON.stringify). Medians unless the statistic says otherwise.',
    '',
    '| Suite | Benchmark | Database | Ours | Floor | Floor figure | Ours / floor |',
    '| --- | --- | --- | ---: | --- | ---: | ---: |',
  ];
  for (const s of Object.values(day.suites)) {
    for (const r of s.summary) {
      const ratio = r.floorValue && r.floorValue > 0 ? `×${formatRatio(r.ours / r.floorValue)}` : '–';
      const stat = r.statistic === 'median' ? '' : ` (${r.statistic})`;
      lines.push(`| ${r.suite} | ${r.benchmark} | ${r.database} | ${figure(r.ours, r.unit)}${stat} | ${r.floor} | ${r.floorValue === null ? '–' : figure(r.floorValue, r.unit)} | ${ratio} |`);
    }
  }
  return lines.join('\n');
}

function figure(value: number, unit: 'ms' | 's'): string {
  const text = value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en');
  return `${text} ${unit}`;
}

function formatRatio(x: number): string {
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en');
}

function updateReadme(day: DayResult, table: string, mdPath: string): void {
  if (!existsSync(README)) return;
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start === -1 || end < start) {
    console.error(`[bench] README.md has no ${README_START} … ${README_END} section: table not copied`);
    return;
  }
  const body = [README_START, `<!-- written by npm run bench (tests/bench/results.ts); edits here are overwritten -->`, '', `Latest run: ${day.date}, full detail in [\`${mdPath}\`](${mdPath}).`, '', table, '', README_END].join('\n');
  writeAtomically(README, text.slice(0, start) + body + text.slice(end + README_END.length));
}

/** Rows for CaseResult lists whose cases name their floor (foundation, public pages). */
export function caseRows(suite: string, results: CaseResult[], options: { median?: boolean } = {}): SummaryRow[] {
  const useMedian = options.median ?? true;
  return results
    .filter((r) => r.kind === 'ours' && r.floor)
    .map((r) => {
      const floor = results.find((f) => f.name === r.floor && f.database === r.database && f.mode === r.mode && f.concurrency === r.concurrency);
      const mode = r.mode === 'sequential' ? '' : `, ${r.concurrency} in flight`;
      return {
        suite,
        benchmark: `${r.label}${mode}`,
        database: r.database,
        ours: useMedian ? r.p50Ms : r.meanMs,
        floor: floor?.label ?? r.floor!,
        floorValue: floor ? (useMedian ? floor.p50Ms : floor.meanMs) : null,
        unit: 'ms' as const,
        statistic: useMedian ? 'median' : 'mean',
      };
    });
}
