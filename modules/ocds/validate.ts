import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { mergeRulesFromSchema, type MergeRules } from './merge';
import type { Json, JsonObject } from './types';

/*
 * Validation against the official OCDS 1.1.5 schemas shipped in modules/ocds/schema (never fetched):
 * ajv's draft-04 class with ajv-formats and the OCDS keywords; declared extensions applied to the release schema
 * as JSON Merge Patches (RFC 7396) from the shipped copies, in the declared order; then the checks JSON Schema
 * cannot do: (ocid, id) unique across the package, ids unique within each array of objects, ocid prefix, and
 * organisation references resolving to a party with the right role.
 * `uniqueItems` is removed from the schemas before compiling: ajv checks it by deep equality in quadratic time
 * (1,000 releases took 37 s) and it misses duplicate ids with different content; the id checks replace it.
 */

const SCHEMA_DIR = path.join(process.cwd(), 'modules', 'ocds', 'schema');
const CORE_RELEASE_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';

/** Extensions shipped with the product: canonical URL (as declared in packages) → folder in schema/extensions. */
export const SHIPPED_EXTENSIONS: Readonly<Record<string, string>> = {
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json': 'ocds_techniques_extension',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json': 'ocds_lots_extension',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/master/extension.json': 'ocds_submissionTerms_extension',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_process_title_extension/master/extension.json': 'ocds_process_title_extension',
};

/** What our own packages declare. Lots needs Submission terms (Lot.submissionTerms refers to its definition). */
export const PUBLISHED_EXTENSIONS: readonly string[] = Object.keys(SHIPPED_EXTENSIONS);

export const OCID_PREFIX_PATTERN = /^ocds-[a-z0-9]{6}$/;

export interface ValidationIssue {
  /** JSON Pointer into the validated document, e.g. /releases/0/tender/status. */
  path: string;
  /** schema | uniqueness | reference | prefix | extension | format */
  kind: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}

const MAX_ISSUES = 200;

function readJson(...parts: string[]): JsonObject {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, ...parts), 'utf8')) as JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7396 JSON Merge Patch. */
export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

function withoutUniqueItems(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutUniqueItems);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'uniqueItems') out[key] = withoutUniqueItems(value);
  return out;
}

export interface Validators {
  extensions: string[];
  releaseSchema: JsonObject;
  release: ValidateFunction;
  releasePackage: ValidateFunction;
  recordPackage: ValidateFunction;
  rules: MergeRules;
}

const cache = new Map<string, Validators>();

export class UnknownExtensionError extends Error {
  constructor(readonly url: string) {
    super(`Extension not shipped with this product: ${url}`);
  }
}

/** The release schema with the given extensions applied, in order. */
export function patchedReleaseSchema(extensions: readonly string[]): JsonObject {
  let schema: Json = readJson('release-schema.json');
  for (const url of extensions) {
    const folder = SHIPPED_EXTENSIONS[url];
    if (!folder) throw new UnknownExtensionError(url);
    schema = applyMergePatch(schema, readJson('extensions', folder, 'release-schema.json'));
  }
  return schema as JsonObject;
}

/** Compiled validators per list of extensions (compiling takes a moment; kept for the process). */
export function validatorsFor(extensions: readonly string[] = PUBLISHED_EXTENSIONS): Validators {
  const key = extensions.join('\n');
  const hit = cache.get(key);
  if (hit) return hit;
  const releaseSchema = patchedReleaseSchema(extensions);
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addVocabulary(['codelist', 'openCodelist', 'omitWhenMerged', 'wholeListMerge', 'versionId', 'deprecated']);
  ajv.addSchema(withoutUniqueItems(releaseSchema) as JsonObject, CORE_RELEASE_ID);
  ajv.addSchema(withoutUniqueItems(readJson('versioned-release-validation-schema.json')) as JsonObject);
  const validators: Validators = {
    extensions: [...extensions],
    releaseSchema,
    release: ajv.getSchema(CORE_RELEASE_ID)!,
    releasePackage: ajv.compile(withoutUniqueItems(readJson('release-package-schema.json')) as JsonObject),
    recordPackage: ajv.compile(withoutUniqueItems(readJson('record-package-schema.json')) as JsonObject),
    rules: mergeRulesFromSchema(releaseSchema),
  };
  if (cache.size > 20) cache.clear();
  cache.set(key, validators);
  return validators;
}

function schemaIssues(errors: ErrorObject[] | null | undefined, base = ''): ValidationIssue[] {
  return (errors ?? []).slice(0, MAX_ISSUES).map((e) => {
    const extra = e.keyword === 'enum' ? ` (${(e.params as { allowedValues?: unknown[] }).allowedValues?.join(', ')})` : e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty?: string }).additionalProperty})` : '';
    return { path: `${base}${e.instancePath}` || '/', kind: 'schema', message: `${e.message ?? e.keyword}${extra}` };
  });
}

/** Ids unique within each array of objects, recursively. */
function duplicateIds(node: Json, pointer: string, issues: ValidationIssue[]): void {
  if (issues.length >= MAX_ISSUES) return;
  if (Array.isArray(node)) {
    const seen = new Set<string>();
    node.forEach((item, i) => {
      if (isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number')) {
        const id = String(item.id);
        if (seen.has(id)) issues.push({ path: `${pointer}/${i}/id`, kind: 'uniqueness', message: `duplicate id ${JSON.stringify(id)} in this list` });
        seen.add(id);
      }
      duplicateIds(item, `${pointer}/${i}`, issues);
    });
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) if (typeof value === 'object' && value !== null) duplicateIds(value, `${pointer}/${escapePointer(key)}`, issues);
  }
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Organisation references that must resolve to a party of this release with the matching role. */
function referenceIssues(release: JsonObject, pointer: string, issues: ValidationIssue[]): void {
  const parties = new Map<string, string[]>();
  if (Array.isArray(release.parties)) {
    for (const party of release.parties) {
      if (isObject(party) && party.id !== undefined && party.id !== null) parties.set(String(party.id), Array.isArray(party.roles) ? party.roles.map(String) : []);
    }
  }
  const check = (ref: Json | undefined, role: string, at: string) => {
    if (!isObject(ref) || ref.id === undefined || ref.id === null) return;
    const roles = parties.get(String(ref.id));
    if (!roles) issues.push({ path: `${at}/id`, kind: 'reference', message: `no party with id ${JSON.stringify(String(ref.id))} in parties` });
    else if (!roles.includes(role)) issues.push({ path: `${at}/id`, kind: 'reference', message: `party ${JSON.stringify(String(ref.id))} lacks the role ${role}` });
  };
  check(release.buyer, 'buyer', `${pointer}/buyer`);
  const tender = release.tender;
  if (isObject(tender)) {
    check(tender.procuringEntity, 'procuringEntity', `${pointer}/tender/procuringEntity`);
    if (Array.isArray(tender.tenderers)) tender.tenderers.forEach((t, i) => check(t, 'tenderer', `${pointer}/tender/tenderers/${i}`));
  }
  if (Array.isArray(release.awards)) {
    release.awards.forEach((award, a) => {
      if (isObject(award) && Array.isArray(award.suppliers)) award.suppliers.forEach((s, i) => check(s, 'supplier', `${pointer}/awards/${a}/suppliers/${i}`));
    });
  }
}

export interface CheckOptions {
  /** Our own publications: every ocid must start with the tenant's prefix. */
  expectedPrefix?: string;
}

/** The checks of lib-cove-ocds that JSON Schema cannot express, for the releases of a package. */
export function releaseChecks(releases: readonly Json[], base: string, options: CheckOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  releases.forEach((release, i) => {
    if (issues.length >= MAX_ISSUES || !isObject(release)) return;
    const pointer = `${base}/${i}`;
    const ocid = typeof release.ocid === 'string' ? release.ocid : '';
    const key = `${ocid}\u0000${String(release.id)}`;
    if (seen.has(key)) issues.push({ path: `${pointer}/id`, kind: 'uniqueness', message: `release id ${JSON.stringify(String(release.id))} repeats for ocid ${ocid}` });
    seen.add(key);
    if (!/^ocds-[a-z0-9]{6}-/.test(ocid)) issues.push({ path: `${pointer}/ocid`, kind: 'prefix', message: `ocid ${JSON.stringify(ocid)} does not start with a registered prefix (ocds- and six lowercase letters or digits)` });
    else if (options.expectedPrefix && !ocid.startsWith(`${options.expectedPrefix}-`)) issues.push({ path: `${pointer}/ocid`, kind: 'prefix', message: `ocid ${JSON.stringify(ocid)} is not under this publisher's prefix ${options.expectedPrefix}` });
    duplicateIds(release, pointer, issues);
    referenceIssues(release, pointer, issues);
  });
  return issues.slice(0, MAX_ISSUES);
}

function declaredExtensions(pkg: JsonObject): { extensions: string[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const declared = Array.isArray(pkg.extensions) ? pkg.extensions.filter((e): e is string => typeof e === 'string') : [];
  const extensions: string[] = [];
  declared.forEach((url, i) => {
    if (SHIPPED_EXTENSIONS[url]) extensions.push(url);
    else issues.push({ path: `/extensions/${i}`, kind: 'extension', message: `extension not available here (only shipped extensions are applied): ${url}` });
  });
  // Lots refers to Submission terms' definitions: apply it too, or the merged schema cannot compile.
  const lots = PUBLISHED_EXTENSIONS[1]!;
  const terms = PUBLISHED_EXTENSIONS[2]!;
  if (extensions.includes(lots) && !extensions.includes(terms)) extensions.push(terms);
  return { extensions, issues };
}

export function validateReleasePackage(pkg: unknown, options: CheckOptions = {}): ValidationResult {
  if (!isObject(pkg)) return { valid: false, issues: [{ path: '/', kind: 'schema', message: 'must be an object' }] };
  const { extensions, issues } = declaredExtensions(pkg);
  const validators = validatorsFor(extensions);
  if (!validators.releasePackage(pkg)) issues.push(...schemaIssues(validators.releasePackage.errors));
  if (Array.isArray(pkg.releases)) issues.push(...releaseChecks(pkg.releases, '/releases', options));
  return { valid: issues.length === 0, issues: issues.slice(0, MAX_ISSUES) };
}

export function validateRecordPackage(pkg: unknown, options: CheckOptions = {}): ValidationResult {
  if (!isObject(pkg)) return { valid: false, issues: [{ path: '/', kind: 'schema', message: 'must be an object' }] };
  const { extensions, issues } = declaredExtensions(pkg);
  const validators = validatorsFor(extensions);
  if (!validators.recordPackage(pkg)) issues.push(...schemaIssues(validators.recordPackage.errors));
  if (Array.isArray(pkg.records)) {
    pkg.records.forEach((record, r) => {
      if (!isObject(record)) return;
      const releases = Array.isArray(record.releases) ? record.releases.filter((x) => isObject(x) && 'ocid' in x) : [];
      // The record package schema already applies the (extended) release schema to embedded releases and to
      // the compiled release; the extra checks apply to the embedded releases.
      if (releases.length > 0) issues.push(...releaseChecks(releases, `/records/${r}/releases`, options));
    });
  }
  return { valid: issues.length === 0, issues: issues.slice(0, MAX_ISSUES) };
}

/** One release on its own (used before storing each release we publish). */
export function validateRelease(release: unknown, options: CheckOptions = {}): ValidationResult {
  const validators = validatorsFor(PUBLISHED_EXTENSIONS);
  const issues: ValidationIssue[] = [];
  if (!validators.release(release)) issues.push(...schemaIssues(validators.release.errors));
  issues.push(...releaseChecks([release as Json], '', options).map((i) => ({ ...i, path: i.path.replace(/^\/0/, '') || '/' })));
  return { valid: issues.length === 0, issues };
}
