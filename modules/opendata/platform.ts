import { withTenant } from '@/db/with-tenant';
import { listTenants, type Tenant } from '@/tenants/registry';
import { parseOpenDataFilters } from './filters';
import { money, spendHeadline, type Headline } from './queries';

/*
 * Combined figures across the marketplaces that opted in (tenant config openDataOptIn). Each tenant is read in its
 * own transaction on its own schema (no cross-schema query), and the result is cached for a few minutes because it
 * touches every opted-in tenant. Money is never added across currencies: totals are per currency.
 */

export interface PlatformFigures {
  marketplaces: { tenant: Tenant; headline: Headline }[];
  contracts: number;
  smeContracts: number;
  /** SME share of contracts by number, one decimal ('' without contracts). */
  smeContractShare: string;
  valueByCurrency: { currency: string; value: string }[];
}

const TTL_MS = Number(process.env.OPENDATA_PLATFORM_TTL_MS ?? 300_000);
let cached: { at: number; value: PlatformFigures } | null = null;

function addMoney(a: string, b: string): string {
  const cents = BigInt(money(a).replace('.', '')) + BigInt(money(b).replace('.', ''));
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

export async function platformOpenData(now = Date.now()): Promise<PlatformFigures> {
  if (cached && now - cached.at < TTL_MS) return cached.value;
  const opted = (await listTenants()).filter((t) => (t.status === 'active' || t.status === 'trial') && t.config.openDataOptIn === true);
  const marketplaces: PlatformFigures['marketplaces'] = [];
  for (const tenant of opted) {
    const headline = await withTenant(tenant, (tx) => spendHeadline(tx, parseOpenDataFilters({}), tenant.config.currency));
    marketplaces.push({ tenant, headline });
  }
  const contracts = marketplaces.reduce((n, m) => n + m.headline.contracts, 0);
  const smeContracts = marketplaces.reduce((n, m) => n + m.headline.smeContracts, 0);
  const totals = new Map<string, string>();
  for (const m of marketplaces) totals.set(m.tenant.config.currency, addMoney(totals.get(m.tenant.config.currency) ?? '0', m.headline.value));
  const value: PlatformFigures = {
    marketplaces,
    contracts,
    smeContracts,
    smeContractShare: contracts > 0 ? ((100 * smeContracts) / contracts).toFixed(1) : '',
    valueByCurrency: [...totals].map(([currency, v]) => ({ currency, value: v })).sort((a, b) => a.currency.localeCompare(b.currency)),
  };
  cached = { at: now, value };
  return value;
}

export function forgetPlatformOpenData(): void {
  cached = null;
}
