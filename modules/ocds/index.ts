/*
 * Open Contracting Data Standard (OCDS 1.1) publication.
 *
 * EMITTING RELEASES (for every module): inside the transaction that makes the change, after it,
 *
 *   import { emitOcdsEvent } from '@/modules/ocds';
 *   await emitOcdsEvent(tx, { type: 'framework', frameworkId });          // created / dates / definition / status
 *   await emitOcdsEvent(tx, { type: 'framework.awards', frameworkId });   // suppliers passed onto it
 *   await emitOcdsEvent(tx, { type: 'direct_award', outcomeId });         // awarded direct-award outcome
 *
 * Opportunities and call-off contracts publish through call-off-events.ts (emitOpportunityTender,
 * emitOpportunityAward, emitContractEvent), called by their services. The scheduler emits { type: 'framework' }
 * for each framework, so a status that follows the dates is published; syncOcds() (seed, "Publish current
 * data") publishes frameworks, framework awards and direct awards not yet out.
 *
 * For anything else, build the body with the generic builders and emit it as a release of a process:
 *
 *   await emitOcdsEvent(tx, { type: 'release', emission: {
 *     process: { type: 'opportunity', id: opportunity.id },   // the object that IS the contracting process (its ocid)
 *     kind: 'tender',                                         // family: an unchanged repeat of the last one is skipped
 *     tag: (first) => [first ? 'tender' : 'tenderUpdate'],
 *     body: tenderBody({ id: opportunity.id, title, status: 'active', buyer: buyerParty(org), competitive: true,
 *                        procurementMethod: 'open', tenderPeriod: { startDate, endDate },
 *                        framework: await frameworkLink(tx, frameworkId, frameworkTitle, [lot]) }, title),
 *   } });
 *
 *   tender amendment:   kind 'tender', tag ['tenderAmendment'],     body tenderAmendmentBody(id, changes, { id, date, rationale })
 *   cancellation:       kind 'tender', tag ['tenderCancellation'],  body tenderCancellationBody(id, { date, rationale })
 *   award:              kind 'award',  tag ['award'],               body awardsBody([{ id, status: 'active', date, value: money(v, currency), suppliers: [supplierParty(s)], buyer }])
 *   contract signed:    kind 'contract:<id>', tag ['contract'],     body contractBody({ id, awardID, status: 'active', dateSigned, period, value, documents: SOWs })
 *   variation:          kind 'contract:<id>', tag ['contractAmendment'], body contractAmendmentBody(id, awardID, changes, { id, date, rationale })
 *   termination:        kind 'contract:<id>', tag ['contractTermination'], body contractTerminationBody(id, awardID, { date, rationale })
 *
 * A call-off reached by further competition uses the opportunity as its process (tender, award and contract
 * releases share its ocid); a direct award uses its outcome. The tenant (prefix, currency, language) is read
 * through the same transaction; nothing is stored when the tenant has no ocid prefix. Each release is validated
 * against the official schema before it is stored (an invalid one throws and rolls the transaction back), and
 * stored rows are immutable (ocds_releases refuses UPDATE/DELETE).
 */
export * from './builders';
export { emitOcdsEvent, syncOcds, tenantOfTransaction, type OcdsEvent } from './domain-events';
export { frameworkLink } from './links';
export { ocidFor, publishRelease, OcdsInvalidReleaseError, type ReleaseEmission, type PublishedRelease } from './publish';
export type { Release, ReleaseBody, ReleaseTag } from './types';
