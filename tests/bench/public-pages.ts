import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { startServer } from './http';
import { caseRows, type SuiteResult } from './results';
import { measure, round, type CaseResult } from './stats';

/*
 * Public pages (issue 7): how much JavaScript each one ships (every <script src> it references, raw and gzipped,
 * plus inline script), and how long the open-data dashboard takes with its figures cached per tenant against a
 * cold cache (a new filter combination every request, so every request aggregates in SQL), next to the health
 * route (the floor: an empty response from the same server). Runs against the production server on a fresh
 * embedded database with the demo tenants.
 */

interface PageJs {
  page: string;
  host: string;
  path: string;
  htmlBytes: number;
  scripts: number;
  jsBytes: number;
  jsGzipBytes: number;
  inlineScriptBytes: number;
}

const PAGES: { host: string; path: string; page: string }[] = [
  { host: 'uk', path: '/en', page: 'home (uk, en)' },
  { host: 'uk', path: '/en/open-data', page: 'open-data dashboard (uk, en)' },
  { host: 'cl', path: '/es/open-data', page: 'open-data dashboard (cl, es)' },
  { host: 'uk', path: '/en/contracts', page: 'awarded contracts (uk, en)' },
  { host: 'uk', path: '/en/suppliers', page: 'suppliers A-Z (uk, en)' },
  { host: 'uk', path: '/cy/how-to-sell', page: 'how to sell (uk, cy)' },
  { host: 'uk', path: '/en/catalogue', page: 'catalogue search (uk, en), for comparison' },
];

function get(port: number, host: string, urlPath: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, headers: { host: `${host}.localhost:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${urlPath}: timeout`)));
    req.on('error', reject);
    req.end();
  });
}

async function measurePageJs(port: number, p: (typeof PAGES)[number]): Promise<PageJs> {
  const page = await get(port, p.host, p.path);
  if (page.status !== 200) throw new Error(`${p.host}${p.path}: ${page.status}`);
  const html = page.body.toString('utf8');
  // noModule scripts are polyfills only browsers without ES modules load: not counted.
  const sources = [...new Set([...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].filter((m) => !/nomodule/i.test(m[1]! + m[3]!)).map((m) => m[2]!))];
  let jsBytes = 0;
  let jsGzipBytes = 0;
  for (const src of sources) {
    const js = await get(port, p.host, src.replace(/&amp;/g, '&'));
    if (js.status !== 200) throw new Error(`${src}: ${js.status}`);
    jsBytes += js.body.length;
    jsGzipBytes += gzipSync(js.body).length;
  }
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  return { page: p.page, host: p.host, path: p.path, htmlBytes: page.body.length, scripts: sources.length, jsBytes, jsGzipBytes, inlineScriptBytes: inline };
}

export async function runPublicBench(options: { log: (line: string) => void; onExitCleanup: (fn: () => void) => () => void }): Promise<SuiteResult> {
  const { log } = options;
  const server = await startServer(log);
  const forget = options.onExitCleanup(server.kill);
  const pages: PageJs[] = [];
  const timings: CaseResult[] = [];
  try {
    for (const p of PAGES) {
      const js = await measurePageJs(server.port, p);
      log(`public: ${p.page}: ${js.scripts} scripts, ${js.jsBytes} B JS (${js.jsGzipBytes} B gzip), ${js.inlineScriptBytes} B inline, HTML ${js.htmlBytes} B`);
      pages.push(js);
    }
    const database = 'http/pglite';
    const loop = { warmup: 5, iterations: 60, concurrency: 1, capMs: 30_000 };
    timings.push(
      await measure({ name: 'http.health', label: 'GET /api/health', kind: 'floor', database }, async () => {
        const r = await get(server.port, 'uk', '/api/health');
        if (r.status !== 200) throw new Error(`status ${r.status}`);
      }, loop),
    );
    timings.push(
      await measure({ name: 'http.openData.cached', label: 'GET /en/open-data (figures cached)', kind: 'ours', database, floor: 'http.health' }, async () => {
        const r = await get(server.port, 'uk', '/en/open-data');
        if (r.status !== 200) throw new Error(`status ${r.status}`);
      }, loop),
    );
    let n = 0;
    timings.push(
      await measure({ name: 'http.openData.cold', label: 'GET /en/open-data?to=<new date> (aggregated every time)', kind: 'ours', database, floor: 'http.health' }, async () => {
        // A different (valid) filter each time: a cache miss, so the SQL aggregation runs on every request.
        const day = new Date(Date.UTC(2030, 0, 1) + n++ * 86_400_000).toISOString().slice(0, 10);
        const r = await get(server.port, 'uk', `/en/open-data?to=${day}`);
        if (r.status !== 200) throw new Error(`status ${r.status}`);
      }, loop),
    );
    for (const t of timings) log(`public: ${t.label}: p50 ${t.p50Ms} ms, p95 ${t.p95Ms} ms`);
  } finally {
    await server.stop();
    forget();
  }
  const report = { date: new Date().toISOString(), node: process.version, server: { startupSeconds: server.startupSeconds, built: server.built }, pages, timings };
  const md = [
    '# Public pages',
    '',
    `${report.date} · Node ${report.node} · production build on the embedded database with the demo tenants`,
    '',
    'JavaScript each page loads (every `<script src>` it references, fetched and summed; gzip at default level) and inline script.',
    '',
    '| Page | Scripts | JS bytes | JS gzip | Inline script | HTML bytes |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...pages.map((p) => `| ${p.page} | ${p.scripts} | ${p.jsBytes.toLocaleString('en')} | ${p.jsGzipBytes.toLocaleString('en')} | ${p.inlineScriptBytes.toLocaleString('en')} | ${p.htmlBytes.toLocaleString('en')} |`),
    '',
    'Dashboard response time, sequential, figures cached per tenant vs aggregated on every request, and the health route of the same server (the floor). Times in ms.',
    '',
    '| Case | n | mean | p50 | p95 | p99 | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...timings.map((t) => `| ${t.label} | ${t.iterations} | ${round(t.meanMs, 1)} | ${round(t.p50Ms, 1)} | ${round(t.p95Ms, 1)} | ${round(t.p99Ms, 1)} | ${t.errors} |`),
    '',
  ].join('\n');
  console.log(`\n${md}`);
  return { code: timings.some((t) => t.errors > 0) ? 1 : 0, report, markdown: md, summary: caseRows('public', timings) };
}
