import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { frameworks, supplierFrameworks, suppliers } from '@/db/schema/tenant';
import { ocdsProcesses } from '@/db/schema/tenant-ocds';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { ZFrameworkSchedule } from '@/modules/frameworks/lifecycle';
import { createFramework } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { localDate } from '@/modules/frameworks/zoned-time';
import { compileReleases } from './merge';
import type { Json, JsonObject, Release } from './types';
import { validateRecordPackage, validateReleasePackage, validatorsFor, type ValidationIssue } from './validate';

/*
 * Import of an existing framework and its awards from an OCDS release or record package (e.g. from Contracts
 * Finder or Find a Tender), so an authority brings its current frameworks when it onboards. The file is validated
 * first (official schema, declared extensions, the extra checks); then each contracting process whose compiled
 * release is a framework agreement becomes a framework with its lots, and each supplier of an active award is
 * admitted to it. Everything happens in the caller's transaction: any error and nothing is created.
 * The imported process keeps its original ocid (we are not its publisher): call-offs link to it.
 */

/** Server actions accept bodies up to 1 MB (Next's default): the form says so. */
export const IMPORT_MAX_BYTES = 1_000_000;

export interface ImportIssueGroup {
  /** json | structure | schema | uniqueness | reference | prefix | extension | content */
  kind: string;
  count: number;
  samples: { path: string; message: string }[];
}

export type ImportResult =
  | { ok: true; frameworks: { slug: string; ocid: string; lots: number; suppliers: number }[] }
  | { ok: false; groups: ImportIssueGroup[] };

export function groupIssues(issues: { path: string; kind: string; message: string }[], samplesPerGroup = 10): ImportIssueGroup[] {
  const groups = new Map<string, ImportIssueGroup>();
  for (const issue of issues) {
    const group = groups.get(issue.kind) ?? { kind: issue.kind, count: 0, samples: [] };
    group.count++;
    if (group.samples.length < samplesPerGroup) group.samples.push({ path: issue.path, message: issue.message });
    groups.set(issue.kind, group);
  }
  return [...groups.values()];
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

class ImportProblem extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.path} ${i.message}`).join('; '));
  }
}

/** Parses and validates; returns compiled releases per ocid, or the grouped issues. */
export function readPackage(text: string): { ok: true; compiled: JsonObject[] } | { ok: false; groups: ImportIssueGroup[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, groups: groupIssues([{ path: '/', kind: 'json', message: (error as Error).message.slice(0, 200) }]) };
  }
  if (!isObject(data) || (!Array.isArray(data.releases) && !Array.isArray(data.records))) {
    return { ok: false, groups: groupIssues([{ path: '/', kind: 'structure', message: 'not an OCDS release package (releases[]) or record package (records[])' }]) };
  }
  const isRecords = Array.isArray(data.records);
  const result = isRecords ? validateRecordPackage(data) : validateReleasePackage(data);
  if (!result.valid) return { ok: false, groups: groupIssues(result.issues) };
  const extensions = (Array.isArray(data.extensions) ? data.extensions : []).filter((e): e is string => typeof e === 'string');
  const rules = validatorsFor(extensions).rules;
  const compiled: JsonObject[] = [];
  if (isRecords) {
    for (const record of data.records as JsonObject[]) {
      const embedded = Array.isArray(record.releases) ? (record.releases as JsonObject[]).filter((r) => isObject(r) && 'ocid' in r) : [];
      if (isObject(record.compiledRelease)) compiled.push(record.compiledRelease);
      else if (embedded.length > 0) compiled.push(compileReleases(embedded as Release[], rules));
    }
  } else {
    const byOcid = new Map<string, Release[]>();
    for (const release of data.releases as Release[]) byOcid.set(release.ocid, [...(byOcid.get(release.ocid) ?? []), release]);
    for (const releases of byOcid.values()) compiled.push(compileReleases(releases, rules));
  }
  return { ok: true, compiled };
}

function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return /^[a-z][a-z0-9-]{1,62}$/.test(slug) ? slug : `${fallback}-${slug}`.slice(0, 60).replace(/-+$/, '');
}

const METHOD_ROUTES: Record<string, ('direct_award' | 'further_competition')[]> = {
  withoutReopeningCompetition: ['direct_award'],
  withReopeningCompetition: ['further_competition'],
  withAndWithoutReopeningCompetition: ['direct_award', 'further_competition'],
};

function text(value: Json | undefined): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function instant(value: Json | undefined): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Questions of the catalogue template without lot restrictions: the imported lots are new. */
function stripLots(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripLots);
  if (!isObject(node)) return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'lots').map(([k, v]) => [k, stripLots(v)]));
}

/** Dates of the framework from the tender's periods, completed and put in order where the file is silent. */
function scheduleFrom(compiled: JsonObject, tender: JsonObject, timeZone: string) {
  const period = (p: Json | undefined) => (isObject(p) ? { start: instant(p.startDate), end: instant(p.endDate) } : { start: undefined, end: undefined });
  const techniques = isObject(tender.techniques) ? tender.techniques : {};
  const agreement = isObject(techniques.frameworkAgreement) ? techniques.frameworkAgreement : {};
  const tenderPeriod = period(tender.tenderPeriod);
  const contract = period(agreement.period ?? tender.contractPeriod);
  const awardDates = (Array.isArray(compiled.awards) ? compiled.awards : []).map((a) => (isObject(a) ? instant(a.date) : undefined)).filter((d): d is Date => Boolean(d));
  const releaseDate = instant(compiled.date) ?? new Date();
  const open = tenderPeriod.start ?? tenderPeriod.end ?? contract.start ?? releaseDate;
  const close = max(open, tenderPeriod.end ?? open);
  const clarifications = max(open, min(close, period(tender.enquiryPeriod).end ?? close));
  const award = max(close, period(tender.awardPeriod).start ?? awardDates.sort((a, b) => a.getTime() - b.getTime())[0] ?? close);
  const live = max(award, contract.start ?? award);
  const expires = max(live, contract.end ?? new Date(live.getTime() + 4 * 365 * 86_400_000));
  const day = (d: Date) => localDate(d, timeZone);
  return ZFrameworkSchedule.parse({
    applicationsOpen: day(open),
    clarificationsClose: day(clarifications),
    applicationsClose: day(close),
    intentionToAward: day(award),
    live: day(live),
    expires: day(expires),
    deadlineTime: '17:00',
  });
}

const max = (a: Date, b: Date) => (b > a ? b : a);
const min = (a: Date, b: Date) => (b < a ? b : a);

const SCALE_TO_SIZE: Record<string, string> = { micro: 'micro', sme: 'small', large: 'large', selfEmployed: 'micro' };

async function admitSupplier(tx: TenantTx, party: JsonObject | undefined, ref: JsonObject, frameworkId: string, awardDate: Date, actor: string): Promise<void> {
  const identifier = party && isObject(party.identifier) ? party.identifier : {};
  const scheme = text(identifier.scheme) ?? 'other';
  const number = text(identifier.id === undefined || identifier.id === null ? undefined : String(identifier.id)) ?? String(ref.id);
  const name = text(identifier.legalName) ?? text(party?.name) ?? text(ref.name) ?? number;
  const details = party && isObject(party.details) ? party.details : {};
  const address = party && isObject(party.address) ? party.address : {};
  let [supplier] = await tx
    .select({ id: suppliers.id })
    .from(suppliers)
    .where(and(eq(suppliers.registrationScheme, scheme), eq(suppliers.registrationNumber, number)))
    .limit(1);
  if (!supplier) {
    [supplier] = await tx
      .insert(suppliers)
      .values({
        legalName: name.slice(0, 200),
        registrationScheme: scheme.slice(0, 40),
        registrationNumber: number.slice(0, 40),
        organisationSize: SCALE_TO_SIZE[String(details.scale)] ?? 'medium',
        region: text(address.region)?.slice(0, 80) ?? null,
      })
      .returning({ id: suppliers.id });
    await recordAuditEvent(tx, { type: 'supplier.imported', actorUserId: actor, objectType: 'supplier', objectId: supplier!.id, data: { scheme, number } });
  }
  await tx
    .insert(supplierFrameworks)
    .values({
      supplierId: supplier!.id,
      frameworkId,
      declarationStatus: 'complete',
      result: 'pass',
      resultReason: 'imported',
      agreementSignedAt: awardDate,
      agreementCountersignedAt: awardDate,
    })
    .onConflictDoNothing();
}

/** Creates the frameworks, lots and admitted suppliers of a validated package; throws ImportProblem on content errors. */
async function importCompiled(tx: TenantTx, compiled: JsonObject[], options: { locale: string; timeZone: string; actor: string }) {
  const issues: ValidationIssue[] = [];
  const candidates = compiled.filter((c) => isObject(c.tender) && isObject(c.tender.techniques) && c.tender.techniques.hasFrameworkAgreement === true);
  if (candidates.length === 0) {
    throw new ImportProblem([{ path: '/', kind: 'content', message: 'no contracting process in this file is a framework agreement (tender.techniques.hasFrameworkAgreement)' }]);
  }
  const created: { slug: string; ocid: string; lots: number; suppliers: number }[] = [];
  for (const process of candidates) {
    const ocid = String(process.ocid);
    const tender = process.tender as JsonObject;
    const [existing] = await tx.select().from(ocdsProcesses).where(eq(ocdsProcesses.ocid, ocid)).limit(1);
    if (existing) {
      issues.push({ path: `/${ocid}`, kind: 'content', message: `the contracting process ${ocid} is already in this marketplace` });
      continue;
    }
    const title = text(process.title) ?? text(tender.title) ?? ocid;
    const techniques = tender.techniques as JsonObject;
    const agreementMethod = isObject(techniques.frameworkAgreement) ? String(techniques.frameworkAgreement.method ?? '') : '';
    const lotsIn = (Array.isArray(tender.lots) ? tender.lots : []).filter(isObject);
    const lotSlugs = new Map<string, string>();
    const lots = (lotsIn.length > 0 ? lotsIn : [{ id: 'lot-1', title }]).map((lot, i) => {
      let slug = slugify(text(lot.title) ?? String(lot.id), 'lot');
      while ([...lotSlugs.values()].includes(slug)) slug = `${slug.slice(0, 55)}-${i + 1}`;
      lotSlugs.set(String(lot.id), slug);
      const lotTechniques = isObject(lot.techniques) && isObject(lot.techniques.frameworkAgreement) ? String(lot.techniques.frameworkAgreement.method ?? '') : '';
      return {
        slug,
        name: { [options.locale]: (text(lot.title) ?? String(lot.id)).slice(0, 2000) },
        ...(text(lot.description) ? { description: { [options.locale]: text(lot.description)!.slice(0, 2000) } } : {}),
        awardRoutes: METHOD_ROUTES[lotTechniques] ?? METHOD_ROUTES[agreementMethod] ?? ['direct_award'],
        oneServicePerSupplier: false,
      };
    });
    const template = stripLots(structuredClone(FRAMEWORK_TEMPLATES.catalogue)) as JsonObject;
    const furtherCompetition = lots.some((l) => l.awardRoutes.includes('further_competition'));
    const definition = ZFrameworkDefinition.parse({
      ...template,
      name: { [options.locale]: title.slice(0, 2000) },
      ...(text(tender.description) ? { description: { [options.locale]: text(tender.description)!.slice(0, 2000) } } : { description: undefined }),
      lots,
      ...(furtherCompetition && !template.scoring ? { scoring: { technical: 60, cultural: 20, price: 20 } } : {}),
    });
    let slug = slugify(title, 'framework');
    for (let n = 2; (await tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.slug, slug)).limit(1)).length > 0; n++) {
      slug = `${slugify(title, 'framework').slice(0, 55)}-${n}`;
    }
    const frameworkId = randomUUID();
    // The process is someone else's: recorded first, so creating the framework does not publish it under our prefix.
    await tx.insert(ocdsProcesses).values({ objectType: 'framework', objectId: frameworkId, ocid, external: true });
    await createFramework(tx, {
      id: frameworkId,
      slug,
      name: { [options.locale]: title.slice(0, 150) },
      definition,
      schedule: scheduleFrom(process, tender, options.timeZone),
      basedOn: `ocds:${ocid}`,
      actorUserId: options.actor,
    });
    const parties = new Map((Array.isArray(process.parties) ? process.parties : []).filter(isObject).map((p) => [String(p.id), p]));
    let admitted = 0;
    for (const award of (Array.isArray(process.awards) ? process.awards : []).filter(isObject)) {
      if (award.status !== undefined && award.status !== null && award.status !== 'active') continue;
      const date = instant(award.date) ?? instant(process.date) ?? new Date();
      for (const ref of (Array.isArray(award.suppliers) ? award.suppliers : []).filter(isObject)) {
        await admitSupplier(tx, parties.get(String(ref.id)), ref, frameworkId, date, options.actor);
        admitted++;
      }
    }
    await recordAuditEvent(tx, { type: 'ocds.framework_imported', actorUserId: options.actor, objectType: 'framework', objectId: slug, data: { ocid, lots: lots.length, suppliers: admitted } });
    created.push({ slug, ocid, lots: lots.length, suppliers: admitted });
  }
  if (issues.length > 0) throw new ImportProblem(issues);
  return created;
}

/**
 * Validates, then imports in one transaction of the tenant: a content problem throws inside it (so nothing
 * created so far is kept) and comes back as grouped issues.
 */
export async function importOcdsPackage(tenant: { slug: string }, text: string, options: { locale: string; timeZone: string; actor: string }): Promise<ImportResult> {
  const read = readPackage(text);
  if (!read.ok) return read;
  try {
    return { ok: true, frameworks: await withTenant(tenant, (tx) => importCompiled(tx, read.compiled, options)) };
  } catch (error) {
    if (error instanceof ImportProblem) return { ok: false, groups: groupIssues(error.issues) };
    throw error;
  }
}
