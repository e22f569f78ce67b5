import type { Json, JsonObject, ReleaseBody } from './types';

/*
 * Release builders: plain functions from domain facts to the body of one release (everything but ocid, id,
 * date, tag and initiationType, which publishRelease adds). No database access here, so every kind is unit
 * tested against the official schema. Parties are described once in `parties` (with roles and identifiers) and
 * referred to elsewhere by {id, name}. Amounts are in the tenant's currency. Dates are RFC 3339 with a zone.
 */

export interface Party {
  id: string;
  name: string;
  roles: string[];
  identifier?: { scheme?: string; id: string; legalName?: string };
  address?: { region?: string; countryName?: string };
  details?: JsonObject;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface Period {
  startDate?: Date | string | null;
  endDate?: Date | string | null;
}

/** RFC 3339 with a zone, without milliseconds. */
export function ocdsDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date for OCDS: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Leaves out undefined fields, so builders can list optional ones freely. */
function compact(object: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out;
}

export function period(p: Period | undefined): JsonObject | undefined {
  if (!p) return undefined;
  const out = compact({ startDate: p.startDate ? ocdsDate(p.startDate) : undefined, endDate: p.endDate ? ocdsDate(p.endDate) : undefined });
  return Object.keys(out).length > 0 ? out : undefined;
}

export function money(amount: number | null | undefined, currency: string): JsonObject | undefined {
  return amount === null || amount === undefined || !Number.isFinite(amount) ? undefined : { amount, currency };
}

/** The party with a role added (a reference in a role needs that role in `parties`). */
export function withRole(party: Party, role: string): Party {
  return party.roles.includes(role) ? party : { ...party, roles: [...party.roles, role] };
}

export function partyRef(party: Party): JsonObject {
  return { id: party.id, name: party.name };
}

export function partyJson(party: Party): JsonObject {
  return compact({
    id: party.id,
    name: party.name,
    identifier: party.identifier ? compact({ ...party.identifier }) : undefined,
    address: party.address ? compact({ ...party.address }) : undefined,
    roles: [...new Set(party.roles)],
    details: party.details,
  });
}

/** Lists each party once: the same id given twice (e.g. buyer and procuring entity) gets the union of roles. */
export function partiesJson(parties: readonly Party[]): JsonObject[] {
  const byId = new Map<string, Party>();
  for (const party of parties) {
    const existing = byId.get(party.id);
    byId.set(party.id, existing ? { ...existing, ...party, roles: [...existing.roles, ...party.roles] } : party);
  }
  return [...byId.values()].map(partyJson);
}

/* ---------- parties from our domain ---------- */

const SIZE_TO_SCALE: Record<string, string> = { micro: 'micro', small: 'sme', medium: 'sme', large: 'large' };

/** A supplier: org-id style party id (scheme-number) when the tenant names a registration scheme. */
export function supplierParty(
  supplier: { id: string; legalName: string; registrationScheme: string; registrationNumber: string; organisationSize?: string | null; region?: string | null },
  roles: string[] = ['supplier'],
): Party {
  const known = supplier.registrationScheme && supplier.registrationScheme !== 'other';
  return {
    id: known ? `${supplier.registrationScheme}-${supplier.registrationNumber}` : `supplier-${supplier.id}`,
    name: supplier.legalName,
    roles,
    identifier: known ? { scheme: supplier.registrationScheme, id: supplier.registrationNumber, legalName: supplier.legalName } : { id: supplier.registrationNumber, legalName: supplier.legalName },
    address: supplier.region ? { region: supplier.region } : undefined,
    details: supplier.organisationSize && SIZE_TO_SCALE[supplier.organisationSize] ? { scale: SIZE_TO_SCALE[supplier.organisationSize]! } : undefined,
  };
}

/** The authority running the marketplace: procuring entity of its frameworks. */
export function authorityParty(publisher: { slug: string; name: string; countryName?: string }, roles: string[] = ['procuringEntity']): Party {
  return { id: `${publisher.slug}-marketplace`, name: publisher.name, roles, address: publisher.countryName ? { countryName: publisher.countryName } : undefined };
}

export function buyerParty(organisation: { id: string; name: string; organisationType?: string | null }, roles: string[] = ['buyer']): Party {
  return { id: `buyer-${organisation.id}`, name: organisation.name, roles, details: organisation.organisationType ? { organisationType: organisation.organisationType } : undefined };
}

/* ---------- generic sections, for every kind of release ---------- */

export interface LotInput {
  id: string;
  title: string;
  description?: string;
  status?: string;
  value?: Money;
  /** Award routes of a framework lot. */
  frameworkMethod?: FrameworkMethod;
}

export type FrameworkMethod = 'withReopeningCompetition' | 'withoutReopeningCompetition' | 'withAndWithoutReopeningCompetition';

export interface DocumentInput {
  id: string;
  documentType?: string;
  title?: string;
  description?: string;
  url?: string;
  datePublished?: Date | string;
  dateModified?: Date | string;
  format?: string;
  language?: string;
}

export function documentJson(d: DocumentInput): JsonObject {
  return compact({
    id: d.id,
    documentType: d.documentType,
    title: d.title,
    description: d.description,
    url: d.url,
    datePublished: d.datePublished ? ocdsDate(d.datePublished) : undefined,
    dateModified: d.dateModified ? ocdsDate(d.dateModified) : undefined,
    format: d.format,
    language: d.language,
  });
}

export interface ItemInput {
  id: string;
  description?: string;
  classification?: { scheme: string; id: string; description?: string };
  quantity?: number;
  relatedLot?: string;
}

export function itemJson(i: ItemInput): JsonObject {
  return compact({ id: i.id, description: i.description, classification: i.classification ? compact({ ...i.classification }) : undefined, quantity: i.quantity, relatedLot: i.relatedLot });
}

export interface AmendmentInput {
  id: string;
  date: Date | string;
  rationale?: string;
  description?: string;
  /** The release this amendment changes, and the release that carries it (when known). */
  amendsReleaseID?: string;
  releaseID?: string;
}

export function amendmentJson(a: AmendmentInput): JsonObject {
  return compact({ id: a.id, date: ocdsDate(a.date), rationale: a.rationale, description: a.description, amendsReleaseID: a.amendsReleaseID, releaseID: a.releaseID });
}

/** A call-off's link to its framework (first stage): scheme "ocid" when the framework's ocid is known. */
export interface FrameworkLink {
  ocid?: string | null;
  title: string;
  uri?: string;
  relatedLots?: string[];
}

export function relatedFrameworkJson(link: FrameworkLink): JsonObject {
  return compact({
    id: '1',
    relationship: ['framework'],
    title: link.title,
    scheme: link.ocid ? 'ocid' : undefined,
    identifier: link.ocid ?? undefined,
    uri: link.uri,
    relatedLots: link.relatedLots && link.relatedLots.length > 0 ? link.relatedLots : undefined,
  });
}

export interface TenderInput {
  id: string;
  title?: string;
  description?: string;
  /** planning | planned | active | cancelled | unsuccessful | complete | withdrawn */
  status?: string;
  procuringEntity?: Party;
  buyer?: Party;
  /** Further parties to list. */
  otherParties?: Party[];
  /** Suppliers who submitted a response (listed with the tenderer role, and counted). */
  tenderers?: Party[];
  procurementMethod?: 'open' | 'selective' | 'limited' | 'direct';
  procurementMethodDetails?: string;
  mainProcurementCategory?: 'goods' | 'works' | 'services';
  competitive?: boolean;
  value?: Money;
  tenderPeriod?: Period;
  enquiryPeriod?: Period;
  awardPeriod?: Period;
  contractPeriod?: Period;
  lots?: LotInput[];
  items?: ItemInput[];
  documents?: DocumentInput[];
  techniques?: JsonObject;
  framework?: FrameworkLink;
}

function lotJson(lot: LotInput): JsonObject {
  return compact({
    id: lot.id,
    title: lot.title,
    description: lot.description,
    status: lot.status,
    value: lot.value ? { ...lot.value } : undefined,
    techniques: lot.frameworkMethod ? { hasFrameworkAgreement: true, frameworkAgreement: { method: lot.frameworkMethod } } : undefined,
  });
}

/** Tender section plus the parties it names; also the base of tender amendments and cancellations. */
export function tenderBody(input: TenderInput, processTitle?: string): ReleaseBody {
  const parties = [
    input.procuringEntity && withRole(input.procuringEntity, 'procuringEntity'),
    input.buyer && withRole(input.buyer, 'buyer'),
    ...(input.otherParties ?? []),
    ...(input.tenderers ?? []).map((p) => withRole(p, 'tenderer')),
  ].filter((p): p is Party => Boolean(p));
  return compact({
    title: processTitle,
    parties: parties.length > 0 ? partiesJson(parties) : undefined,
    buyer: input.buyer ? partyRef(input.buyer) : undefined,
    relatedProcesses: input.framework ? [relatedFrameworkJson(input.framework)] : undefined,
    tender: compact({
      id: input.id,
      title: input.title,
      description: input.description,
      status: input.status,
      procuringEntity: input.procuringEntity ? partyRef(input.procuringEntity) : undefined,
      procurementMethod: input.procurementMethod,
      procurementMethodDetails: input.procurementMethodDetails,
      mainProcurementCategory: input.mainProcurementCategory,
      competitive: input.competitive,
      value: input.value ? { ...input.value } : undefined,
      tenderPeriod: period(input.tenderPeriod),
      enquiryPeriod: period(input.enquiryPeriod),
      awardPeriod: period(input.awardPeriod),
      contractPeriod: period(input.contractPeriod),
      techniques: input.techniques,
      numberOfTenderers: input.tenderers ? input.tenderers.length : undefined,
      tenderers: input.tenderers && input.tenderers.length > 0 ? input.tenderers.map(partyRef) : undefined,
      lots: input.lots && input.lots.length > 0 ? input.lots.map(lotJson) : undefined,
      items: input.items && input.items.length > 0 ? input.items.map(itemJson) : undefined,
      documents: input.documents && input.documents.length > 0 ? input.documents.map(documentJson) : undefined,
    }),
  });
}

/**
 * A formal change to a published tender (tag tenderAmendment): the changed fields plus an entry in
 * tender.amendments. Fields to remove are given as null (merging removes them).
 */
export function tenderAmendmentBody(tenderId: string, changes: JsonObject, amendment: AmendmentInput): ReleaseBody {
  return { tender: { ...changes, id: tenderId, amendments: [amendmentJson(amendment)] } };
}

/** Tender withdrawn or cancelled (tag tenderCancellation); the reason goes in an amendment entry. */
export function tenderCancellationBody(tenderId: string, cancellation: { date: Date | string; rationale: string; status?: 'cancelled' | 'withdrawn' | 'unsuccessful' }): ReleaseBody {
  return {
    tender: {
      id: tenderId,
      status: cancellation.status ?? 'cancelled',
      amendments: [amendmentJson({ id: `cancellation-${ocdsDate(cancellation.date)}`, date: cancellation.date, rationale: cancellation.rationale })],
    },
  };
}

export interface AwardInput {
  id: string;
  title?: string;
  description?: string;
  /** pending | active | cancelled | unsuccessful */
  status: string;
  date: Date | string;
  value?: Money;
  suppliers: Party[];
  buyer?: Party;
  items?: ItemInput[];
  contractPeriod?: Period;
  relatedLots?: string[];
  documents?: DocumentInput[];
}

function awardJson(input: AwardInput): JsonObject {
  return compact({
    id: input.id,
    title: input.title,
    description: input.description,
    status: input.status,
    date: ocdsDate(input.date),
    value: input.value ? { ...input.value } : undefined,
    suppliers: input.suppliers.map(partyRef),
    items: input.items && input.items.length > 0 ? input.items.map(itemJson) : undefined,
    contractPeriod: period(input.contractPeriod),
    relatedLots: input.relatedLots && input.relatedLots.length > 0 ? input.relatedLots : undefined,
    documents: input.documents && input.documents.length > 0 ? input.documents.map(documentJson) : undefined,
  });
}

/** One or more awards (tag award, or awardCancellation with status cancelled), with their suppliers as parties. */
export function awardsBody(awards: AwardInput[], extraParties: Party[] = []): ReleaseBody {
  const buyer = awards.find((a) => a.buyer)?.buyer;
  return compact({
    parties: partiesJson([...extraParties, ...(buyer ? [withRole(buyer, 'buyer')] : []), ...awards.flatMap((a) => a.suppliers.map((s) => withRole(s, 'supplier')))]),
    buyer: buyer ? partyRef(buyer) : undefined,
    awards: awards.map(awardJson),
  });
}

export interface ContractInput {
  id: string;
  awardID: string;
  title?: string;
  description?: string;
  /** pending | active | cancelled | terminated */
  status: string;
  period?: Period;
  value?: Money;
  dateSigned?: Date | string;
  items?: ItemInput[];
  /** Statements of work and the signed contract: one document each, stable ids. */
  documents?: DocumentInput[];
  buyer?: Party;
  supplier?: Party;
}

function contractJson(input: ContractInput): JsonObject {
  return compact({
    id: input.id,
    awardID: input.awardID,
    title: input.title,
    description: input.description,
    status: input.status,
    period: period(input.period),
    value: input.value ? { ...input.value } : undefined,
    dateSigned: input.dateSigned ? ocdsDate(input.dateSigned) : undefined,
    items: input.items && input.items.length > 0 ? input.items.map(itemJson) : undefined,
    documents: input.documents && input.documents.length > 0 ? input.documents.map(documentJson) : undefined,
  });
}

/** A signed contract (tag contract) or an update of it (contractUpdate). */
export function contractBody(input: ContractInput): ReleaseBody {
  const parties = [input.buyer && withRole(input.buyer, 'buyer'), input.supplier && withRole(input.supplier, 'supplier')].filter((p): p is Party => Boolean(p));
  return compact({
    parties: parties.length > 0 ? partiesJson(parties) : undefined,
    buyer: input.buyer ? partyRef(input.buyer) : undefined,
    contracts: [contractJson(input)],
  });
}

/** A variation (tag contractAmendment): changed fields plus an entry in contracts[].amendments. */
export function contractAmendmentBody(contractId: string, awardID: string, changes: JsonObject, amendment: AmendmentInput): ReleaseBody {
  return { contracts: [{ ...changes, id: contractId, awardID, amendments: [amendmentJson(amendment)] }] };
}

/** The end of a contract before its term (tag contractTermination). */
export function contractTerminationBody(contractId: string, awardID: string, termination: { date: Date | string; rationale: string }): ReleaseBody {
  return {
    contracts: [
      {
        id: contractId,
        awardID,
        status: 'terminated',
        period: { endDate: ocdsDate(termination.date) },
        amendments: [amendmentJson({ id: `termination-${ocdsDate(termination.date)}`, date: termination.date, rationale: termination.rationale })],
      },
    ],
  };
}

/* ---------- our processes ---------- */

const FRAMEWORK_STATUS_TO_TENDER: Record<string, string> = {
  coming: 'planned',
  open: 'active',
  pending: 'active',
  standstill: 'active',
  // No more suppliers can join once the framework is live (guidance: tender complete).
  live: 'complete',
  expired: 'complete',
};

export function frameworkMethod(routes: readonly string[]): FrameworkMethod {
  const direct = routes.includes('direct_award');
  const further = routes.includes('further_competition');
  return direct && further ? 'withAndWithoutReopeningCompetition' : further ? 'withReopeningCompetition' : 'withoutReopeningCompetition';
}

export interface FrameworkFacts {
  id: string;
  slug: string;
  title: string;
  description?: string;
  status: string;
  lots: { slug: string; title: string; description?: string; awardRoutes: readonly string[] }[];
  dates: { applicationsOpen: Date; clarificationsClose: Date; applicationsClose: Date; intentionToAward: Date; live: Date; expires: Date };
}

/** First stage of a framework: a tender with techniques.hasFrameworkAgreement and its lots. */
export function frameworkTenderBody(framework: FrameworkFacts, authority: Party): ReleaseBody {
  const status = FRAMEWORK_STATUS_TO_TENDER[framework.status] ?? 'active';
  return tenderBody(
    {
      id: `framework-${framework.slug}`,
      title: framework.title,
      description: framework.description,
      status,
      procuringEntity: authority,
      procurementMethod: 'open',
      procurementMethodDetails: 'Framework agreement open to any supplier during the application period',
      mainProcurementCategory: 'services',
      tenderPeriod: { startDate: framework.dates.applicationsOpen, endDate: framework.dates.applicationsClose },
      enquiryPeriod: { startDate: framework.dates.applicationsOpen, endDate: framework.dates.clarificationsClose },
      awardPeriod: { startDate: framework.dates.intentionToAward, endDate: framework.dates.live },
      contractPeriod: { startDate: framework.dates.live, endDate: framework.dates.expires },
      techniques: {
        hasFrameworkAgreement: true,
        frameworkAgreement: {
          method: frameworkMethod(framework.lots.flatMap((l) => l.awardRoutes)),
          period: period({ startDate: framework.dates.live, endDate: framework.dates.expires })!,
        },
      },
      lots: framework.lots.map((lot) => ({ id: lot.slug, title: lot.title, description: lot.description, status, frameworkMethod: frameworkMethod(lot.awardRoutes) })),
    },
    framework.title,
  );
}

/** Framework awards: one award per supplier admitted to the framework, on the lots of its services. */
export function frameworkAwardsBody(
  framework: { slug: string; title: string },
  admitted: { party: Party; supplierId: string; lots: string[]; date: Date }[],
  authority: Party,
): ReleaseBody {
  return awardsBody(
    admitted.map((a) => ({
      id: `framework-${framework.slug}-${a.supplierId}`,
      title: framework.title,
      status: 'active',
      date: a.date,
      suppliers: [a.party],
      relatedLots: a.lots,
    })),
    [authority],
  );
}

export interface DirectAwardFacts {
  awardId: string;
  title: string;
  date: Date;
  buyer: Party;
  supplier: Party;
  value?: Money;
  contractPeriod?: Period;
  service?: { id: string; name: string; lot?: string };
  framework?: FrameworkLink;
}

/**
 * A call-off without further competition: its own ocid, one award release, tender.competitive false and
 * tender.id equal to the award id (guidance for direct awards), linked to the framework by relatedProcesses.
 */
export function directAwardBody(facts: DirectAwardFacts): ReleaseBody {
  const tender = tenderBody(
    {
      id: facts.awardId,
      title: facts.title,
      status: 'complete',
      buyer: facts.buyer,
      procurementMethodDetails: 'Direct award from a framework agreement (without further competition)',
      mainProcurementCategory: 'services',
      competitive: false,
      framework: facts.framework,
      items: facts.service ? [{ id: '1', description: facts.service.name, relatedLot: facts.service.lot }] : undefined,
    },
    facts.title,
  );
  const awards = awardsBody([
    {
      id: facts.awardId,
      title: facts.title,
      status: 'active',
      date: facts.date,
      value: facts.value,
      suppliers: [facts.supplier],
      buyer: facts.buyer,
      contractPeriod: facts.contractPeriod,
      items: facts.service ? [{ id: '1', description: facts.service.name, relatedLot: facts.service.lot }] : undefined,
      relatedLots: facts.service?.lot ? [facts.service.lot] : undefined,
    },
  ]);
  return { ...tender, ...awards, parties: partiesJson([facts.buyer, facts.supplier]) };
}
