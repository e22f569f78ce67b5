import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Reads what tests/scan/scan.sh left in its output directory and writes tests/scan/results/summary.{json,md}:
 * per persona, what each scanner covered, what it reported, what is accepted (and why), and the server's own
 * errors during that persona's pass. Exit 1 if anything is left that is not accepted.
 */
const [out, ...personas] = process.argv.slice(2) as [string, ...string[]];

/** Reported items that are not defects here, with the reason (kept in step with the comment in scan.sh). */
const ACCEPTED: { test: RegExp; why: string }[] = [
  { test: /X-XSS-Protection/i, why: 'obsolete header (the XSS auditor is gone from browsers; OWASP advises not setting it); the nonce CSP stops injected scripts' },
];

type Item = { tool: string; kind: string; text: string; accepted?: string };
const MODULES = ['http_headers', 'xss', 'sql', 'exec', 'file', 'crlf'];
const read = (file: string) => (existsSync(path.join(out, file)) ? readFileSync(path.join(out, file), 'utf8') : '');

const report = personas.map((persona) => {
  const items: Item[] = [];
  const wapitiLog = read(`wapiti-${persona}.log`);
  const statsText = read(`wapiti-${persona}-stats.json`);
  const stats = (statsText ? JSON.parse(statsText) : { error: 'no stats' }) as {
    error?: string;
    crawled?: number;
    forms?: number;
    crawled5xx?: number;
    attacked?: Record<string, number>;
    items?: { type: string; category: string; parameter: string; info: string; method: string; path: string }[];
  };
  if (stats.error) items.push({ tool: 'wapiti', kind: 'no session', text: `wapiti left no session to read (${stats.error})` });
  for (const module of MODULES) {
    if (!read(`wapiti-${persona}-${module}.json`)) items.push({ tool: 'wapiti', kind: 'no report', text: `module ${module} wrote no report (crashed or killed)` });
  }
  if (stats.crawled5xx) items.push({ tool: 'wapiti', kind: 'crawl', text: `${stats.crawled5xx} crawled page(s) answered 5xx` });
  const seen = new Set<string>();
  for (const v of stats.items ?? []) {
    const text = `${v.method} ${v.path} ${v.parameter ? `[${v.parameter}] ` : ''}${v.info}`.slice(0, 300);
    if (seen.has(v.category + text)) continue;
    seen.add(v.category + text);
    items.push({ tool: 'wapiti', kind: `${v.type === 'anomaly' ? 'anomaly: ' : ''}${v.category}`, text });
  }
  const sqlmapLog = read(`sqlmap-${persona}.log`);
  if (/sqlmap identified the following injection|is vulnerable/i.test(sqlmapLog)) {
    for (const m of sqlmapLog.matchAll(/Parameter: (.+)/g)) items.push({ tool: 'sqlmap', kind: 'injection', text: m[1]! });
  }
  const server = read(`server-${persona}.log`);
  const invalidActions = (server.match(/Invalid Server Actions request/g) ?? []).length;
  const serverErrors = server.split('\n').filter((l) => /⨯|Error:|status(Code)?[ :=]+5\d\d/.test(l) && !/Invalid Server Actions request/.test(l));
  for (const line of serverErrors.slice(0, 20)) items.push({ tool: 'server log', kind: 'error', text: line.slice(0, 300) });
  for (const item of items) item.accepted = ACCEPTED.find((a) => a.test.test(item.text))?.why;
  return {
    persona,
    seconds: Number(read(`seconds-${persona}.txt`).trim() || NaN),
    wapiti: {
      crawled: stats.crawled ?? 0,
      forms: stats.forms ?? 0,
      attacked: stats.attacked ?? {},
      modulesStoppedAtBound: [...wapitiLog.matchAll(/wapiti (\w+) exit 124/g)].map((m) => m[1]!),
    },
    sqlmap: {
      exits: [...sqlmapLog.matchAll(/sqlmap (?:(\w+) )?exit (\d+)/g)].map((m) => `${m[1] ?? 'run'} ${m[2]}`),
      stoppedAtBound: /sqlmap (?:\w+ )?exit 124/.test(sqlmapLog),
      formsFound: [...sqlmapLog.matchAll(/\[1\/(\d+)\] (?:Form|URL):/g)].reduce((n, m) => n + Number(m[1]), 0),
      formsAndUrls: (sqlmapLog.match(/\[\d+\/\d+\] (?:Form|URL):/g) ?? []).length,
      parametersTested: (sqlmapLog.match(/heuristic \(basic\) test shows that (GET|POST|URI|Cookie) parameter '[^']+'/g) ?? []).length,
      injectionTests: (sqlmapLog.match(/\[INFO\] testing '/g) ?? []).length,
      notInjectable: (sqlmapLog.match(/parameter '[^']+' does not seem to be injectable|parameter '[^']+' is not injectable/g) ?? []).length,
    },
    sessionRestores: Number(read(`restored-${persona}.txt`).trim() || 0),
    invalidServerActionRequests: invalidActions,
    findings: items.filter((i) => !i.accepted),
    accepted: items.filter((i) => i.accepted),
  };
});

const results = path.join('tests', 'scan', 'results');
mkdirSync(results, { recursive: true });
const summary = { date: new Date().toISOString(), seconds: Number(process.env.SCAN_SECONDS ?? 40), personas: report };
writeFileSync(path.join(results, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
const md = [
  `# Scanner pass, ${summary.date.slice(0, 16).replace('T', ' ')} UTC (SCAN_SECONDS=${summary.seconds})`,
  '',
  '| persona | time (s) | wapiti: crawled (forms) | wapiti: pages attacked per module (stopped at bound) | sqlmap: forms/URLs, parameters tested | findings | accepted |',
  '|---|---|---|---|---|---|---|',
  ...report.map(
    (r) =>
      `| ${r.persona} | ${r.seconds} | ${r.wapiti.crawled} (${r.wapiti.forms}) | ${MODULES.map((m) => `${m} ${r.wapiti.attacked[m] ?? 0}`).join(', ')}${r.wapiti.modulesStoppedAtBound.length ? ` (${r.wapiti.modulesStoppedAtBound.join(' ')})` : ''} | ${r.sqlmap.formsAndUrls}/${r.sqlmap.formsFound}, ${r.sqlmap.parametersTested}${r.sqlmap.stoppedAtBound ? ' (bounded)' : ''} | ${r.findings.length} | ${r.accepted.length} |`,
  ),
  '',
  ...report.flatMap((r) => [
    `## ${r.persona}`,
    '',
    ...(r.findings.length ? r.findings.map((f) => `- FINDING ${f.tool} ${f.kind}: ${f.text}`) : ['- no findings']),
    ...r.accepted.map((f) => `- accepted ${f.tool} ${f.kind}: ${f.text.slice(0, 120)} — ${f.accepted}`),
    `- sessions restored after the scanners signed out: ${r.sessionRestores}; "Invalid Server Actions request" in the server log: ${r.invalidServerActionRequests}`,
    '',
  ]),
].join('\n');
writeFileSync(path.join(results, 'summary.md'), md);
console.log(md);
const total = report.reduce((n, r) => n + r.findings.length, 0);
console.log(`Scanner findings: ${total}`);
process.exit(total === 0 ? 0 : 1);
