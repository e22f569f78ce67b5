import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileReleases, versionReleases } from '@/modules/ocds/merge';
import type { Release } from '@/modules/ocds/types';
import { PUBLISHED_EXTENSIONS, validatorsFor } from '@/modules/ocds/validate';

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'ocds', 'merging');
const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const rules = validatorsFor(PUBLISHED_EXTENSIONS).rules;

describe('OCDS merging against the standard’s own examples', () => {
  it('reads the merge rules from the schema (omitWhenMerged, wholeListMerge)', () => {
    expect([...rules.omit].sort()).toEqual(['date', 'id', 'tag']);
    expect(rules.wholeList).toContain('parties.additionalIdentifiers');
    expect(rules.wholeList).toContain('tender.items.additionalClassifications');
  });

  it('compiles tender, tender update, tender amendment and two awards into the documented compiled release', () => {
    const releases = load('update-releases.json') as Release[];
    expect(compileReleases(releases, rules)).toEqual(load('update-compiled.json'));
  });

  it('versions the same releases: a new entry only when a value changes, array item ids unversioned', () => {
    const versioned = versionReleases(load('update-releases.json') as Release[], rules) as Record<string, any>;
    expect(versioned.ocid).toBe('ocds-213czf-000-00002');
    expect(versioned.tender.value.amount.map((v: { value: number; releaseID: string }) => [v.releaseID, v.value])).toEqual([
      ['ocds-213czf-000-00002-01-tender', 1000],
      ['ocds-213czf-000-00002-01-tender-amendment', 2000],
    ]);
    expect(versioned.tender.description).toHaveLength(2);
    expect(versioned.tender.description[1].releaseTag).toEqual(['tenderUpdate']);
    expect(versioned.tender.tenderPeriod.endDate.map((v: { value: string }) => v.value)).toEqual(['2016-02-15T18:00:00Z', '2016-02-20T18:00:00Z']);
    expect(versioned.tender.title).toHaveLength(1);
    expect(versioned.awards.map((a: { id: string }) => a.id)).toEqual(['ocds-213czf-000-00002-award-supplier-one', 'ocds-213czf-000-00002-award-supplier-two']);
    expect(versioned.tender.amendments[0].id).toBe('amendment-1');
    expect(versioned.tender.amendments[0].rationale[0].releaseID).toBe('ocds-213czf-000-00002-01-tender-amendment');
    expect(versioned.tag).toBeUndefined();
  });

  it('a null in a later release removes the field (deletions example: compiled and versioned)', () => {
    const record = load('deletion-record.json');
    expect(compileReleases(record.releases, rules)).toEqual(record.compiledRelease);
    expect(versionReleases(record.releases, rules)).toEqual(record.versionedRelease);
  });

  it('merges arrays of objects by id, replaces whole-list arrays and literal lists, keeps order by date', () => {
    const base = { ocid: 'ocds-a1b2c3-x', initiationType: 'tender' as const };
    const releases: Release[] = [
      { ...base, id: '2', date: '2024-02-01T00:00:00Z', tag: ['award'], awards: [{ id: 'b', status: 'active' }, { id: 'a', title: 'A again' }], parties: [{ id: 'p', roles: ['supplier'], additionalIdentifiers: [{ id: '2', scheme: 'Y' }] }] },
      { ...base, id: '1', date: '2024-01-01T00:00:00Z', tag: ['award'], awards: [{ id: 'a', status: 'pending', title: 'A' }], parties: [{ id: 'p', name: 'P', roles: ['tenderer'], additionalIdentifiers: [{ id: '1', scheme: 'X' }, { id: '3', scheme: 'Z' }] }] },
    ];
    const compiled = compileReleases(releases, rules) as Record<string, any>;
    expect(compiled.awards).toEqual([{ id: 'a', status: 'pending', title: 'A again' }, { id: 'b', status: 'active' }]);
    // roles (strings) and additionalIdentifiers (wholeListMerge) are replaced, not merged.
    expect(compiled.parties).toEqual([{ id: 'p', name: 'P', roles: ['supplier'], additionalIdentifiers: [{ id: '2', scheme: 'Y' }] }]);
    expect(compiled.id).toBe('ocds-a1b2c3-x-2024-02-01T00:00:00Z');
  });
});
