import { authorityParty, buyerParty, directAwardBody, frameworkAwardsBody, frameworkTenderBody, supplierParty } from '@/modules/ocds/builders';
import { compileReleases, versionReleases } from '@/modules/ocds/merge';
import type { Release, ReleaseBody, ReleaseTag } from '@/modules/ocds/types';
import { PUBLISHED_EXTENSIONS, validateReleasePackage, validatorsFor } from '@/modules/ocds/validate';
import { round } from './stats';

/*
 * `npm run bench -- ocds`: building and validating a 10,000-release package in process, with the same builders,
 * validator (official schema + shipped extensions + extra checks) and merge routine the API uses. The mix is a
 * marketplace's: frameworks (tender, tender update, awards of 40 suppliers each) and direct-award call-offs
 * linked to them. Each step runs RUNS times; the report gives every run and the median.
 */

const RELEASES = Number(process.env.BENCH_OCDS_RELEASES ?? 10_000);
const RUNS = Number(process.env.BENCH_OCDS_RUNS ?? 3);
const PREFIX = 'ocds-b3nch0';

function buildPackage(total: number): { pkg: Record<string, unknown>; releases: Release[] } {
  const releases: Release[] = [];
  const authority = authorityParty({ slug: 'bench', name: 'Bench Marketplace', countryName: 'United Kingdom' });
  const suppliers = Array.from({ length: 400 }, (_, i) =>
    supplierParty({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, legalName: `Supplier ${i} Ltd`, registrationScheme: 'GB-COH', registrationNumber: String(10_000_000 + i), organisationSize: i % 3 ? 'small' : 'large', region: 'Wales' }),
  );
  const buyers = Array.from({ length: 50 }, (_, i) => buyerParty({ id: `b${i}`, name: `Council ${i}`, organisationType: 'local' }));
  let seq = 0;
  const push = (ocid: string, n: number, tag: ReleaseTag[], body: ReleaseBody, date: Date) => {
    seq++;
    releases.push({ ocid, id: `${ocid}-${String(n).padStart(3, '0')}`, date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'), tag, initiationType: 'tender', language: 'en', ...body });
  };
  const frameworks = Math.max(1, Math.round(total / 200));
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let f = 0; f < frameworks && releases.length < total; f++) {
    const ocid = `${PREFIX}-fw-${f}`;
    const facts = {
      id: `fw${f}`,
      slug: `framework-${f}`,
      title: `Cloud Services ${f}`,
      description: 'Hosting, software and support for the public sector',
      status: 'open',
      lots: [
        { slug: 'cloud-hosting', title: 'Cloud hosting', awardRoutes: ['direct_award'] },
        { slug: 'cloud-software', title: 'Cloud software', awardRoutes: ['direct_award'] },
        { slug: 'cloud-support', title: 'Cloud support', awardRoutes: ['direct_award', 'further_competition'] },
      ],
      dates: { applicationsOpen: new Date(base), clarificationsClose: new Date(base + 10 * 864e5), applicationsClose: new Date(base + 20 * 864e5), intentionToAward: new Date(base + 40 * 864e5), live: new Date(base + 50 * 864e5), expires: new Date(base + 800 * 864e5) },
    };
    push(ocid, 1, ['tender'], frameworkTenderBody(facts, authority), new Date(base));
    push(ocid, 2, ['tenderUpdate'], frameworkTenderBody({ ...facts, status: 'live' }, authority), new Date(base + 50 * 864e5));
    const admitted = Array.from({ length: 40 }, (_, i) => suppliers[(f * 7 + i) % suppliers.length]!);
    push(ocid, 3, ['award'], frameworkAwardsBody({ slug: facts.slug, title: facts.title }, admitted.map((party, i) => ({ party, supplierId: `s${i}`, lots: ['cloud-hosting'], date: new Date(base + 45 * 864e5) })), authority), new Date(base + 45 * 864e5));
    for (let c = 0; c < 197 && releases.length < total; c++) {
      const callOff = `${PREFIX}-co-${f}-${c}`;
      push(
        callOff,
        1,
        ['award'],
        directAwardBody({
          awardId: `o-${f}-${c}`,
          title: `Call-off ${c} under framework ${f}`,
          date: new Date(base + (60 + c) * 864e5),
          buyer: buyers[c % buyers.length]!,
          supplier: admitted[c % admitted.length]!,
          value: { amount: 10_000 + c * 137, currency: 'GBP' },
          contractPeriod: { startDate: new Date(base + (70 + c) * 864e5), endDate: new Date(base + (435 + c) * 864e5) },
          service: { id: `svc-${c}`, name: `Managed service ${c}`, lot: 'cloud-hosting' },
          framework: { ocid, title: facts.title, relatedLots: ['cloud-hosting'] },
        }),
        new Date(base + (60 + c) * 864e5),
      );
    }
  }
  const pkg = { uri: 'http://bench.localhost/api/ocds/releases', version: '1.1', publishedDate: '2026-12-01T00:00:00Z', publisher: { name: 'Bench Marketplace' }, license: 'https://creativecommons.org/licenses/by/4.0/', publicationPolicy: 'http://bench.localhost/en/open-data/ocds', extensions: [...PUBLISHED_EXTENSIONS], releases: releases.slice(0, total) };
  return { pkg, releases: releases.slice(0, total) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

export interface OcdsBenchReport {
  releases: number;
  runs: number;
  bytes: number;
  schemaCompileMs: number;
  steps: { step: string; runsMs: number[]; medianMs: number; perReleaseUs: number }[];
  valid: boolean;
  issues: number;
}

export function runOcdsBench(log: (line: string) => void): OcdsBenchReport {
  const compile = time(() => validatorsFor(PUBLISHED_EXTENSIONS));
  log(`ocds: schema compiled with ${PUBLISHED_EXTENSIONS.length} extensions in ${compile.ms.toFixed(0)} ms`);
  const rules = compile.value.rules;
  const steps: OcdsBenchReport['steps'] = [];
  const record = (step: string, runs: number[]) => {
    steps.push({ step, runsMs: runs.map((r) => round(r, 1)), medianMs: round(median(runs), 1), perReleaseUs: round((median(runs) * 1000) / RELEASES, 1) });
    log(`ocds: ${step}: median ${median(runs).toFixed(0)} ms over ${runs.length} runs`);
  };
  let built = buildPackage(RELEASES);
  const buildRuns: number[] = [];
  const validateRuns: number[] = [];
  const serialiseRuns: number[] = [];
  const mergeRuns: number[] = [];
  let bytes = 0;
  let valid = true;
  let issues = 0;
  for (let run = 0; run < RUNS; run++) {
    const b = time(() => buildPackage(RELEASES));
    built = b.value;
    buildRuns.push(b.ms);
    const s = time(() => JSON.stringify(built.pkg));
    serialiseRuns.push(s.ms);
    bytes = Buffer.byteLength(s.value);
    const v = time(() => validateReleasePackage(built.pkg, { expectedPrefix: PREFIX }));
    validateRuns.push(v.ms);
    valid &&= v.value.valid;
    issues = v.value.issues.length;
    const m = time(() => {
      const byOcid = new Map<string, Release[]>();
      for (const r of built.releases) byOcid.set(r.ocid, [...(byOcid.get(r.ocid) ?? []), r]);
      for (const group of byOcid.values()) {
        compileReleases(group, rules);
        versionReleases(group, rules);
      }
    });
    mergeRuns.push(m.ms);
  }
  record('build releases (builders)', buildRuns);
  record('serialise package (JSON)', serialiseRuns);
  record('validate package (schema + extensions + checks)', validateRuns);
  record('compile + version every record', mergeRuns);
  return { releases: built.releases.length, runs: RUNS, bytes, schemaCompileMs: round(compile.ms, 1), steps, valid, issues };
}

export function renderOcdsMarkdown(report: OcdsBenchReport, machine: { date: string; node: string; cpuCount: number; cpuModel: string; loadAverageBefore: number[] }): string {
  return [
    '# OCDS package benchmark',
    '',
    `${machine.date} · Node ${machine.node} · ${machine.cpuCount} × ${machine.cpuModel} · load ${machine.loadAverageBefore.join(' ')} at start`,
    '',
    `${report.releases.toLocaleString('en')} releases (${(report.bytes / 2 ** 20).toFixed(1)} MiB of JSON), ${report.runs} runs; schema with ${PUBLISHED_EXTENSIONS.length} extensions compiled once in ${report.schemaCompileMs} ms. Package valid: ${report.valid ? 'yes' : `no (${report.issues} issues)`}.`,
    '',
    '| Step | median ms | µs per release | runs (ms) |',
    '| --- | ---: | ---: | --- |',
    ...report.steps.map((s) => `| ${s.step} | ${s.medianMs} | ${s.perReleaseUs} | ${s.runsMs.join(', ')} |`),
    '',
  ].join('\n');
}
