/*
 * An opportunity's status is derived from its timestamps at the moment of asking, so a closing date passes
 * without any job having to run, and every page and rule agrees on it.
 */
export const OPPORTUNITY_STATUSES = ['draft', 'live', 'closed', 'withdrawn', 'cancelled', 'unsuccessful', 'awarded'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export interface OpportunityTimestamps {
  publishedAt: Date | null;
  closesAt: Date | null;
  withdrawnAt: Date | null;
  cancelledAt: Date | null;
  unsuccessfulAt: Date | null;
  awardedAt: Date | null;
}

export function deriveOpportunityStatus(o: OpportunityTimestamps, now: Date): OpportunityStatus {
  if (o.withdrawnAt) return 'withdrawn';
  if (o.awardedAt) return 'awarded';
  if (o.cancelledAt) return 'cancelled';
  if (o.unsuccessfulAt) return 'unsuccessful';
  if (!o.publishedAt || !o.closesAt) return 'draft';
  // The closing instant itself is closed: a response at the boundary second is refused.
  return now.getTime() < o.closesAt.getTime() ? 'live' : 'closed';
}

/** Suppliers may ask questions while live and strictly before the questions deadline. */
export function questionsOpen(o: OpportunityTimestamps & { questionsCloseAt: Date | null }, now: Date): boolean {
  return deriveOpportunityStatus(o, now) === 'live' && !!o.questionsCloseAt && now.getTime() < o.questionsCloseAt.getTime();
}
