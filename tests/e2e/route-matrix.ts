import { existsSync, readFileSync } from 'node:fs';

/*
 * Every route of the build (pages, route handlers, server actions), read from the manifests `next build` writes,
 * and how the security suites reach each one. A route or action in the build but not here fails the suites:
 * adding a page means saying here which object ids it takes.
 */

export interface Ids {
  /** Framework slug (for supplier and admin pages: one the persona's supplier applied to). */
  framework: string;
  section: string;
  /** A service of the signed-in supplier on `framework`. */
  supplierService: string;
  /** A published service. */
  publicService: string;
  project: string;
  supplier: string;
  alert: string;
  request: string;
  question: string;
  organisation: string;
  userId: string;
  lot: string;
  /** Call-off contracts (issue 8): one of the buyer persona's organisation, one of the supplier persona's. */
  contract: string;
  supplierContract: string;
  statement: string;
  /** Public contract reference number. */
  reference: string;
  opportunity: string;
  publicOpportunity: string;
  opportunitySection: string;
  response: string;
  ocid: string;
  /** An uploaded document of the supplier persona's supplier. */
  document: string;
  /** Platform console objects (issue 3). */
  tenantSlug: string;
  draft: string;
}

export type PagePath = (ids: Ids) => string;

/** Pages, by route pattern without groups; the value is the path after /<locale>. */
export const PAGE_MATRIX: Record<string, PagePath> = {
  '/[tenant]/[locale]': () => '',
  '/[tenant]/[locale]/account': () => '/account',
  '/[tenant]/[locale]/alerts': () => '/alerts',
  '/[tenant]/[locale]/sign-in': () => '/sign-in',
  '/[tenant]/[locale]/sign-in/check-email': () => '/sign-in/check-email',
  '/[tenant]/[locale]/sign-in/error': () => '/sign-in/error',
  '/[tenant]/[locale]/admin': () => '/admin',
  '/[tenant]/[locale]/admin/buyers': () => '/admin/buyers',
  '/[tenant]/[locale]/admin/frameworks': () => '/admin/frameworks',
  '/[tenant]/[locale]/admin/frameworks/[framework]': (i) => `/admin/frameworks/${i.framework}`,
  '/[tenant]/[locale]/admin/frameworks/[framework]/applications': (i) => `/admin/frameworks/${i.framework}/applications`,
  '/[tenant]/[locale]/admin/frameworks/[framework]/edits': (i) => `/admin/frameworks/${i.framework}/edits`,
  '/[tenant]/[locale]/admin/frameworks/[framework]/preview/[set]': (i) => `/admin/frameworks/${i.framework}/preview/declaration`,
  '/[tenant]/[locale]/buyer/join': () => '/buyer/join',
  '/[tenant]/[locale]/buyer/projects': () => '/buyer/projects',
  '/[tenant]/[locale]/buyer/teams': () => '/buyer/teams',
  '/[tenant]/[locale]/admin/settings': () => '/admin/settings',
  '/[tenant]/[locale]/buyer/projects/[project]': (i) => `/buyer/projects/${i.project}`,
  '/[tenant]/[locale]/dev/outbox': () => '/dev/outbox',
  '/[tenant]/[locale]/dev/sign-in': () => '/dev/sign-in',
  '/[tenant]/[locale]/catalogue': () => '/catalogue?q=cloud',
  '/[tenant]/[locale]/frameworks': () => '/frameworks',
  '/[tenant]/[locale]/frameworks/[framework]': (i) => `/frameworks/${i.framework}`,
  '/[tenant]/[locale]/services/[service]': (i) => `/services/${i.publicService}`,
  '/[tenant]/[locale]/supplier': () => '/supplier',
  '/[tenant]/[locale]/supplier/register': () => '/supplier/register',
  '/[tenant]/[locale]/supplier/frameworks/[framework]': (i) => `/supplier/frameworks/${i.framework}`,
  '/[tenant]/[locale]/supplier/frameworks/[framework]/declaration/[section]': (i) => `/supplier/frameworks/${i.framework}/declaration/${i.section}`,
  '/[tenant]/[locale]/supplier/frameworks/[framework]/services/[service]': (i) => `/supplier/frameworks/${i.framework}/services/${i.supplierService}`,
  // Public open data, browse and guidance pages (issue 7): public by design, the same for everyone.
  '/[tenant]/[locale]/open-data': () => '/open-data',
  '/[tenant]/[locale]/contracts': () => '/contracts',
  '/[tenant]/[locale]/contracts/[reference]': (i) => `/contracts/${i.reference}`,
  '/[tenant]/[locale]/suppliers': () => '/suppliers',
  '/[tenant]/[locale]/how-to-buy': () => '/how-to-buy',
  '/[tenant]/[locale]/how-to-sell': () => '/how-to-sell',
  '/[tenant]/[locale]/contact': () => '/contact',
  '/[tenant]/[locale]/accessibility': () => '/accessibility',
  '/[tenant]/[locale]/admin/guidance': () => '/admin/guidance?page=how-to-sell&content=en',
  '/[tenant]/[locale]/admin/notifications': () => '/admin/notifications',
  '/[tenant]/[locale]/admin/open-data': () => '/admin/open-data',
  '/[tenant]/[locale]/open-data/ocds': () => '/open-data/ocds',
  // Call-off contracts and statements of work (issue 8), buyer and supplier sides.
  '/[tenant]/[locale]/buyer/contracts': () => '/buyer/contracts',
  '/[tenant]/[locale]/buyer/contracts/[contract]': (i) => `/buyer/contracts/${i.contract}`,
  '/[tenant]/[locale]/buyer/contracts/[contract]/terms': (i) => `/buyer/contracts/${i.contract}/terms`,
  '/[tenant]/[locale]/buyer/contracts/[contract]/statements/new': (i) => `/buyer/contracts/${i.contract}/statements/new`,
  '/[tenant]/[locale]/buyer/contracts/[contract]/statements/[statement]': (i) => `/buyer/contracts/${i.contract}/statements/${i.statement}`,
  '/[tenant]/[locale]/supplier/contracts': () => '/supplier/contracts',
  '/[tenant]/[locale]/supplier/contracts/[contract]': (i) => `/supplier/contracts/${i.supplierContract}`,
  '/[tenant]/[locale]/supplier/contracts/[contract]/statements/[statement]': (i) => `/supplier/contracts/${i.supplierContract}/statements/${i.statement}`,
  // Opportunities (further competition), buyer, supplier and public sides.
  '/[tenant]/[locale]/buyer/opportunities': () => '/buyer/opportunities',
  '/[tenant]/[locale]/buyer/opportunities/new': () => '/buyer/opportunities/new',
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]': (i) => `/buyer/opportunities/${i.opportunity}`,
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/award': (i) => `/buyer/opportunities/${i.opportunity}/award`,
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/responses': (i) => `/buyer/opportunities/${i.opportunity}/responses`,
  '/[tenant]/[locale]/buyer/opportunities/[opportunity]/sections/[section]': (i) => `/buyer/opportunities/${i.opportunity}/sections/${i.opportunitySection}`,
  '/[tenant]/[locale]/supplier/opportunities': () => '/supplier/opportunities',
  '/[tenant]/[locale]/supplier/opportunities/[opportunity]': (i) => `/supplier/opportunities/${i.publicOpportunity}`,
  '/[tenant]/[locale]/opportunities': () => '/opportunities',
  '/[tenant]/[locale]/opportunities/[opportunity]': (i) => `/opportunities/${i.publicOpportunity}`,
  // Not tenant pages: the operator's site (console for platform administrators only) and Next's error documents.
  '/platform/[locale]': () => '',
  '/platform/[locale]/console': () => '/console',
  '/platform/[locale]/console/import': () => '/console/import',
  '/platform/[locale]/console/tenants/[slug]': (i) => `/console/tenants/${i.tenantSlug}`,
  '/platform/[locale]/console/drafts/[draft]': (i) => `/console/drafts/${i.draft}`,
  '/platform/[locale]/console/drafts/[draft]/[step]': (i) => `/console/drafts/${i.draft}/authority`,
  '/platform/[locale]/dev/outbox': () => '/dev/outbox',
  '/platform/[locale]/dev/sign-in': () => '/dev/sign-in',
  '/platform/[locale]/request': () => '/request',
  '/platform/[locale]/sign-in': () => '/sign-in',
  '/platform/[locale]/sign-in/check-email': () => '/sign-in/check-email',
  '/_global-error': () => '',
  '/_not-found': () => '',
};

/** Route handlers: the path on a tenant host for GET (null: no GET), every method the file exports. */
export const API_MATRIX: Record<string, PagePath | null> = {
  '/api/auth/[...nextauth]': () => '/api/auth/session',
  '/api/branding/[asset]': () => '/api/branding/logo',
  '/api/frameworks/[framework]/applications.csv': (i) => `/api/frameworks/${i.framework}/applications.csv`,
  '/api/health': () => '/api/health',
  '/api/projects/[project]/shortlist.csv': (i) => `/api/projects/${i.project}/shortlist.csv`,
  '/api/projects/[project]/shortlist.xlsx': (i) => `/api/projects/${i.project}/shortlist.xlsx`,
  '/api/open-data/[dataset]': () => '/api/open-data/contracts.csv',
  '/api/og': () => '/api/og?locale=en',
  '/robots.txt': () => '/robots.txt',
  '/sitemap.xml': () => '/sitemap.xml',
  '/api/contracts/[contract]/pdf': (i) => `/api/contracts/${i.contract}/pdf`,
  '/api/documents/[file]': (i) => `/api/documents/${i.document}`,
  '/api/contracts/[contract]/statements/[statement]/pdf': (i) => `/api/contracts/${i.contract}/statements/${i.statement}/pdf`,
  '/api/ocds/records/[ocid]': (i) => `/api/ocds/records/${encodeURIComponent(i.ocid)}`,
  '/api/ocds/releases': () => '/api/ocds/releases',
  '/api/ocds/releases.jsonl': () => '/api/ocds/releases.jsonl',
  '/api/opportunities/[opportunity]/responses.csv': (i) => `/api/opportunities/${i.opportunity}/responses.csv`,
  // Platform administrators only, on the root domain (checked in the platform test).
  '/api/platform/tenants/[slug]/export': (i) => `/api/platform/tenants/${i.tenantSlug}/export`,
  '/api/platform/tenants/import': null,
  // Signed by Stripe, exempt from the Origin check (modules/security/csrf.ts).
  '/api/stripe/webhook': null,
};

/**
 * Server actions by `file#export`: the form fields each reads. `selfService` actions may legitimately change a
 * tenant for any signed-in person there (registering a supplier, asking to join an organisation, demo sign-in).
 */
export const ACTION_MATRIX: Record<
  string,
  { fields: (keyof Ids | string)[]; selfService?: boolean; as?: 'anonymous' | 'supplier' | 'buyer' | 'admin'; platform?: boolean }
> = {
  'modules/auth/actions.ts#signOutAction': { fields: [], as: 'buyer' },
  'modules/auth/actions.ts#requestSignInLink': { fields: ['email', 'locale', 'next'], selfService: true, as: 'anonymous' },
  'modules/auth/demo-sign-in.ts#demoSignIn': { fields: ['userId'], selfService: true, as: 'anonymous' },
  'modules/catalogue/alert-actions.ts#deleteAlertAction': { fields: ['alert'], as: 'buyer' },
  'modules/catalogue/alert-actions.ts#createAlertAction': { fields: ['search'], selfService: true, as: 'buyer' },
  'modules/buyers/actions.ts#joinByDomainAction': { fields: [], selfService: true, as: 'buyer' },
  'modules/buyers/actions.ts#createOrganisationAction': { fields: ['name', 'organisationType', 'emailDomains'], as: 'admin' },
  'modules/buyers/actions.ts#decideAccessAction': { fields: ['request', 'decision'], as: 'admin' },
  'modules/buyers/actions.ts#requestAccessAction': { fields: ['organisation', 'reason'], selfService: true, as: 'supplier' },
  'modules/frameworks/actions.ts#saveScheduleAction': { fields: ['framework'], as: 'admin' },
  'modules/frameworks/actions.ts#createFrameworkAction': { fields: ['slug', 'source'], as: 'admin' },
  'modules/frameworks/actions.ts#overrideStatusAction': { fields: ['framework', 'status', 'reason'], as: 'admin' },
  'modules/frameworks/actions.ts#saveDefinitionAction': { fields: ['framework', 'definition', 'baseVersion'], as: 'admin' },
  'modules/frameworks/actions.ts#saveLotsAction': { fields: ['framework', 'baseVersion'], as: 'admin' },
  'modules/frameworks/clarification-actions.ts#answerClarificationAction': { fields: ['framework', 'question', 'answer'], as: 'admin' },
  'modules/frameworks/clarification-actions.ts#askClarificationAction': { fields: ['framework', 'question'], as: 'supplier' },
  'modules/applications/assessment-actions.ts#signAgreementAction': { fields: ['framework', 'authority', 'signerName', 'signerRole'], as: 'supplier' },
  'modules/applications/assessment-actions.ts#extendDeadlineAction': { fields: ['framework', 'supplier', 'date', 'time', 'reason'], as: 'admin' },
  'modules/applications/assessment-actions.ts#decideAction': { fields: ['framework', 'supplier', 'result', 'reason'], as: 'admin' },
  'modules/applications/assessment-actions.ts#publishServicesAction': { fields: ['framework'], as: 'admin' },
  'modules/applications/assessment-actions.ts#countersignAction': { fields: ['framework', 'supplier'], as: 'admin' },
  'modules/applications/assessment-actions.ts#runAssessmentAction': { fields: ['framework'], as: 'admin' },
  'modules/applications/live-edit-actions.ts#decideLiveEditAction': { fields: ['framework', 'service', 'decision'], as: 'admin' },
  'modules/direct-award/actions.ts#createProjectAction': { fields: ['name', 'search'], as: 'buyer' },
  'modules/direct-award/actions.ts#endSearchAction': { fields: ['project', 'confirm'], as: 'buyer' },
  'modules/direct-award/actions.ts#recordOutcomeAction': { fields: ['project', 'result', 'service', 'value', 'startDate', 'endDate'], as: 'buyer' },
  'modules/applications/actions.ts#startApplicationAction': { fields: ['framework'], as: 'supplier' },
  'modules/applications/actions.ts#prefillSectionAction': { fields: ['framework', 'section'], as: 'supplier' },
  'modules/applications/actions.ts#answerInvitationAction': { fields: ['supplier', 'decision'], as: 'supplier' },
  'modules/applications/actions.ts#saveServiceAction': { fields: ['framework', 'service', 'intent'], as: 'supplier' },
  'modules/applications/actions.ts#inviteTeamMemberAction': { fields: ['email'], as: 'supplier' },
  'modules/applications/actions.ts#addServiceAction': { fields: ['framework', 'lot'], as: 'supplier' },
  'modules/applications/actions.ts#saveDeclarationAction': { fields: ['framework', 'section'], as: 'supplier' },
  'modules/applications/actions.ts#registerSupplierAction': {
    fields: ['legalName', 'registrationNumber', 'organisationSize', 'region', 'description'],
    selfService: true,
    as: 'buyer',
  },
  'modules/applications/actions.ts#submitApplicationAction': { fields: ['framework'], as: 'supplier' },
  'modules/applications/actions.ts#saveLiveServiceAction': { fields: ['framework', 'service'], as: 'supplier' },
  'modules/buyers/team-actions.ts#createTeamAction': { fields: ['name'], as: 'buyer' },
  'modules/buyers/team-actions.ts#teamMembershipAction': { fields: ['team', 'membership'], as: 'buyer' },
  'modules/onboarding/oidc-actions.ts#signInWithOidcAction': { fields: ['next'], as: 'anonymous', selfService: true },
  'modules/onboarding/oidc-actions.ts#saveOidcAction': { fields: ['issuer', 'clientId', 'clientSecret'], as: 'admin' },
  'modules/onboarding/settings-actions.ts#saveSettingsAction': { fields: ['section'], as: 'admin' },
  'modules/onboarding/settings-actions.ts#inviteMemberAction': { fields: ['email', 'role'], as: 'admin' },
  'modules/onboarding/settings-actions.ts#memberAction': { fields: ['user', 'role'], as: 'admin' },
  'modules/opendata/guidance-actions.ts#saveGuidanceAction': { fields: ['page', 'content', 'markdown'], as: 'admin' },
  'modules/notifications/actions.ts#saveNotificationSettingsAction': { fields: ['provider', 'apiKey', 'templates'], as: 'admin' },
  'modules/ocds/actions.ts#publishCurrentDataAction': { fields: [], as: 'admin' },
  'modules/ocds/actions.ts#importOcdsAction': { fields: ['file'], as: 'admin' },
  'modules/contracts/actions.ts#saveTermsAction': { fields: ['contract', 'lock', 'mode', 'reason'], as: 'buyer' },
  'modules/contracts/actions.ts#withdrawVariationAction': { fields: ['contract', 'documentVersion', 'lock'], as: 'buyer' },
  'modules/contracts/actions.ts#createStatementAction': { fields: ['contract', 'lock', 'scope', 'title'], as: 'buyer' },
  'modules/contracts/actions.ts#sendForSignatureAction': { fields: ['contract', 'lock'], as: 'buyer' },
  'modules/contracts/actions.ts#terminateAction': { fields: ['contract', 'date', 'lock', 'reason'], as: 'buyer' },
  'modules/contracts/actions.ts#signAction': { fields: ['contract', 'documentVersion', 'name', 'role', 'side', 'statement'], as: 'supplier' },
  'modules/opportunities/actions.ts#opportunityAlertsAction': { fields: ['alerts'], as: 'supplier' },
  'modules/opportunities/actions.ts#saveOpportunitySectionAction': { fields: ['opportunity', 'section', 'version'], as: 'buyer' },
  'modules/opportunities/actions.ts#copyOpportunityAction': { fields: ['opportunity'], as: 'buyer' },
  'modules/opportunities/actions.ts#completeAwardAction': { fields: ['opportunity', 'value', 'startDate', 'endDate'], as: 'buyer' },
  'modules/opportunities/actions.ts#chooseWinnerAction': { fields: ['opportunity', 'response'], as: 'buyer' },
  'modules/opportunities/actions.ts#askQuestionAction': { fields: ['opportunity', 'question'], as: 'supplier' },
  'modules/opportunities/actions.ts#publishOpportunityAction': { fields: ['opportunity', 'confirm', 'lengthDays', 'version'], as: 'buyer' },
  'modules/opportunities/actions.ts#endOpportunityAction': { fields: ['opportunity', 'outcome', 'reason'], as: 'buyer' },
  'modules/opportunities/actions.ts#saveResponseAction': { fields: ['opportunity', 'intent', 'price'], as: 'supplier' },
  'modules/opportunities/actions.ts#answerQuestionAction': { fields: ['opportunity', 'question', 'answer'], as: 'buyer' },
  'modules/opportunities/actions.ts#evaluateResponseAction': { fields: ['opportunity', 'response', 'technical', 'cultural', 'price', 'shortlisted', 'notes'], as: 'buyer' },
  'modules/opportunities/actions.ts#createOpportunityAction': { fields: ['placement', 'title'], as: 'buyer' },
  // The operator's console (platform administrators) and the public marketplace request: not tenant actions.
  'modules/onboarding/actions.ts#startDraftAction': { fields: [], platform: true },
  'modules/onboarding/actions.ts#saveWizardStepAction': { fields: ['draft', 'step'], platform: true },
  'modules/onboarding/actions.ts#submitDraftAction': { fields: ['draft'], platform: true },
  'modules/onboarding/signup-actions.ts#selfServeSignupEnabled': { fields: [], platform: true, selfService: true },
  'modules/onboarding/signup-actions.ts#approveSignupAction': { fields: ['draft'], platform: true },
  'modules/onboarding/signup-actions.ts#requestMarketplaceAction': { fields: [], platform: true, selfService: true },
  'modules/billing/actions.ts#billingAction': { fields: ['tenant'], platform: true },
  'modules/onboarding/console-actions.ts#changeTenantStatusAction': { fields: ['tenant', 'status'], platform: true },
  'modules/onboarding/console-actions.ts#deleteTenantAction': { fields: ['tenant', 'confirm'], platform: true },
  'modules/onboarding/platform-auth-actions.ts#demoPlatformSignIn': { fields: ['userId'], platform: true, selfService: true },
};

/** Values for fields that are not object ids (the ids come from the tenant being attacked). */
export const PLAIN_FIELD_VALUES: Record<string, string> = {
  email: 'matrix@example.org',
  locale: 'en',
  next: '/en/account',
  search: 'q=cloud',
  name: 'Matrix organisation',
  organisationType: 'local',
  emailDomains: 'matrix.example',
  decision: 'approve',
  reason: 'Cross-tenant matrix',
  slug: 'matrix-framework',
  source: 'template:catalogue',
  status: 'open',
  definition: '{}',
  answer: 'Matrix answer',
  authority: 'on',
  signerName: 'Matrix Signer',
  signerRole: 'Director',
  date: '2030-01-01',
  time: '17:00',
  result: 'pass',
  confirm: 'yes',
  value: '1000',
  startDate: '2030-01-01',
  endDate: '2030-12-31',
  intent: 'save',
  legalName: 'Matrix Ltd',
  registrationNumber: '12345678',
  organisationSize: 'small',
  region: 'Wales',
  description: 'Matrix',
  service: '',
  baseVersion: '1',
  page: 'how-to-sell',
  content: 'en',
  markdown: '## Matrix',
  team: '00000000-0000-4000-8000-000000000000',
  membership: 'join',
  user: '00000000-0000-4000-8000-000000000000',
  issuer: 'https://matrix.example',
  clientId: 'matrix',
  clientSecret: 'matrix-secret',
  lock: '1',
  documentVersion: '1',
  mode: 'edit',
  scope: 'Matrix scope',
  title: 'Matrix title',
  role: 'Director',
  side: 'supplier',
  alerts: 'on',
  version: '1',
  outcome: 'cancelled',
  lengthDays: '14',
  price: '100',
  technical: '50',
  cultural: '30',
  shortlisted: 'on',
  notes: 'Matrix',
  placement: 'x',
  provider: 'smtp',
  apiKey: 'x',
  templates: '{}',
  file: '{}',
  step: 'authority',
  tenant: 'uk',
};

interface BuiltManifest {
  pages: string[];
  handlers: string[];
  actions: { key: string; id: string; workers: string[] }[];
}

/** `/[tenant]/[locale]/(admin)/admin/page` → `/[tenant]/[locale]/admin`. */
export function routePattern(manifestKey: string): string {
  const path = manifestKey
    .replace(/\/(page|route)$/, '')
    .split('/')
    .filter((s) => !/^\(.*\)$/.test(s))
    .join('/');
  return path || '/';
}

export function builtManifest(): BuiltManifest {
  const paths = JSON.parse(readFileSync('.next/server/app-paths-manifest.json', 'utf8')) as Record<string, string>;
  const refs = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const pages = Object.keys(paths).filter((k) => k.endsWith('/page')).map(routePattern);
  const handlers = Object.keys(paths).filter((k) => k.endsWith('/route')).map(routePattern);
  const actions = Object.entries(refs.node).map(([id, ref]) => ({
    key: `${ref.filename}#${ref.exportedName}`,
    id,
    workers: Object.keys(ref.workers),
  }));
  return { pages, handlers, actions };
}

/** Methods a route handler file exports (`export async function POST` or `export const { GET, POST } = …`). */
export function handlerMethods(pattern: string): string[] {
  // A handler that renders JSX (e.g. the Open Graph image) is a route.tsx.
  const file = existsSync(`app${pattern}/route.ts`) ? `app${pattern}/route.ts` : `app${pattern}/route.tsx`;
  const source = readFileSync(file, 'utf8');
  const methods = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(',').map((s) => s.trim().split(':')[0]!.trim())) if (/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name)) methods.add(name);
  }
  for (const m of source.matchAll(/export\s+const\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
  return [...methods].sort();
}

/** Number of parameters an action takes: 2 means (previousState, formData) through useActionState. */
export function actionArity(key: string): number {
  const [file, name] = key.split('#') as [string, string];
  const source = readFileSync(file, 'utf8');
  const match = new RegExp(`export\\s+async\\s+function\\s+${name}\\s*\\(([^)]*)\\)`).exec(source);
  const params = match?.[1]?.trim() ?? '';
  return params ? params.split(/,(?![^<]*>)/).filter((p) => p.trim()).length : 0;
}

/** A page path (tenant-relative, after the locale) where the action is mounted, from its worker list. */
export function actionPagePath(workers: string[], ids: Ids): string | null {
  for (const worker of workers) {
    const pattern = routePattern(worker.replace(/^app/, ''));
    const build = PAGE_MATRIX[pattern];
    if (build && pattern.startsWith('/[tenant]/[locale]')) return build(ids);
  }
  return null;
}
