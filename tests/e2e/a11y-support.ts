import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';
import { randomIds, rawRequest, sessionCookieFor, testDb } from './security-support';
import type { Ids } from './route-matrix';
import { PORT } from './support';
import { tenantSchemaName } from '@/db/tenant-schema';

/*
 * Helpers of the accessibility sweep: one axe run per page-state (WCAG 2.0/2.1/2.2 A and AA plus axe's best
 * practices), seeded object ids read from the database (read-only, so the sweep plants nothing in the demo
 * tenants), sandbox tenants made through the operator's real import route, and keyboard-only helpers.
 */

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Axe once on the page as it is; returns one line per violation, labelled with where it was seen. The same
 * axe-core as @axe-core/playwright, run with one evaluate: AxeBuilder's per-frame partial runs and its extra page
 * for finishRun took 3-4 times as long, which a sweep of a few hundred page-states cannot afford.
 */
export async function scan(page: Page, where: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as { axe: typeof axe };
    const results = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`),
    }));
  }, AXE_TAGS);
  // Text marked as another language must also run in that language's direction (axe does not check this):
  // English inside an Arabic page without dir="ltr" shows its full stops at the wrong end.
  const misdirected = await page.evaluate(() =>
    [...document.querySelectorAll('[lang]')]
      .filter((el) => {
        const rtl = /^(ar|he|fa|ur)(-|$)/i.test(el.getAttribute('lang') ?? '');
        return getComputedStyle(el).direction !== (rtl ? 'rtl' : 'ltr') && (el.textContent ?? '').trim() !== '';
      })
      .map((el) => `${el.tagName.toLowerCase()}[lang=${el.getAttribute('lang')}] "${(el.textContent ?? '').trim().slice(0, 40)}"`),
  );
  return [
    ...violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 4).join(' | ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : ''}`),
    ...(misdirected.length ? [`${where}: lang-dir: text in another language runs in the page's direction: ${misdirected.slice(0, 4).join(' | ')}`] : []),
  ];
}

export type Persona = 'anonymous' | 'supplier' | 'buyer' | 'admin' | 'operator';

export interface SweepEntry {
  as: Persona;
  /** Takes an object id: in an empty tenant it answers the tenant's 404 page, which is scanned once instead. */
  needsObject?: boolean;
  /** A page that cannot be reached on purpose, with the reason (it still has to be listed). */
  unreachable?: string;
  /** Off unless configured (answers the 404 page in the test server, which is scanned instead). */
  offByDefault?: string;
}

/** Every page type and who sees it. Tenant pages take the path from PAGE_MATRIX; platform pages are on the root host. */
export const SWEEP: Record<string, SweepEntry> = {
  '/[tenant]/[locale]': { as: 'anonymous' },
  '/[tenant]/[locale]/account': { as: 'buyer' },
  '/[tenant]/[locale]/alerts': { as: 'buyer' },
  '/[tenant]/[locale]/sign-in': { as: 'anonymous' },
  '/[tenant]/[locale]/sign-in/check-email': { as: 'anonymous' },
  '/[tenant]/[locale]/sign-in/error': { as: 'anonymous' },
  '/[tenant]/[locale]/admin': { as: 'admin' },
  '/[tenant]/[locale]/admin/buyers': { as: 'admin' },
  '/[tenant]/[locale]/admin/frameworks': { as: 'admin' },
  '/[tenant]/[locale]/admin/frameworks/[framework]': { as: 'admin', needsObject: true },
  '/[tenant]/[locale]/admin/frameworks/[framework]/applications': { as: 'admin', needsObject: true },
  '/[tenant]/[locale]/admin/frameworks/[framework]/edits': { as: 'admin', needsObject: true },
  '/[tenant]/[locale]/admin/frameworks/[framework]/preview/[set]': { as: 'admin', needsObject: true },
  '/[tenant]/[locale]/buyer/join': { as: 'buyer' },
  '/[tenant]/[locale]/buyer/projects': { as: 'buyer' },
  '/[tenant]/[locale]/buyer/teams': { as: 'buyer' },
  '/[tenant]/[locale]/admin/settings': { as: 'admin' },
  '/[tenant]/[locale]/buyer/projects/[project]': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/dev/outbox': { as: 'anonymous' },
  '/[tenant]/[locale]/dev/sign-in': { as: 'anonymous' },
  '/[tenant]/[locale]/catalogue': { as: 'anonymous' },
  '/[tenant]/[locale]/frameworks': { as: 'anonymous' },
  '/[tenant]/[locale]/frameworks/[framework]': { as: 'anonymous', needsObject: true },
  '/[tenant]/[locale]/services/[service]': { as: 'anonymous', needsObject: true },
  '/[tenant]/[locale]/supplier': { as: 'supplier' },
  '/[tenant]/[locale]/supplier/register': { as: 'supplier' },
  '/[tenant]/[locale]/supplier/frameworks/[framework]': { as: 'supplier', needsObject: true },
  '/[tenant]/[locale]/supplier/frameworks/[framework]/declaration/[section]': { as: 'supplier', needsObject: true },
  '/[tenant]/[locale]/supplier/frameworks/[framework]/services/[service]': { as: 'supplier', needsObject: true },
  '/[tenant]/[locale]/open-data': { as: 'anonymous' },
  '/[tenant]/[locale]/contracts': { as: 'anonymous' },
  '/[tenant]/[locale]/contracts/[reference]': { as: 'anonymous', needsObject: true },
  '/[tenant]/[locale]/suppliers': { as: 'anonymous' },
  '/[tenant]/[locale]/how-to-buy': { as: 'anonymous' },
  '/[tenant]/[locale]/how-to-sell': { as: 'anonymous' },
  '/[tenant]/[locale]/contact': { as: 'anonymous' },
  '/[tenant]/[locale]/accessibility': { as: 'anonymous' },
  '/[tenant]/[locale]/admin/guidance': { as: 'admin' },
  '/[tenant]/[locale]/admin/notifications': { as: 'admin' },
  '/[tenant]/[locale]/admin/open-data': { as: 'admin' },
  '/[tenant]/[locale]/open-data/ocds': { as: 'anonymous' },
  '/[tenant]/[locale]/buyer/contracts': { as: 'buyer' },
  '/[tenant]/[locale]/buyer/contracts/[contract]': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/buyer/contracts/[contract]/terms': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/buyer/contracts/[contract]/statements/new': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/buyer/contracts/[contract]/statements/[statement]': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/supplier/contracts': { as: 'supplier' },
  '/[tenant]/[locale]/supplier/contracts/[contract]': { as: 'supplier', needsObject: true },
  '/[tenant]/[locale]/supplier/contracts/[contract]/statements/[statement]': { as: 'supplier', needsObject: true },
  '/[tenant]/[locale]/buyer/opportunities': { as: 'buyer' },
  '/[tenant]/[locale]/buyer/opportunities/new': { as: 'buyer' },
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/award': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/responses': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/sections/[section]': { as: 'buyer', needsObject: true },
  '/[tenant]/[locale]/supplier/opportunities': { as: 'supplier' },
  '/[tenant]/[locale]/supplier/opportunities/[opportunity]': { as: 'supplier', needsObject: true },
  '/[tenant]/[locale]/opportunities': { as: 'anonymous' },
  '/[tenant]/[locale]/opportunities/[opportunity]': { as: 'anonymous', needsObject: true },
  '/platform/[locale]': { as: 'anonymous' },
  '/platform/[locale]/console': { as: 'operator' },
  '/platform/[locale]/console/import': { as: 'operator' },
  '/platform/[locale]/console/tenants/[slug]': { as: 'operator', needsObject: true },
  '/platform/[locale]/console/drafts/[draft]': { as: 'operator', needsObject: true },
  '/platform/[locale]/console/drafts/[draft]/[step]': { as: 'operator', needsObject: true },
  '/platform/[locale]/dev/outbox': { as: 'anonymous' },
  '/platform/[locale]/dev/sign-in': { as: 'anonymous' },
  '/platform/[locale]/request': { as: 'anonymous', offByDefault: 'self-serve requests need SELF_SERVE_SIGNUP=1' },
  '/platform/[locale]/sign-in': { as: 'anonymous' },
  '/platform/[locale]/sign-in/check-email': { as: 'anonymous' },
  // Next's own error documents: the 404 is scanned on a tenant host and on an unknown host (see "error pages").
  '/_not-found': { as: 'anonymous', unreachable: 'scanned by the error-pages test (tenant 404 and unknown marketplace)' },
  '/_global-error': { as: 'anonymous', unreachable: 'only rendered when a root layout throws; not reachable from a working build' },
};

export interface People {
  supplier: string;
  buyer: string;
  admin: string;
}

export const OPERATOR = 'operator@platform.demo.example';

export interface SeededIds {
  ids: Ids;
  supplierIds: Ids;
  found: Set<keyof Ids>;
  /** Page types whose object only someone other than the persona has here (another organisation's): who and which ids. */
  overrides: Record<string, { email: string; ids: Ids }>;
  /** Page types with no object anyone here can see. */
  missing: Set<string>;
}

/** Ids of seeded objects each persona can reach in a tenant; ids not found fall back to random ones (a 404). */
export async function seededIds(slug: string, people: People): Promise<SeededIds> {
  const db = testDb();
  const s = tenantSchemaName(slug);
  const ids = randomIds();
  const found = new Set<keyof Ids>();
  const one = async (key: keyof Ids, query: string, params: string[] = []) => {
    const [row] = await db.unsafe<{ v: string }[]>(query, params);
    if (row?.v) {
      ids[key] = row.v;
      found.add(key);
    }
  };
  await one(
    'framework',
    `select f.slug as v from ${s}.services s join ${s}.frameworks f on f.id = s.framework_id
       join ${s}.supplier_members m on m.supplier_id = s.supplier_id join platform.users u on u.id = m.user_id
       where u.email = $1 order by s.created_at, s.id limit 1`,
    [people.supplier],
  );
  if (!found.has('framework')) await one('framework', `select slug as v from ${s}.frameworks order by created_at, id limit 1`);
  await one(
    'supplierService',
    `select s.id::text as v from ${s}.services s join ${s}.frameworks f on f.id = s.framework_id
       join ${s}.supplier_members m on m.supplier_id = s.supplier_id join platform.users u on u.id = m.user_id
       where u.email = $1 and f.slug = $2 order by s.created_at, s.id limit 1`,
    [people.supplier, ids.framework],
  );
  await one('publicService', `select id::text as v from ${s}.services where status = 'published' order by created_at, id limit 1`);
  const buyerOrg = `(select bm.organisation_id from ${s}.buyer_members bm join platform.users u on u.id = bm.user_id where u.email = $1 limit 1)`;
  const supplierOrg = `(select m.supplier_id from ${s}.supplier_members m join platform.users u on u.id = m.user_id where u.email = $1 limit 1)`;
  await one('project', `select id::text as v from ${s}.direct_award_projects where organisation_id = ${buyerOrg} order by created_at, id limit 1`, [people.buyer]);
  // Suppliers see a contract once it is sent for signature. Contracts with a statement of work and active (the only state that takes a new statement) come first.
  const withStatement = `(select count(*) from ${s}.statements_of_work w where w.contract_id = c.id) desc, (c.status = 'active') desc, c.created_at, c.id`;
  await one('contract', `select c.id::text as v from ${s}.contracts c where c.organisation_id = ${buyerOrg} order by ${withStatement} limit 1`, [people.buyer]);
  await one('supplierContract', `select c.id::text as v from ${s}.contracts c where c.supplier_id = ${supplierOrg} and c.status <> 'drafted' order by ${withStatement} limit 1`, [people.supplier]);
  await one('statement', `select id::text as v from ${s}.statements_of_work where contract_id::text = $1 order by created_at, id limit 1`, [ids.contract]);
  const [supplierStatement] = await db.unsafe<{ v: string }[]>(`select id::text as v from ${s}.statements_of_work where contract_id::text = $1 order by created_at, id limit 1`, [ids.supplierContract]);
  await one('reference', `select reference::text as v from ${s}.contracts order by reference limit 1`);
  await one('opportunity', `select id::text as v from ${s}.opportunities where organisation_id = ${buyerOrg} order by created_at, id limit 1`, [people.buyer]);
  await one('publicOpportunity', `select id::text as v from ${s}.opportunities where published_at is not null order by (closes_at > now() and withdrawn_at is null and cancelled_at is null) desc, created_at, id limit 1`);
  ids.section = 'your-organisation';
  ids.opportunitySection = 'overview';
  ids.tenantSlug = slug;
  // The supplier's pages read their own contract's statement.
  const supplierIds = { ...ids, statement: supplierStatement?.v ?? ids.statement };
  // Objects the personas have none of in this tenant: shown to the person who has one (another organisation's).
  const overrides: SeededIds['overrides'] = {};
  const missing = new Set<string>();
  if (!found.has('project')) {
    const [other] = await db.unsafe<{ v: string; email: string }[]>(
      `select p.id::text as v, u.email from ${s}.direct_award_projects p join platform.users u on u.id = p.created_by
         where exists (select 1 from platform.memberships ms join platform.tenants t on t.id = ms.tenant_id where ms.user_id = u.id and t.slug = $1)
         order by p.created_at, p.id limit 1`,
      [slug],
    );
    if (other) overrides['/[tenant]/[locale]/buyer/projects/[project]'] = { email: other.email, ids: { ...ids, project: other.v } };
  }
  if (!supplierStatement) {
    const [other] = await db.unsafe<{ contract: string; statement: string; email: string }[]>(
      `select c.id::text as contract, w.id::text as statement, u.email from ${s}.statements_of_work w join ${s}.contracts c on c.id = w.contract_id
         join ${s}.supplier_members m on m.supplier_id = c.supplier_id join platform.users u on u.id = m.user_id
         where exists (select 1 from platform.memberships ms join platform.tenants t on t.id = ms.tenant_id where ms.user_id = u.id and t.slug = $1)
         order by w.created_at, w.id limit 1`,
      [slug],
    );
    if (other) overrides['/[tenant]/[locale]/supplier/contracts/[contract]/statements/[statement]'] = { email: other.email, ids: { ...ids, supplierContract: other.contract, statement: other.statement } };
    else missing.add('/[tenant]/[locale]/supplier/contracts/[contract]/statements/[statement]');
  }
  return { ids, supplierIds, found, overrides, missing };
}

/** A database session cookie for a seeded person, for the host the context will visit. */
export async function sessionCookie(email: string, host: string): Promise<{ name: string; value: string; domain: string; path: string }> {
  const [name, value] = (await sessionCookieFor(email)).split('=') as [string, string];
  return { name, value, domain: host, path: '/' };
}

/**
 * A sandbox copy of a demo tenant through the operator's export and import routes (the real paths), so the sweep
 * can submit forms and run journeys without changing the demo tenants other suites read. `edit` changes the
 * archive (locales, emptied tables) before import.
 */
export async function importTenantCopy(from: string, slug: string, edit: (archive: Archive) => void): Promise<void> {
  const [name, value] = (await sessionCookieFor(OPERATOR)).split('=') as [string, string];
  const cookie = `${name}=${value}`;
  const exported = await rawRequest('localhost', `/api/platform/tenants/${from}/export`, { headers: { cookie } });
  expect(exported.status, `export of ${from}`).toBe(200);
  const archive = JSON.parse(exported.body) as Archive;
  edit(archive);
  const form = new FormData();
  form.set('locale', 'en');
  form.set('slug', slug);
  form.set('archive', new Blob([JSON.stringify(archive)], { type: 'application/json' }), 'archive.json');
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const res = await rawRequest('localhost', '/api/platform/tenants/import', {
    method: 'POST',
    body,
    headers: { cookie, origin: `http://localhost:${PORT}`, 'content-type': encoded.headers.get('content-type')! },
  });
  expect(`${res.status} ${String(res.headers.location)}`, `import of ${slug}`).toMatch(new RegExp(`^303 .*/console/tenants/${slug}\\?imported=1`));
}

export interface Archive {
  config: Record<string, unknown> & { name: Record<string, string>; tagline?: Record<string, string>; locales: { code: string; format: string }[]; defaultLocale: string };
  tables: Record<string, unknown[]>;
  members: { email: string; name: string | null; role: string }[];
  [key: string]: unknown;
}

/** What the focused element looks like: its visible focus indicator must differ from the unfocused element's. */
export interface Focused {
  tag: string;
  text: string;
  href: string | null;
  name: string | null;
  id: string;
  indicator: boolean;
  onScreen: boolean;
}

export async function focusedElement(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent';
    const shadow = style.boxShadow !== 'none';
    const fill = style.backgroundColor === 'rgb(255, 221, 0)';
    // main[tabindex=-1] receives focus from the skip link, not from Tab: it needs no ring.
    const programmatic = el.getAttribute('tabindex') === '-1';
    // WCAG 2.4.11: the focused element is on screen and not a 1-pixel visually-hidden box.
    const box = el.getBoundingClientRect();
    const onScreen = box.width > 2 && box.height > 2 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 80),
      href: el.getAttribute('href'),
      name: el.getAttribute('name'),
      id: el.id,
      indicator: outline || shadow || fill || programmatic,
      onScreen,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking on the way that every element focus
 * lands on shows a focus indicator. Fails after `max` presses.
 */
export async function tabTo(page: Page, match: (el: Focused) => boolean, options: { max?: number; back?: boolean } = {}): Promise<void> {
  const max = options.max ?? 80;
  const seen: string[] = [];
  await page.waitForLoadState();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    // A navigation may still be landing (Enter on a link or a form): read focus once the page has loaded.
    const el = await focusedElement(page).catch(async () => {
      await page.waitForLoadState();
      return focusedElement(page);
    });
    if (!el) continue;
    seen.push(`${el.tag}:${el.text}`);
    expect(el.indicator, `no visible focus indicator on ${el.tag} "${el.text}" (${page.url()})`).toBe(true);
    expect(el.onScreen, `focus on ${el.tag} "${el.text}" is off screen or hidden (${page.url()})`).toBe(true);
    if (match(el)) return;
  }
  throw new Error(`Tab never reached the element on ${page.url()} after ${max} presses; focus went through: ${seen.join(' → ')}`);
}

/** Types into the focused control, replacing what it held. */
export async function typeHere(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.type(text);
}
