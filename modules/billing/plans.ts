/*
 * Plans offered by this deployment. Prices live in Stripe; each paid plan names the environment variable holding
 * its Stripe price id, so a deployment sets prices without code changes. Amounts here are for display only.
 */
export interface Plan {
  id: 'trial' | 'standard' | 'government';
  /** Stripe price id variable; null for the free trial. */
  priceEnv: string | null;
  /** Days of free use before a paid plan is needed (trial only). */
  trialDays?: number;
  /** Public bodies usually pay by invoice: send_invoice with these payment terms. */
  invoiceDaysUntilDue: number;
}

export const PLANS: readonly Plan[] = [
  { id: 'trial', priceEnv: null, trialDays: 30, invoiceDaysUntilDue: 30 },
  { id: 'standard', priceEnv: 'STRIPE_PRICE_STANDARD', invoiceDaysUntilDue: 30 },
  { id: 'government', priceEnv: 'STRIPE_PRICE_GOVERNMENT', invoiceDaysUntilDue: 60 },
];

export type PlanId = Plan['id'];
export const DEFAULT_PLAN: PlanId = 'trial';

export function findPlan(id: string): Plan | undefined {
  return PLANS.find((p) => p.id === id);
}

export function planPriceId(plan: Plan): string | null {
  return plan.priceEnv ? (process.env[plan.priceEnv] ?? null) : null;
}

/** The plan whose configured Stripe price is this one (webhooks name prices, not plans). */
export function planForPrice(priceId: string | null | undefined): Plan | undefined {
  if (!priceId) return undefined;
  return PLANS.find((p) => planPriceId(p) === priceId);
}

/** Days a subscription may stay unpaid before the marketplace is suspended. */
export function gracePeriodDays(): number {
  return Number(process.env.BILLING_GRACE_DAYS ?? 14);
}
