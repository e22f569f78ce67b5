import { describe, expect, it } from 'vitest';
import {
  authorityParty,
  awardsBody,
  buyerParty,
  contractAmendmentBody,
  contractBody,
  contractTerminationBody,
  directAwardBody,
  frameworkAwardsBody,
  frameworkTenderBody,
  money,
  supplierParty,
  tenderAmendmentBody,
  tenderBody,
  tenderCancellationBody,
} from '@/modules/ocds/builders';
import { compileReleases } from '@/modules/ocds/merge';
import type { Release, ReleaseBody, ReleaseTag } from '@/modules/ocds/types';
import { PUBLISHED_EXTENSIONS, validateRecordPackage, validateRelease, validateReleasePackage, validatorsFor } from '@/modules/ocds/validate';

const PREFIX = 'ocds-t3st00';
const authority = authorityParty({ slug: 'uk', name: 'Digital Marketplace UK', countryName: 'United Kingdom' });
const supplier = supplierParty({ id: '6f1c5e7e-0000-4000-8000-000000000001', legalName: 'Cloudy Ltd', registrationScheme: 'GB-COH', registrationNumber: '09876543', organisationSize: 'small', region: 'Wales' });
const buyer = buyerParty({ id: '6f1c5e7e-0000-4000-8000-0000000000b1', name: 'Cardiff City Council', organisationType: 'local' });
const frameworkFacts = {
  id: 'f',
  slug: 'cloud-14',
  title: 'Cloud Services 14',
  description: 'Hosting, software and support',
  status: 'live',
  lots: [
    { slug: 'cloud-hosting', title: 'Cloud hosting', awardRoutes: ['direct_award'] },
    { slug: 'cloud-support', title: 'Cloud support', awardRoutes: ['direct_award', 'further_competition'] },
  ],
  dates: {
    applicationsOpen: new Date('2026-01-05T00:00:00Z'),
    clarificationsClose: new Date('2026-01-20T17:00:00Z'),
    applicationsClose: new Date('2026-02-02T17:00:00Z'),
    intentionToAward: new Date('2026-03-01T00:00:00Z'),
    live: new Date('2026-03-15T00:00:00Z'),
    expires: new Date('2028-03-15T00:00:00Z'),
  },
};

let counter = 0;
function release(ocid: string, tag: ReleaseTag[], body: ReleaseBody, date = '2026-04-01T10:00:00Z'): Release {
  counter++;
  return { ocid, id: `${ocid}-${String(counter).padStart(3, '0')}`, date, tag, initiationType: 'tender', language: 'en', ...body };
}

const fw = `${PREFIX}-framework-1`;
const call = `${PREFIX}-calloff-1`;
const kinds: [string, Release][] = [
  ['framework tender', release(fw, ['tender'], frameworkTenderBody(frameworkFacts, authority))],
  ['framework award', release(fw, ['award'], frameworkAwardsBody({ slug: 'cloud-14', title: 'Cloud Services 14' }, [{ party: supplier, supplierId: 's1', lots: ['cloud-hosting'], date: new Date() }], authority))],
  [
    'direct award',
    release(call, ['award'], directAwardBody({ awardId: 'o1', title: 'Hosting for the library service', date: new Date(), buyer, supplier, value: { amount: 48000, currency: 'GBP' }, contractPeriod: { startDate: '2026-05-01T00:00:00Z', endDate: '2027-04-30T23:59:00Z' }, service: { id: 's', name: 'Managed hosting', lot: 'cloud-hosting' }, framework: { ocid: fw, title: 'Cloud Services 14', relatedLots: ['cloud-hosting'] } })),
  ],
  [
    'opportunity tender',
    release(call, ['tender'], tenderBody({ id: 'opp-1', title: 'Discovery for benefits', status: 'active', buyer, procuringEntity: buyer, competitive: true, procurementMethod: 'selective', value: { amount: 100000, currency: 'GBP' }, tenderPeriod: { startDate: new Date(), endDate: '2026-06-01T17:00:00Z' }, framework: { ocid: fw, title: 'Cloud Services 14', relatedLots: ['cloud-support'] } }, 'Discovery for benefits')),
  ],
  ['tender amendment', release(call, ['tenderAmendment'], tenderAmendmentBody('opp-1', { tenderPeriod: { endDate: '2026-06-08T17:00:00Z' } }, { id: 'a1', date: new Date(), rationale: 'Deadline extended after questions' }))],
  ['tender cancellation', release(call, ['tenderCancellation'], tenderCancellationBody('opp-1', { date: new Date(), rationale: 'Budget withdrawn' }))],
  ['award', release(call, ['award'], awardsBody([{ id: 'award-1', status: 'active', date: new Date(), value: money(95000, 'GBP') as never, suppliers: [supplier], buyer }]))],
  ['contract', release(call, ['contract'], contractBody({ id: 'contract-1', awardID: 'award-1', status: 'active', dateSigned: new Date(), value: { amount: 95000, currency: 'GBP' }, period: { startDate: '2026-07-01T00:00:00Z', endDate: '2027-06-30T00:00:00Z' }, documents: [{ id: 'sow-1', documentType: 'contractSchedule', title: 'Statement of work 1', description: 'Discovery phase' }], buyer, supplier }))],
  ['contract amendment', release(call, ['contractAmendment'], contractAmendmentBody('contract-1', 'award-1', { value: { amount: 110000, currency: 'GBP' } }, { id: 'v1', date: new Date(), rationale: 'Extra user research' }))],
  ['contract termination', release(call, ['contractTermination'], contractTerminationBody('contract-1', 'award-1', { date: new Date(), rationale: 'Service no longer needed' }))],
];

describe('every kind of release validates against the official schema with the declared extensions', () => {
  for (const [name, r] of kinds) {
    it(name, () => {
      const result = validateRelease(r, { expectedPrefix: PREFIX });
      expect(result.issues).toEqual([]);
    });
  }

  it('a package of all of them validates, and so does the record of the call-off', () => {
    const pkg = { uri: 'http://uk.localhost/api/ocds/releases', version: '1.1', publishedDate: '2026-04-01T10:00:00Z', publisher: { name: 'UK' }, extensions: [...PUBLISHED_EXTENSIONS], releases: kinds.map(([, r]) => r) };
    expect(validateReleasePackage(pkg, { expectedPrefix: PREFIX }).issues).toEqual([]);
    const callOff = kinds.map(([, r]) => r).filter((r) => r.ocid === call);
    const rules = validatorsFor().rules;
    const record = { ocid: call, releases: callOff, compiledRelease: compileReleases(callOff, rules) };
    expect(validateRecordPackage({ ...pkg, releases: undefined, records: [record] }).issues).toEqual([]);
  });
});

describe('broken releases are rejected with the exact path', () => {
  const good = kinds[0]![1];

  it('a status outside the closed codelist', () => {
    const bad = structuredClone(good) as Record<string, any>;
    bad.tender.status = 'finished';
    const result = validateRelease(bad);
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ path: '/tender/status', kind: 'schema' }));
  });

  it('a date without a zone, an extension field of the wrong type, inside a package', () => {
    const bad = structuredClone(good) as Record<string, any>;
    bad.date = '2026-04-01 10:00';
    bad.tender.techniques.hasFrameworkAgreement = 'yes';
    const pkg = { uri: 'http://x.example/p', version: '1.1', publishedDate: '2026-04-01T10:00:00Z', publisher: { name: 'X' }, extensions: [...PUBLISHED_EXTENSIONS], releases: [good, bad] };
    const paths = validateReleasePackage(pkg).issues.map((i) => i.path);
    expect(paths).toContain('/releases/1/date');
    expect(paths).toContain('/releases/1/tender/techniques/hasFrameworkAgreement');
  });

  it('extension fields are checked only when the extension is declared', () => {
    const bad = structuredClone(good) as Record<string, any>;
    bad.tender.techniques.hasFrameworkAgreement = 'yes';
    const pkg = { uri: 'http://x.example/p', version: '1.1', publishedDate: '2026-04-01T10:00:00Z', publisher: { name: 'X' }, releases: [bad] };
    expect(validateReleasePackage(pkg).issues.map((i) => i.path)).not.toContain('/releases/0/tender/techniques/hasFrameworkAgreement');
  });

  it('duplicate (ocid, id), duplicate award ids, dangling and wrong-role party references, a foreign prefix', () => {
    const award = structuredClone(kinds[6]![1]) as Record<string, any>;
    award.awards.push({ ...award.awards[0], title: 'different content, same id' });
    award.awards[0].suppliers[0].id = 'nobody';
    award.buyer = { id: supplier.id, name: supplier.name };
    const again = structuredClone(kinds[6]![1]);
    const foreign = { ...structuredClone(kinds[0]![1]), ocid: 'ocds-zzzzzz-1', id: 'x' };
    const pkg = { uri: 'http://x.example/p', version: '1.1', publishedDate: '2026-04-01T10:00:00Z', publisher: { name: 'X' }, extensions: [...PUBLISHED_EXTENSIONS], releases: [award, again, foreign] };
    const issues = validateReleasePackage(pkg, { expectedPrefix: PREFIX }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/releases/0/awards/1/id', kind: 'uniqueness' }),
        expect.objectContaining({ path: '/releases/0/awards/0/suppliers/0/id', kind: 'reference' }),
        expect.objectContaining({ path: '/releases/0/buyer/id', kind: 'reference', message: expect.stringContaining('lacks the role buyer') }),
        expect.objectContaining({ path: '/releases/1/id', kind: 'uniqueness' }),
        expect.objectContaining({ path: '/releases/2/ocid', kind: 'prefix' }),
      ]),
    );
  });

  it('an extension that is not shipped is reported, not fetched', () => {
    const pkg = { uri: 'http://x.example/p', version: '1.1', publishedDate: '2026-04-01T10:00:00Z', publisher: { name: 'X' }, extensions: ['https://example.com/extension.json'], releases: [good] };
    expect(validateReleasePackage(pkg).issues).toContainEqual(expect.objectContaining({ path: '/extensions/0', kind: 'extension' }));
  });
});
