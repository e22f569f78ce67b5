import type postgres from 'postgres';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { applicableQuestions, validateAnswers } from '@/modules/frameworks/answer-validation';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import type { TFrameworkDefinition, TQuestion } from '@/modules/frameworks/definition-schema';
import { round } from './stats';
import { VOCABULARY, type Language, type TextKind, type Vocabulary } from './catalogue-words';

/*
 * Generates the catalogue benchmark's data set straight into a tenant schema: N suppliers and M published
 * services of one framework, with seeded (reproducible) English and French text. Each service starts from one
 * completeDemoAnswers() template per lot (too slow to call per row: ~0.3-0.8 ms), gets its text and facet
 * answers varied, and then passes validateAnswers() like a real submission (~0.05-0.15 ms), which also drops
 * follow-up answers whose parent answer no longer shows them. Rows go in as multi-row INSERT … SELECT FROM
 * jsonb_array_elements($1) (one parameter per batch, works on PGlite too), so the search_document trigger runs
 * exactly as in production.
 */

export interface GenerateOptions {
  slug: string;
  frameworkId: string;
  definition: TFrameworkDefinition;
  services: number;
  suppliers: number;
  /** Share of suppliers (and so of services) writing in French; the rest write in English. */
  frenchShare: number;
  seed: number;
  regions: string[];
  log: (line: string) => void;
}

export interface GenerationReport {
  services: number;
  suppliers: number;
  servicesByLanguage: Record<Language, number>;
  servicesByLot: Record<string, number>;
  /** Per call, measured while generating: why the generator validates per row but completes per lot. */
  completeDemoAnswersMs: number;
  validateAnswersMs: number;
  meanAnswersBytes: number;
  seconds: { suppliers: number; services: number; generateCpu: number; analyze: number; total: number };
}

export type Rng = () => number;

/** mulberry32: small, fast, seeded. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Skewed pick: the head of each list is more common than its tail, as in real listings (Zipf-like). */
function pick<T>(rng: Rng, list: readonly T[], skew = 1.6): T {
  return list[Math.min(list.length - 1, Math.floor(list.length * rng() ** skew))]!;
}

function uniform<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A v4-shaped UUID from the seeded generator, so reruns produce the same ids (and tie-break order). */
function seededUuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function fill(rng: Rng, v: Vocabulary, template: string, product: string): string {
  return capitalise(
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case 'product':
          return product;
        case 'adj':
          return pick(rng, v.adjectives);
        case 'audience':
          return pick(rng, v.audiences);
        case 'goal':
          return pick(rng, v.goals);
        case 'feature':
          return pick(rng, v.features, 1.3);
        case 'benefit':
          return pick(rng, v.benefits);
        case 'platform':
          return pick(rng, v.platforms);
        case 'hours':
          return String(uniform(rng, [1, 2, 4, 8, 24]));
        case 'days':
          return String(uniform(rng, [14, 30, 60, 90]));
        case 'percent':
          return uniform(rng, ['99.9', '99.95', '99.99', '99.5']);
        default:
          return key;
      }
    }),
  );
}

/** Text fields of the catalogue template by kind; any other textarea gets generic sentences. */
const TEXT_KINDS: Record<string, TextKind> = {
  serviceDescription: 'description',
  supportLevels: 'supportLevels',
  onboarding: 'onboarding',
  offboarding: 'offboarding',
  apiDescription: 'api',
  resilienceApproach: 'resilience',
  freeTrialDescription: 'freeTrial',
  trainingDescription: 'training',
};

function clipWords(text: string, maxWords: number, maxLength: number): string {
  const words = text.split(/\s+/).slice(0, maxWords);
  let out = words.join(' ');
  while (out.length > maxLength && words.length > 1) {
    words.pop();
    out = words.join(' ');
  }
  return out;
}

interface SupplierRow {
  id: string;
  legal_name: string;
  registration_scheme: string;
  registration_number: string;
  organisation_size: string;
  region: string | null;
  description: string;
  created_at: string;
  language: Language;
  domain: string;
}

function makeSuppliers(rng: Rng, count: number, frenchShare: number, regions: string[]): SupplierRow[] {
  const used = new Set<string>();
  const rows: SupplierRow[] = [];
  for (let i = 0; i < count; i++) {
    const language: Language = rng() < frenchShare ? 'fr' : 'en';
    const v = VOCABULARY[language];
    let name = '';
    for (let attempt = 0; attempt < 20 && (!name || used.has(name)); attempt++) {
      const base =
        rng() < 0.5
          ? `${uniform(rng, v.companyPlaces)} ${uniform(rng, v.companyTrades)}`
          : language === 'fr'
            ? `${uniform(rng, v.companyTrades)} ${uniform(rng, v.brandHeads)}${uniform(rng, v.brandTails)}`
            : `${uniform(rng, v.brandHeads)}${uniform(rng, v.brandTails)} ${uniform(rng, v.companyTrades)}`;
      name = `${base}${attempt > 2 ? ` ${attempt}` : ''} ${uniform(rng, v.companyForms)}`;
    }
    used.add(name);
    // Suppliers early in the list are bigger and (through the skewed pick below) list more services.
    const position = i / count;
    const size = position < 0.12 ? 'large' : position < 0.3 ? 'medium' : position < 0.6 ? 'small' : 'micro';
    rows.push({
      id: seededUuid(rng),
      legal_name: name,
      registration_scheme: 'GB-COH',
      registration_number: String(intBetween(rng, 1_000_000, 99_999_999)).padStart(8, '0'),
      organisation_size: size,
      region: regions.length ? uniform(rng, regions) : null,
      description: fill(rng, v, uniform(rng, v.supplierBlurb), ''),
      created_at: new Date(Date.UTC(2020, 0, 1) + Math.floor(rng() * 5 * 365 * 86_400_000)).toISOString(),
      language,
      domain: `${name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.example`,
    });
  }
  return rows;
}

/** Varies one template answer set: text in the supplier's language, facet answers spread over their options. */
function varyAnswers(
  rng: Rng,
  template: Record<string, unknown>,
  questions: TQuestion[],
  lot: string,
  supplier: SupplierRow,
  titleQuestion: string | undefined,
): { answers: Record<string, unknown>; product: string } {
  const v = VOCABULARY[supplier.language];
  const products = v.products[lot];
  if (!products) throw new Error(`no product names for lot ${lot} (catalogue-words.ts knows ${Object.keys(v.products).join(', ')})`);
  const product = pick(rng, products, 1.2);
  const answers: Record<string, unknown> = { ...template };
  for (const q of questions) {
    if (!(q.id in template)) continue;
    switch (q.type) {
      case 'text': {
        if (q.id === titleQuestion) {
          const brand = `${uniform(rng, v.brandHeads)}${uniform(rng, v.brandTails)}`;
          answers[q.id] = (rng() < 0.5 ? `${brand} ${product}` : product).slice(0, q.maxLength);
        } else if (q.pattern?.includes('@')) answers[q.id] = `support@${supplier.domain}`;
        else if (q.pattern?.startsWith('https')) answers[q.id] = `https://docs.${supplier.domain}/api`;
        else if (q.pattern) answers[q.id] = `+44 20 7946 ${String(intBetween(rng, 0, 9999)).padStart(4, '0')}`;
        else answers[q.id] = uniform(rng, v.vendors).slice(0, q.maxLength);
        break;
      }
      case 'textarea': {
        const kind = TEXT_KINDS[q.id] ?? 'generic';
        const sentences = Array.from({ length: kind === 'description' ? intBetween(rng, 1, 2) : intBetween(rng, 1, 3) }, () =>
          fill(rng, v, uniform(rng, v.sentences[kind]), product),
        );
        // A handful of services mention a specialist word: the "rare word" query finds a few dozen.
        if (kind === 'description' && rng() < 0.004) sentences.push(`${capitalise(uniform(rng, v.rare))}.`);
        answers[q.id] = clipWords(sentences.join(' '), q.maxWords, q.maxLength ?? q.maxWords * 12);
        break;
      }
      case 'list': {
        const source = q.id === 'serviceBenefits' ? v.benefits : q.id === 'platformsSupported' ? v.platforms : q.id === 'certificationsOther' ? v.certifications : v.features;
        const n = intBetween(rng, Math.max(1, q.minItems), Math.min(q.maxItems, 6));
        const items = new Set<string>();
        for (let i = 0; i < n * 2 && items.size < n; i++) items.add(capitalise(clipWords(pick(rng, source, 1.3), q.maxWordsPerItem, q.maxItemLength)));
        answers[q.id] = [...items];
        break;
      }
      case 'radios':
        // Skewed towards the first options ("in-country", "not-reseller"…), as real answers are.
        answers[q.id] = pick(rng, q.options, 1.8).value;
        break;
      case 'checkboxes': {
        const min = q.minItems ?? (q.optional ? 0 : 1);
        const max = Math.min(q.maxItems ?? q.options.length, q.options.length, 4);
        const n = intBetween(rng, min, Math.max(min, max));
        const chosen = new Set<string>();
        for (let i = 0; i < n * 3 && chosen.size < n; i++) chosen.add(pick(rng, q.options, 1.4).value);
        answers[q.id] = [...chosen];
        break;
      }
      case 'boolean':
        if (q.requiredValue === undefined) answers[q.id] = rng() < 0.65;
        break;
      case 'number': {
        const max = q.max ?? q.min + 100;
        const n = q.min + rng() * (max - q.min);
        answers[q.id] = q.integerOnly ? Math.round(n) : Math.round(n * 100) / 100;
        break;
      }
      case 'pricing': {
        const min = intBetween(rng, 1, 1500);
        answers[q.id] = {
          min: String(min),
          ...(q.maxPrice === 'required' || (q.maxPrice === 'optional' && rng() < 0.3) ? { max: String(min + intBetween(rng, 10, 2000)) } : {}),
          unit: uniform(rng, q.units),
          ...(q.intervals.length > 0 ? { interval: uniform(rng, q.intervals) } : {}),
        };
        break;
      }
      default:
        // Dates, uploads: the template's valid value.
        break;
    }
  }
  return { answers, product };
}

const SUPPLIER_BATCH = 1000;
const SERVICE_BATCH = 500;
/** Batches in flight: the database works on one while this process generates the next (2 cores). */
const IN_FLIGHT = 2;

export async function generateCatalogue(sql: postgres.Sql, options: GenerateOptions): Promise<GenerationReport> {
  const started = performance.now();
  const schema = quoteIdent(tenantSchemaName(options.slug));
  const rng = seededRng(options.seed);
  const def = options.definition;
  const lots = def.lots.map((l) => l.slug);
  const titleQuestion = def.serviceTitleQuestion;

  const suppliers = makeSuppliers(rng, options.suppliers, options.frenchShare, options.regions);
  const supplierInsert = `insert into ${schema}.suppliers (id, legal_name, registration_scheme, registration_number, organisation_size, region, description, created_at)
    select (r->>'id')::uuid, r->>'legal_name', r->>'registration_scheme', r->>'registration_number', r->>'organisation_size', r->>'region', r->>'description', (r->>'created_at')::timestamptz
    from jsonb_array_elements($1::jsonb) r`;
  for (let i = 0; i < suppliers.length; i += SUPPLIER_BATCH) {
    await sql.unsafe(supplierInsert, [JSON.stringify(suppliers.slice(i, i + SUPPLIER_BATCH))]);
  }
  const suppliersDone = performance.now();
  options.log(`inserted ${suppliers.length} suppliers in ${((suppliersDone - started) / 1000).toFixed(1)} s`);

  // One complete, valid answer set per lot: every follow-up shown (reseller, free trial, API, backups,
  // certifications incl. "other"), so varying a parent can only hide follow-ups, never leave one missing.
  const templates = new Map<string, { answers: Record<string, unknown>; questions: TQuestion[] }>();
  let completeMs = 0;
  for (const lot of lots) {
    const t0 = performance.now();
    const answers = completeDemoAnswers(
      def,
      'services',
      lot,
      { resellingType: 'reseller-with-extras', certifications: ['iso-iec-27001', 'other'], supportEmail: 'support@template.example', supportPhone: '+44 20 7946 0000', apiDocumentationUrl: 'https://docs.template.example/api' },
      'en',
    );
    completeMs += performance.now() - t0;
    templates.set(lot, { answers, questions: applicableQuestions(def, 'services', lot) });
  }

  const serviceInsert = `insert into ${schema}.services (id, supplier_id, framework_id, lot, answers, status, created_at, updated_at)
    select (r->>'i')::uuid, (r->>'s')::uuid, $2::uuid, r->>'l', r->'a', 'published', (r->>'c')::timestamptz, (r->>'u')::timestamptz
    from jsonb_array_elements($1::jsonb) r`;
  const byLanguage: Record<Language, number> = { en: 0, fr: 0 };
  const byLot: Record<string, number> = Object.fromEntries(lots.map((l) => [l, 0]));
  // Lot mix of a typical catalogue: software listings outnumber hosting, support is the smallest.
  const lotWeights = lots.map((l) => (l.includes('software') ? 0.45 : l.includes('hosting') ? 0.35 : 0.2));
  const weightSum = lotWeights.reduce((a, b) => a + b, 0);
  let validateMs = 0;
  let generateMs = 0;
  let answerBytes = 0;
  const inflight = new Set<Promise<unknown>>();
  const now = Date.now();
  for (let i = 0; i < options.services; i += SERVICE_BATCH) {
    const t0 = performance.now();
    const batch: { i: string; s: string; l: string; a: Record<string, unknown>; c: string; u: string }[] = [];
    for (let j = i; j < Math.min(options.services, i + SERVICE_BATCH); j++) {
      const supplier = suppliers[Math.min(suppliers.length - 1, Math.floor(suppliers.length * rng() ** 1.8))]!;
      let r = rng() * weightSum;
      const lot = lots[lotWeights.findIndex((w) => (r -= w) < 0)] ?? lots[0]!;
      const template = templates.get(lot)!;
      const { answers } = varyAnswers(rng, template.answers, template.questions, lot, supplier, titleQuestion);
      const v0 = performance.now();
      const result = validateAnswers(def, 'services', { lot, answers, mode: 'complete' });
      validateMs += performance.now() - v0;
      if (result.errors.length > 0) throw new Error(`generated answers fail validation (${lot}): ${JSON.stringify(result.errors.slice(0, 3))}`);
      const created = now - Math.floor(rng() * 2 * 365 * 86_400_000);
      batch.push({ i: seededUuid(rng), s: supplier.id, l: lot, a: result.answers, c: new Date(created).toISOString(), u: new Date(created + Math.floor(rng() * (now - created))).toISOString() });
      byLanguage[supplier.language]++;
      byLot[lot] = (byLot[lot] ?? 0) + 1;
    }
    const payload = JSON.stringify(batch);
    answerBytes += payload.length;
    generateMs += performance.now() - t0;
    const p = sql.unsafe(serviceInsert, [payload, options.frameworkId]).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= IN_FLIGHT) await Promise.race(inflight);
    if ((i / SERVICE_BATCH) % 40 === 39) options.log(`generated ${i + SERVICE_BATCH} services (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await Promise.all(inflight);
  const servicesDone = performance.now();
  options.log(`inserted ${options.services} services in ${((servicesDone - suppliersDone) / 1000).toFixed(1)} s (of which generating ${(generateMs / 1000).toFixed(1)} s)`);

  await sql.unsafe(`analyze ${schema}.suppliers`);
  await sql.unsafe(`analyze ${schema}.services`);
  const done = performance.now();
  return {
    services: options.services,
    suppliers: suppliers.length,
    servicesByLanguage: byLanguage,
    servicesByLot: byLot,
    completeDemoAnswersMs: round(completeMs / lots.length),
    validateAnswersMs: round(validateMs / options.services, 4),
    meanAnswersBytes: Math.round(answerBytes / options.services),
    seconds: {
      suppliers: round((suppliersDone - started) / 1000, 1),
      services: round((servicesDone - suppliersDone) / 1000, 1),
      generateCpu: round(generateMs / 1000, 1),
      analyze: round((done - servicesDone) / 1000, 1),
      total: round((done - started) / 1000, 1),
    },
  };
}
