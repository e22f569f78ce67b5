import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { builtManifest, PAGE_MATRIX, type Ids } from './route-matrix';
import { closeTestDb, randomIds, rawRequest, testDb } from './security-support';
import { focusedElement, importTenantCopy, OPERATOR, scan, seededIds, sessionCookie, SWEEP, tabTo, type People, type Persona, type SeededIds } from './a11y-support';
import { PORT, rootUrl, tenantUrl } from './support';
import { tenantSchemaName } from '@/db/tenant-schema';

/*
 * Accessibility sweep (issue 9, item 9): every page type of tests/e2e/route-matrix.ts, as the persona who can see
 * it, axe-scanned once per page-state with the WCAG 2.2 A/AA tags (and axe's best practices): filled in the three
 * demo tenants (three brand themes, three languages), filled right to left in Arabic, empty in a tenant with no
 * data, and every form submitted empty so its error summary and inline errors show. The Arabic and empty tenants
 * are sandbox copies made through the operator's import route, so forms can be submitted without touching the
 * demo tenants other suites read. A page type missing here fails the first test.
 */


const TENANT_PAGES = Object.keys(SWEEP).filter((k) => k.startsWith('/[tenant]/') && !SWEEP[k]!.unreachable);
const PLATFORM_PAGES = Object.keys(SWEEP).filter((k) => k.startsWith('/platform/'));

const DEMO: { slug: string; locale: string; people: People }[] = [
  { slug: 'uk', locale: 'en', people: { supplier: 'supplier@uk.demo.example', buyer: 'buyer@uk.demo.example', admin: 'admin@uk.demo.example' } },
  { slug: 'ca', locale: 'fr', people: { supplier: 'supplier@ca.demo.example', buyer: 'buyer@ca.demo.example', admin: 'admin@ca.demo.example' } },
  { slug: 'cl', locale: 'es', people: { supplier: 'proveedor@cl.demo.example', buyer: 'comprador@cl.demo.example', admin: 'admin@cl.demo.example' } },
];
const UK_PEOPLE = DEMO[0]!.people;

/** Sandboxes: a filled copy of uk in Arabic (right to left) and an empty one (no rows at all), same members. */
const suffix = randomUUID().slice(0, 6);
const RTL = { slug: `a11y-rtl-${suffix}`, locale: 'ar' };
const EMPTY = { slug: `a11y-empty-${suffix}`, locale: 'en' };

let scanned = 0;
const timings: { where: string; load: number; axe: number }[] = [];
/** One browser context per person (null: signed out), holding their session cookie for each host they visit. */
const contexts = new Map<string, { context: BrowserContext; hosts: Set<string> }>();

async function contextFor(browser: Browser, email: string | null, host: string): Promise<BrowserContext> {
  const key = email ?? 'anonymous';
  let entry = contexts.get(key);
  if (!entry) {
    entry = { context: await browser.newContext(), hosts: new Set() };
    contexts.set(key, entry);
  }
  if (email && !entry.hosts.has(host)) {
    await entry.context.addCookies([await sessionCookie(email, host)]);
    entry.hosts.add(host);
  }
  return entry.context;
}

/** Visits and scans one page-state; a 5xx or an unexpected status is a failure too. */
async function visitAndScan(page: Page, url: string, where: string, expectStatus: (status: number) => boolean): Promise<string[]> {
  const t0 = Date.now();
  const response = await page.goto(url);
  const status = response?.status() ?? 0;
  const problems: string[] = [];
  if (!expectStatus(status)) problems.push(`${where}: answered ${status} at ${page.url()}`);
  const t1 = Date.now();
  problems.push(...(await scan(page, where)));
  timings.push({ where, load: t1 - t0, axe: Date.now() - t1 });
  scanned++;
  return problems;
}

/** Page types scanned filled, by tenant: every one must be seen filled somewhere (last test). */
const filledIn = new Map<string, Set<string>>();
/** Tabs scanning at once (measured: 2 gained nothing on a loaded 2-core machine; kept as a knob). */
const CONCURRENCY = Number(process.env.A11Y_CONCURRENCY ?? 1);

/** Scans every tenant page type as its persona (one context per person, one tab per person and worker). */
async function sweepTenant(browser: Browser, slug: string, locale: string, state: 'filled' | 'empty', people: People, seeded: SeededIds): Promise<string[]> {
  const problems: string[] = [];
  const host = `${slug}.localhost`;
  const tasks: { key: string; email: string | null; url: string; where: string }[] = [];
  for (const key of TENANT_PAGES) {
    const persona = SWEEP[key]!.as as Exclude<Persona, 'operator'>;
    const override = state === 'filled' ? seeded.overrides[key] : undefined;
    // A page about one object the tenant does not have: in the empty tenant it is the 404 page (scanned once in
    // the error-pages test); in a filled tenant the page type must be seen filled in another one (last test).
    if (SWEEP[key]!.needsObject && !override && (seeded.missing.has(key) || !pathObjectsFound(key, seeded.found))) continue;
    const email = override?.email ?? (persona === 'anonymous' ? null : people[persona]);
    const ids = override?.ids ?? (persona === 'supplier' ? seeded.supplierIds : seeded.ids);
    tasks.push({ key, email, url: tenantUrl(slug, `/${locale}${PAGE_MATRIX[key]!(ids)}`), where: `[${state} ${slug}/${locale} as ${persona}] ${key}` });
  }
  const worker = async () => {
    const pages = new Map<string, Page>();
    for (let task = tasks.shift(); task; task = tasks.shift()) {
      let page = pages.get(task.email ?? '');
      if (!page) {
        page = await (await contextFor(browser, task.email, host)).newPage();
        pages.set(task.email ?? '', page);
      }
      // With no data, a page may rightly answer 404 (a buyer with no organisation has no opportunity to create).
      problems.push(...(await visitAndScan(page, task.url, task.where, (s) => s === 200 || (state === 'empty' && s === 404))));
      if (locale === 'ar') {
        const dir = await page.locator('html').getAttribute('dir');
        if (dir !== 'rtl') problems.push(`${task.where}: html dir="${dir}", expected rtl`);
        const posts = await page.evaluate(() =>
          [...document.querySelectorAll('main form')].some(
            (f) => (f as HTMLFormElement).method === 'post' && f.querySelector('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select'),
          ),
        );
        if (posts) pagesWithForms.add(task.key);
      }
      if (state === 'filled') filledIn.set(task.key, (filledIn.get(task.key) ?? new Set()).add(slug));
    }
    for (const page of pages.values()) await page.close();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return problems;
}

/** Whether every object a page pattern names exists in the tenant. */
function pathObjectsFound(key: string, found: Set<keyof Ids>): boolean {
  const needs: Record<string, (keyof Ids)[]> = {
    '[framework]': ['framework'],
    '[service]': key.includes('/supplier/') ? ['supplierService'] : ['publicService'],
    '[project]': ['project'],
    '[reference]': ['reference'],
    '[contract]': key.includes('/supplier/') ? ['supplierContract'] : ['contract'],
    '[statement]': ['statement'],
    '[opportunity]': key.includes('/buyer/') ? ['opportunity'] : ['publicOpportunity'],
  };
  return Object.entries(needs).every(([segment, keys]) => !key.includes(segment) || keys.every((k) => found.has(k)));
}

function report(problems: string[]): void {
  expect(problems, `${problems.length} accessibility problems:\n${problems.join('\n')}`).toEqual([]);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The uk buyer persona's organisation has no direct award project; in the sandbox copy it owns the seeded ones.
  const [buyer] = await testDb()<{ id: string }[]>`select id from platform.users where email = ${UK_PEOPLE.buyer}`;
  await importTenantCopy('uk', RTL.slug, (archive) => {
    const membership = (archive.tables.buyer_members as { user_id: string; organisation_id: string }[]).find((m) => m.user_id === buyer!.id)!;
    for (const project of archive.tables.direct_award_projects as { organisation_id: string; created_by: string; team_id: string | null }[]) {
      Object.assign(project, { organisation_id: membership.organisation_id, created_by: buyer!.id, team_id: null });
    }
    archive.config.locales = [{ code: 'ar', format: 'ar-AE' }, { code: 'en', format: 'en-GB' }];
    archive.config.defaultLocale = 'ar';
    archive.config.name = { ar: 'سوق الاختبار الرقمي', en: 'Accessibility test marketplace' };
    archive.config.tagline = { ar: 'نسخة تجريبية لفحص إمكانية الوصول', en: 'A copy for the accessibility sweep' };
  });
  await importTenantCopy('uk', EMPTY.slug, (archive) => {
    archive.tables = {};
    archive.config.name = { en: 'Empty test marketplace', cy: 'Marchnad prawf wag' };
  });
});

test.afterAll(async () => {
  for (const { context } of contexts.values()) await context.close();
  contexts.clear();
  const total = (f: (t: (typeof timings)[number]) => number) => Math.round(timings.reduce((a, t) => a + f(t), 0) / 1000);
  console.log(`a11y sweep: ${scanned} page-states scanned (loading ${total((t) => t.load)} s, axe ${total((t) => t.axe)} s)`);
  if (process.env.A11Y_TIMINGS) for (const t of timings) console.log(`${t.load}\t${t.axe}\t${t.where}`);
  await closeTestDb();
});

test('every page type of the build has a sweep entry', () => {
  const built = builtManifest().pages;
  expect(built.filter((p) => !(p in SWEEP)), 'page types missing from SWEEP in a11y-sweep.spec.ts').toEqual([]);
  expect(Object.keys(PAGE_MATRIX).filter((p) => !(p in SWEEP)), 'PAGE_MATRIX entries missing from SWEEP').toEqual([]);
  expect(Object.keys(SWEEP).filter((p) => !(p in PAGE_MATRIX)), 'stale SWEEP entries').toEqual([]);
});

// The uk theme and data are swept filled in the Arabic sandbox copy (below), which keeps the sweep inside its CI budget.
for (const demo of DEMO.filter((d) => d.slug !== 'uk')) {
  test(`filled: every tenant page type in ${demo.slug}/${demo.locale} (its own theme), axe clean`, async ({ browser }) => {
    test.setTimeout(300_000);
    report(await sweepTenant(browser, demo.slug, demo.locale, 'filled', demo.people, await seededIds(demo.slug, demo.people)));
  });
}

test('filled, right to left: every tenant page type in Arabic (dir=rtl), axe clean', async ({ browser }) => {
  test.setTimeout(300_000);
  report(await sweepTenant(browser, RTL.slug, RTL.locale, 'filled', UK_PEOPLE, await seededIds(RTL.slug, UK_PEOPLE)));
});

test('empty: every tenant page type in a marketplace with no data, axe clean', async ({ browser }) => {
  test.setTimeout(300_000);
  const seeded = await seededIds(EMPTY.slug, UK_PEOPLE);
  expect(seeded.found.size, 'the empty marketplace has no objects').toBe(0);
  report(await sweepTenant(browser, EMPTY.slug, EMPTY.locale, 'empty', UK_PEOPLE, seeded));
});

/**
 * Error states: each form submitted empty (text fields cleared) or with the invalid values given, in the Arabic
 * sandbox copy; its error summary must show, then the page is scanned. `path` overrides the page's matrix path
 * (e.g. a draft opportunity for the publish form). Every page type with a form that posts has an entry or a reason.
 */
interface ErrorForm {
  key: string;
  form: string;
  /** Values to type (or options to pick in a select) after the text fields are cleared. */
  set?: Record<string, string>;
  /** Radios or checkboxes to tick. */
  check?: string[];
  /** The submit button when a form has several (default: its last). */
  submit?: string;
  /** What shows the errors (default: the error summary). */
  shown?: string;
  path?: (ids: Ids, extra: { draftOpportunity: string; liveOpportunity: string; closedOpportunity: string; openProject: string }) => string;
}
const ERROR_FORMS: ErrorForm[] = [
  { key: '/[tenant]/[locale]/sign-in', form: 'main form' },
  { key: '/[tenant]/[locale]/admin/buyers', form: '#create-organisation' },
  { key: '/[tenant]/[locale]/admin/frameworks', form: '#create-framework' },
  { key: '/[tenant]/[locale]/admin/frameworks/[framework]', form: '#override-form', set: { '#override-form select[name=status]': 'open' } },
  {
    key: '/[tenant]/[locale]/admin/frameworks/[framework]',
    form: 'form:has(textarea[name=definition])',
    set: { 'textarea[name=definition]': '{"lots": [' },
    shown: '#definition-issues .border-error',
  },
  { key: '/[tenant]/[locale]/admin/frameworks/[framework]/applications', form: '#extend-deadline' },
  { key: '/[tenant]/[locale]/buyer/teams', form: '#create-team' },
  { key: '/[tenant]/[locale]/admin/settings', form: '#settings-branding', set: { 'input[name=primary]': 'not a colour' } },
  { key: '/[tenant]/[locale]/admin/settings', form: '#settings-sme', set: { 'input[name=smeTargetPercent]': '140' } },
  { key: '/[tenant]/[locale]/admin/settings', form: '#invite-member' },
  { key: '/[tenant]/[locale]/supplier', form: '#invite' },
  { key: '/[tenant]/[locale]/supplier/register', form: '#invite', set: { 'input[name=email]': 'not an email' } },
  { key: '/[tenant]/[locale]/supplier/frameworks/[framework]/services/[service]', form: 'main form:has(input[name=serviceName])' },
  // Empty means "back to the built-in text": too long is the error.
  { key: '/[tenant]/[locale]/admin/guidance', form: '#guidance', set: { 'textarea[name=markdown]': 'x'.repeat(20_001) } },
  { key: '/[tenant]/[locale]/admin/notifications', form: '#notification-settings', check: ['#notification-settings input[value=notify]'] },
  { key: '/[tenant]/[locale]/admin/open-data', form: 'main form:has(input[type=file])', shown: '[data-testid=ocds-import-errors]' },
  { key: '/[tenant]/[locale]/buyer/projects/[project]', form: '#end-search', path: (_i, x) => `/buyer/projects/${x.openProject}` },
  { key: '/[tenant]/[locale]/buyer/contracts/[contract]', form: '#terminate-form' },
  { key: '/[tenant]/[locale]/buyer/contracts/[contract]/terms', form: '#terms-form', set: { 'input[name=value]': 'a lot' } },
  { key: '/[tenant]/[locale]/buyer/contracts/[contract]/statements/new', form: '#statement-form' },
  { key: '/[tenant]/[locale]/supplier/contracts/[contract]', form: '#sign-contract' },
  { key: '/[tenant]/[locale]/buyer/opportunities/new', form: '#new-opportunity' },
  { key: '/[tenant]/[locale]/buyer/opportunities/[opportunity]', form: '#withdraw-form', path: (_i, x) => `/buyer/opportunities/${x.liveOpportunity}` },
  {
    key: '/[tenant]/[locale]/buyer/opportunities/[opportunity]/responses',
    form: 'main form:has(input[name=technical])',
    set: { 'main form:has(input[name=technical]) input[name=technical]': '500' },
    path: (_i, x) => `/buyer/opportunities/${x.closedOpportunity}/responses`,
  },
  { key: '/[tenant]/[locale]/buyer/opportunities/[opportunity]', form: '#publish-form', path: (_i, x) => `/buyer/opportunities/${x.draftOpportunity}` },
  {
    key: '/[tenant]/[locale]/buyer/opportunities/[opportunity]/sections/[section]',
    form: 'main form:has(input:not([type]), textarea)',
    set: { 'main form textarea': 'gair '.repeat(80) },
    path: (_i, x) => `/buyer/opportunities/${x.draftOpportunity}/sections/overview`,
  },
  {
    key: '/[tenant]/[locale]/supplier/opportunities/[opportunity]',
    form: 'main form:has(button[name=intent][value=submit])',
    set: { 'main form input[name$=".min"]': '-5' },
    submit: 'button[name=intent][value=submit]',
  },
];
/** Page types whose posting forms take no input that can be wrong (buttons, radios with a default, previews). */
const NO_ERROR_STATE: Record<string, string> = {
  '/[tenant]/[locale]/dev/sign-in': 'one button per demo person',
  '/[tenant]/[locale]/admin/frameworks/[framework]/preview/[set]': 'a preview of the generated form, not submitted',
  '/[tenant]/[locale]/supplier/opportunities': 'alert settings: two radios, one always chosen',
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/award': 'withdraw form covered on the opportunity page; award steps need a closed opportunity',
  '/[tenant]/[locale]/supplier/frameworks/[framework]/declaration/[section]': 'read-only once the framework is live (the sandbox is a live copy)',
  '/[tenant]/[locale]/buyer/join': 'one button',
  '/[tenant]/[locale]/account': 'sign-out button',
};
/** Page types seen with a posting form during the sweep (filled in the Arabic copy). */
const pagesWithForms = new Set<string>();

async function submitInvalid(page: Page, spec: ErrorForm): Promise<void> {
  const form = page.locator(spec.form).first();
  await expect(form, `${spec.key} ${spec.form}`).toBeAttached();
  await form.locator('input:not([type]), input[type=text], input[type=email], input[type=number], input[type=date], input[type=time], input[type=url], textarea').evaluateAll((els) => {
    // Generated forms render text inputs without a type attribute.
    for (const el of els as HTMLInputElement[]) el.value = '';
  });
  for (const [selector, value] of Object.entries(spec.set ?? {})) {
    const field = page.locator(selector).first();
    if ((await field.evaluate((el) => el.tagName, undefined, { timeout: 10_000 })) === 'SELECT') await field.selectOption(value, { timeout: 10_000 });
    else await field.fill(value, { timeout: 10_000 });
  }
  for (const selector of spec.check ?? []) await page.locator(selector).first().check({ timeout: 10_000 });
  await (spec.submit ? form.locator(spec.submit) : form.locator('button[type=submit], button:not([type]), input[type=submit]').last()).click({ timeout: 10_000 });
  await expect(page.locator(spec.shown ?? '[data-error-summary]').first(), `${spec.key} ${spec.form}: no errors shown after invalid input`).toBeVisible();
}

test('error states: every form submitted with empty or invalid input shows its errors, axe clean (Arabic)', async ({ browser }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  const seeded = await seededIds(RTL.slug, UK_PEOPLE);
  const [draft] = await testDb().unsafe<{ v: string }[]>(
    `select id::text as v from "${tenantSchemaName(RTL.slug)}".opportunities where published_at is null and organisation_id::text = (select organisation_id::text from "${tenantSchemaName(RTL.slug)}".opportunities where id::text = $1) order by created_at, id limit 1`,
    [seeded.ids.opportunity],
  );
  const [live] = await testDb().unsafe<{ v: string }[]>(
    `select id::text as v from "${tenantSchemaName(RTL.slug)}".opportunities where published_at is not null and closes_at > now()
       and withdrawn_at is null and cancelled_at is null and organisation_id::text = (select organisation_id::text from "${tenantSchemaName(RTL.slug)}".opportunities where id::text = $1)
       order by created_at, id limit 1`,
    [seeded.ids.opportunity],
  );
  const [closed] = await testDb().unsafe<{ v: string }[]>(
    `select o.id::text as v from "${tenantSchemaName(RTL.slug)}".opportunities o where o.closes_at < now() and o.awarded_at is null
       and o.withdrawn_at is null and o.cancelled_at is null and o.unsuccessful_at is null
       and exists (select 1 from "${tenantSchemaName(RTL.slug)}".opportunity_responses r where r.opportunity_id = o.id)
       and o.organisation_id::text = (select organisation_id::text from "${tenantSchemaName(RTL.slug)}".opportunities where id::text = $1)
       order by o.created_at, o.id limit 1`,
    [seeded.ids.opportunity],
  );
  // An open direct award project (every seeded one is finished): the buyer saves a search first.
  const buyerPage = await (await contextFor(browser, UK_PEOPLE.buyer, `${RTL.slug}.localhost`)).newPage();
  await buyerPage.goto(tenantUrl(RTL.slug, '/ar/catalogue?q=cloud'));
  await buyerPage.locator('#save-search').evaluate((form) => form.closest('details')?.setAttribute('open', ''));
  await buyerPage.locator('#save-search input[name=name]').fill('مشروع اختبار الأخطاء');
  await buyerPage.locator('#save-search button[type=submit]').click();
  await expect(buyerPage).toHaveURL(/\/buyer\/projects\/[0-9a-f-]{36}/);
  const openProject = buyerPage.url().split('/').pop()!.split('?')[0]!;
  await buyerPage.close();
  const extra = { draftOpportunity: draft!.v, liveOpportunity: live!.v, closedOpportunity: closed!.v, openProject };
  const host = `${RTL.slug}.localhost`;
  for (const spec of ERROR_FORMS.filter((f) => !process.env.A11Y_DEBUG || new RegExp(process.env.A11Y_DEBUG).test(f.key + f.form))) {
    const persona = SWEEP[spec.key]!.as as Exclude<Persona, 'operator'>;
    const email = persona === 'anonymous' ? null : UK_PEOPLE[persona];
    const page = await (await contextFor(browser, email, host)).newPage();
    const ids = persona === 'supplier' ? seeded.supplierIds : seeded.ids;
    const where = `[error ${RTL.slug}/${RTL.locale} as ${persona}] ${spec.key} ${spec.form}`;
    try {
      await page.goto(tenantUrl(RTL.slug, `/${RTL.locale}${spec.path ? spec.path(ids, extra) : PAGE_MATRIX[spec.key]!(ids)}`));
      await submitInvalid(page, spec);
      problems.push(...(await scan(page, where)));
      scanned++;
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message.split('\n').slice(0, 4).join(' ')}`);
      if (process.env.A11Y_DEBUG) await page.screenshot({ path: `/tmp/a11y-${spec.form.replace(/\W/g, '')}.png`, fullPage: true });
    }
    await page.close();
  }
  if (process.env.A11Y_DEBUG) return report(problems);
  // Platform forms: the wizard's first step and the operator's sign-in.
  const operator = await (await contextFor(browser, OPERATOR, 'localhost')).newPage();
  await operator.goto(rootUrl('/platform/ar/console'));
  await operator.locator('main form button[type=submit]').first().click();
  await expect(operator).toHaveURL(/\/console\/drafts\/[0-9a-f-]+\/authority$/);
  for (const [page, spec] of [
    [operator, { key: '/platform/[locale]/console/drafts/[draft]/[step]', form: 'form[id^=step-]' }],
    [await (await contextFor(browser, null, 'localhost')).newPage(), { key: '/platform/[locale]/sign-in', form: 'main form' }],
  ] as const) {
    const where = `[error platform/ar] ${spec.key}`;
    try {
      if (spec.key.endsWith('sign-in')) await page.goto(rootUrl('/platform/ar/sign-in'));
      await submitInvalid(page, spec);
      problems.push(...(await scan(page, where)));
      scanned++;
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
    }
    await page.close();
  }
  // Every page type with a form that posts input has an error state here or a reason why not (the forms were
  // noted by the Arabic sweep, which runs first in this worker unless it failed).
  if (pagesWithForms.size === 0) problems.push('form coverage not checked: the right-to-left sweep did not run in this worker');
  const covered = new Set(ERROR_FORMS.map((f) => f.key));
  const uncovered = [...pagesWithForms].filter((k) => !covered.has(k) && !(k in NO_ERROR_STATE));
  problems.push(...uncovered.map((k) => `${k}: has a form that posts input but no error-state entry (ERROR_FORMS or NO_ERROR_STATE)`));
  report(problems);
});

test('platform console and public pages in English and Arabic, axe clean', async ({ browser }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  // A draft to open: the operator starts one the way the console does.
  const operator = await (await contextFor(browser, OPERATOR, 'localhost')).newPage();
  await operator.goto(rootUrl('/platform/en/console'));
  await operator.locator('form:has(button) button[type=submit]', { hasText: 'Set up a new marketplace' }).click();
  await expect(operator).toHaveURL(/\/console\/drafts\/[0-9a-f-]+\/authority$/);
  const draft = operator.url().split('/').at(-2)!;
  const ids = { ...randomIds(), tenantSlug: 'uk', draft };
  for (const locale of ['en', 'ar']) {
    for (const persona of ['anonymous', 'operator'] as const) {
      const page = persona === 'operator' ? operator : await (await contextFor(browser, null, 'localhost')).newPage();
      for (const key of PLATFORM_PAGES.filter((k) => SWEEP[k]!.as === persona)) {
        const where = `[platform ${locale} as ${persona}] ${key}`;
        problems.push(...(await visitAndScan(page, rootUrl(`/platform/${locale}${PAGE_MATRIX[key]!(ids)}`), where, (s) => s === 200 || (s === 404 && Boolean(SWEEP[key]!.offByDefault)))));
      }
      if (persona !== 'operator') await page.close();
    }
  }
  await operator.close();
  report(problems);
});

test('error pages: tenant 404 (LTR and RTL), unknown marketplace, 400 and 413 documents, axe clean', async ({ browser }) => {
  const problems: string[] = [];
  const page = await (await contextFor(browser, null, 'localhost')).newPage();
  problems.push(...(await visitAndScan(page, tenantUrl('uk', '/en/no-such-page'), '[404 uk/en]', (s) => s === 404)));
  problems.push(...(await visitAndScan(page, tenantUrl(RTL.slug, '/ar/no-such-page'), `[404 ${RTL.slug}/ar]`, (s) => s === 404)));
  problems.push(...(await visitAndScan(page, tenantUrl(EMPTY.slug, `/en/services/${randomUUID()}`), `[404 empty object]`, (s) => s === 404)));
  problems.push(...(await visitAndScan(page, `http://nowhere.localhost:${new URL(rootUrl()).port}/`, '[unknown marketplace]', (s) => s === 404)));
  problems.push(...(await visitAndScan(page, tenantUrl('cl', '/es/%00'), '[400 cl/es]', (s) => s === 400)));
  // 413: a form post over the body limit. Chromium will not send a navigation's body through a route, so the
  // document the proxy answers is fetched raw and scanned as it is.
  for (const [slug, locale] of [['ca', 'fr'], [RTL.slug, 'ar']] as const) {
    const res = await rawRequest(`${slug}.localhost`, `/${locale}/sign-in`, {
      method: 'POST',
      body: 'x='.padEnd(1100 * 1024, 'x'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://${slug}.localhost:${PORT}` },
    });
    expect(res.status, `413 ${slug}`).toBe(413);
    await page.setContent(res.body);
    problems.push(...(await scan(page, `[413 ${slug}/${locale}]`)));
    scanned++;
  }
  await page.close();
  report(problems);
});

test('the sweep reads real data: seeded ids exist in every demo tenant', async () => {
  for (const demo of DEMO) {
    const { found } = await seededIds(demo.slug, demo.people);
    expect([...found].sort(), demo.slug).toEqual(expect.arrayContaining(['framework', 'supplierService', 'publicService', 'contract', 'supplierContract', 'reference', 'publicOpportunity']));
  }
  const [row] = await testDb().unsafe<{ n: string }[]>(`select count(*)::text as n from "${tenantSchemaName(EMPTY.slug)}".services`);
  expect(row?.n).toBe('0');
  // Every tenant page type was seen filled at least once (a page whose object no demo tenant has would be
  // swept only as a 404). Only meaningful after the filled sweeps ran in this worker.
  expect(filledIn.size, 'the filled sweeps ran first in this worker').toBeGreaterThan(0);
  expect(TENANT_PAGES.filter((k) => !filledIn.has(k)), 'page types never seen filled').toEqual([]);
});

/*
 * Keyboard only: the core journeys with Tab, Shift+Tab, Enter, Space and typing (page.goto only to open the first
 * page, as a person types an address). Every element focus lands on must show a focus indicator (tabTo checks), and
 * the skip link must move focus to the main content. Journeys that change data run in the sandbox copy.
 */
async function expectSkipLinkWorks(page: Page): Promise<void> {
  await page.waitForLoadState();
  await page.keyboard.press('Tab');
  const skip = await focusedElement(page);
  expect(skip?.href, 'the first Tab stop is the skip link').toBe('#main-content');
  expect(skip?.indicator, 'the skip link shows focus').toBe(true);
  const box = await page.locator('.skip-link').boundingBox();
  expect(box && box.width > 0 && box.y >= 0, 'the focused skip link is on screen').toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id), 'Enter on the skip link moves focus to the main content').toBe('main-content');
}

async function keyboardSignIn(page: Page, slug: string, locale: string, name: string): Promise<void> {
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await tabTo(page, (el) => el.tag === 'button' && el.text.includes(name));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
  await page.waitForLoadState();
}

test('keyboard only: a citizen browses the catalogue, a service and the open data dashboard (French, Canada)', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(tenantUrl('ca', '/fr'));
  await expectSkipLinkWorks(page);
  // From the main content, Shift+Tab goes back up to the header's catalogue link.
  await tabTo(page, (el) => el.href?.endsWith('/fr/catalogue') === true, { back: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(tenantUrl('ca', '/fr/catalogue'));
  await tabTo(page, (el) => el.name === 'q');
  await page.keyboard.type('cloud');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/fr\/catalogue\?.*q=cloud/);
  await tabTo(page, (el) => /\/fr\/services\/[0-9a-f-]{36}$/.test(el.href ?? ''), { max: 150 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/fr\/services\/[0-9a-f-]{36}$/);
  await expectSkipLinkWorks(page);
  await tabTo(page, (el) => el.href?.endsWith('/fr/open-data') === true, { back: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(tenantUrl('ca', '/fr/open-data'));
  await expect(page.locator('svg[data-chart]').first()).toBeVisible();
  await context.close();
});

test('keyboard only: a buyer searches, saves the search as a direct award project and opens it (English)', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardSignIn(page, RTL.slug, 'en', 'Helen Clarke');
  await tabTo(page, (el) => el.href?.endsWith('/en/catalogue') === true);
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => el.name === 'q');
  await page.keyboard.type('cloud');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/en\/catalogue\?.*q=cloud/);
  await expectSkipLinkWorks(page);
  // The "save this search" disclosure opens with Enter; its name field submits with Enter.
  await tabTo(page, (el) => el.tag === 'summary');
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => el.name === 'name');
  await page.keyboard.type('Keyboard-only hosting project');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/en\/buyer\/projects\/[0-9a-f-]{36}/);
  await expect(page.locator('h1')).toHaveText('Keyboard-only hosting project');
  await context.close();
});

test('keyboard only: a supplier signs in and asks a question on a live opportunity (Arabic, right to left)', async ({ browser }) => {
  const [live] = await testDb().unsafe<{ v: string }[]>(
    `select id::text as v from "${tenantSchemaName(RTL.slug)}".opportunities where published_at is not null and questions_close_at > now()
       and withdrawn_at is null and cancelled_at is null order by created_at limit 1`,
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardSignIn(page, RTL.slug, 'ar', 'Dafydd Evans');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto(tenantUrl(RTL.slug, `/ar/opportunities/${live!.v}`));
  await expectSkipLinkWorks(page);
  await tabTo(page, (el) => el.name === 'question', { max: 150 });
  // An empty question first: the error summary takes focus, and its link leads back to the field.
  await tabTo(page, (el) => el.tag === 'button' && el.name === null);
  await page.keyboard.press('Enter');
  await expect(page.locator('#ask [data-error-summary]')).toBeFocused();
  await tabTo(page, (el) => el.href === '#ask-question');
  await page.keyboard.press('Enter');
  await expect(page.locator('#ask-question')).toBeFocused();
  await page.keyboard.type('هل يمكن العمل عن بُعد بالكامل؟');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#ask [role=status]')).toBeVisible();
  await context.close();
});

test('keyboard only: a tenant administrator opens a framework from the admin pages (Welsh)', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await keyboardSignIn(page, 'uk', 'cy', 'Priya Shah');
  await tabTo(page, (el) => el.href?.endsWith('/cy/admin') === true, { max: 120 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(tenantUrl('uk', '/cy/admin'));
  await expectSkipLinkWorks(page);
  await tabTo(page, (el) => el.href?.endsWith('/cy/admin/frameworks') === true);
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => /\/cy\/admin\/frameworks\/[a-z0-9-]+$/.test(el.href ?? ''));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/cy\/admin\/frameworks\/[a-z0-9-]+$/);
  await expect(page.locator('h1')).toBeVisible();
  await context.close();
});
