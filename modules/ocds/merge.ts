import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject, Release } from './types';

/*
 * OCDS merging (standard 1.1 "merging" page; reference implementation ocdsmerge), ported to TypeScript:
 * - releases of one ocid are taken oldest first (by date, then by the order given);
 * - objects merge recursively; a field set to null in a later release is removed;
 * - arrays of objects that all carry an `id` merge item by item on that id (new ids are appended; a repeated id
 *   within one release keeps the last one);
 * - other arrays (literals, objects without ids) and fields marked `wholeListMerge` are replaced whole;
 * - fields marked `omitWhenMerged` (the release's id, date and tag) are left out.
 * The rules are read from the release schema (with the shipped extensions) once, so extension fields follow
 * the same rules as core ones.
 */

export interface MergeRules {
  /** Schema paths without array indexes, e.g. "parties.additionalIdentifiers". */
  wholeList: Set<string>;
  omit: Set<string>;
  /** Free-form objects (no declared properties, e.g. Organization.details): versioned as one value. */
  opaque: Set<string>;
}

type SchemaNode = { [key: string]: unknown };

/** Walks the schema (following local $refs) and collects the paths that carry merge keywords. */
export function mergeRulesFromSchema(schema: SchemaNode): MergeRules {
  const rules: MergeRules = { wholeList: new Set(), omit: new Set(), opaque: new Set() };
  const definitions = (schema.definitions ?? {}) as Record<string, SchemaNode>;
  const resolve = (node: SchemaNode): SchemaNode => {
    let current = node;
    for (let depth = 0; typeof current.$ref === 'string' && depth < 10; depth++) {
      const ref = current.$ref as string;
      const target = ref.startsWith('#/definitions/') ? definitions[ref.slice('#/definitions/'.length)] : undefined;
      if (!target) break;
      current = target;
    }
    return current;
  };
  const visit = (node: SchemaNode, path: string, seen: Set<SchemaNode>) => {
    const resolved = resolve(node);
    if (seen.has(resolved)) return;
    const nextSeen = new Set(seen).add(resolved);
    if (path) {
      if (node.wholeListMerge === true || resolved.wholeListMerge === true) rules.wholeList.add(path);
      if (node.omitWhenMerged === true || resolved.omitWhenMerged === true) rules.omit.add(path);
    }
    const properties = resolved.properties as Record<string, SchemaNode> | undefined;
    const types = ([] as unknown[]).concat(resolved.type ?? []);
    if (path && types.includes('object') && !properties && !resolved.items) rules.opaque.add(path);
    if (properties) for (const [key, child] of Object.entries(properties)) visit(child, path ? `${path}.${key}` : key, nextSeen);
    const items = resolved.items as SchemaNode | undefined;
    if (items && typeof items === 'object' && !Array.isArray(items)) visit(items, path, nextSeen);
  };
  visit(schema, '', new Set());
  return rules;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function isIdentifiedList(value: Json[]): value is JsonObject[] {
  return value.length > 0 && value.every((item) => isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number'));
}

function sortReleases<T extends { date?: Json }>(releases: readonly T[]): T[] {
  return releases
    .map((release, index) => ({ release, index, time: Date.parse(String(release.date ?? '')) }))
    .sort((a, b) => (a.time === b.time || Number.isNaN(a.time - b.time) ? a.index - b.index : a.time - b.time))
    .map((x) => x.release);
}

function mergeObject(target: JsonObject, source: JsonObject, path: string, rules: MergeRules): void {
  for (const [key, value] of Object.entries(source)) {
    const childPath = path ? `${path}.${key}` : key;
    if (rules.omit.has(childPath)) continue;
    if (value === null) {
      delete target[key];
    } else if (isObject(value)) {
      const current = target[key];
      const next = isObject(current) ? current : {};
      mergeObject(next, value, childPath, rules);
      target[key] = next;
    } else if (Array.isArray(value)) {
      const current = target[key];
      if (!rules.wholeList.has(childPath) && isIdentifiedList(value) && (current === undefined || (Array.isArray(current) && (current.length === 0 || isIdentifiedList(current))))) {
        const merged = Array.isArray(current) ? (current as JsonObject[]) : [];
        for (const item of value) {
          const existing = merged.find((m) => String(m.id) === String(item.id));
          if (existing) mergeObject(existing, item, childPath, rules);
          else {
            const fresh: JsonObject = {};
            mergeObject(fresh, item, childPath, rules);
            merged.push(fresh);
          }
        }
        target[key] = merged;
      } else {
        target[key] = structuredClone(value);
      }
    } else {
      target[key] = value;
    }
  }
}

/** The compiled release: the current state of the process. */
export function compileReleases(releases: readonly Release[], rules: MergeRules): JsonObject {
  const sorted = sortReleases(releases);
  const compiled: JsonObject = {};
  for (const release of sorted) mergeObject(compiled, release as JsonObject, '', rules);
  const last = sorted.at(-1);
  const ocid = String(last?.ocid ?? '');
  const date = String(last?.date ?? '');
  // Conventions of the reference implementation for a compiled release's own id, date and tag.
  return { tag: ['compiled'], id: `${ocid}-${date}`, date, ...compiled, ocid };
}

interface VersionEntry {
  releaseID: Json;
  releaseDate: Json;
  releaseTag: Json;
  value: Json;
}

type Versioned = { [key: string]: Versioned | VersionEntry[] | Versioned[] | Json };

function pushVersion(history: VersionEntry[], entry: VersionEntry): void {
  const last = history.at(-1);
  if (last && isDeepStrictEqual(last.value, entry.value)) return;
  history.push(entry);
}

/** Marks every leaf under a removed object as null (ocdsmerge flattens, so a removal shows on each field). */
function nullLeaves(target: Versioned, meta: Omit<VersionEntry, 'value'>): void {
  for (const value of Object.values(target)) {
    if (Array.isArray(value) && value.every((v) => isObject(v) && 'releaseID' in v)) pushVersion(value as VersionEntry[], { ...meta, value: null });
    else if (isObject(value)) nullLeaves(value as Versioned, meta);
  }
}

function versionObject(target: Versioned, source: JsonObject, path: string, rules: MergeRules, meta: Omit<VersionEntry, 'value'>, idUnversioned: boolean): void {
  for (const [key, value] of Object.entries(source)) {
    const childPath = path ? `${path}.${key}` : key;
    if (rules.omit.has(childPath)) continue;
    if (idUnversioned && key === 'id') {
      target.id = value;
      continue;
    }
    const current = target[key];
    if (isObject(value) && !rules.opaque.has(childPath)) {
      const next = isObject(current) && !('releaseID' in current) ? (current as Versioned) : {};
      versionObject(next, value, childPath, rules, meta, false);
      target[key] = next;
    } else if (Array.isArray(value) && !rules.wholeList.has(childPath) && isIdentifiedList(value) && (current === undefined || isVersionedItemList(current))) {
      const list = (Array.isArray(current) ? current : []) as Versioned[];
      for (const item of value) {
        let existing: Versioned | undefined = list.find((m) => String(m.id) === String(item.id));
        if (!existing) {
          existing = { id: item.id ?? null };
          list.push(existing);
        }
        versionObject(existing, item, childPath, rules, meta, true);
      }
      target[key] = list;
    } else if (value === null && isObject(current) && !('releaseID' in current)) {
      nullLeaves(current as Versioned, meta);
    } else {
      const history = Array.isArray(current) && !isVersionedItemList(current) ? (current as VersionEntry[]) : [];
      pushVersion(history, { ...meta, value: structuredClone(value) });
      target[key] = history;
    }
  }
}

function isVersionedItemList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isObject(v) && !('releaseID' in v) && 'id' in v);
}

/** The versioned release: every field's history as {releaseID, releaseDate, releaseTag, value}. */
export function versionReleases(releases: readonly Release[], rules: MergeRules): JsonObject {
  const sorted = sortReleases(releases);
  const versioned: Versioned = {};
  for (const release of sorted) {
    const meta = { releaseID: release.id ?? null, releaseDate: release.date ?? null, releaseTag: release.tag ?? null };
    const { ocid: _ocid, ...rest } = release as JsonObject;
    versionObject(versioned, rest, '', rules, meta, false);
  }
  return { ocid: String(sorted.at(-1)?.ocid ?? ''), ...(versioned as JsonObject) };
}
