import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { withTenant } from '@/db/with-tenant';
import { createCallOffContract } from '@/modules/contracts/create';
import { serviceTitle, ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';

/*
 * Demonstration awards for a new demo tenant, so its open-data dashboard, contract pages and home figures show
 * something real on first start. Derived from the tenant's own data (its published services, buyer organisations,
 * prices and currency), never from its name. Runs only when the tenant has no contract yet: a tenant whose seed
 * already brings contracts (or a later start) is left alone.
 */

const NIL_USER = '00000000-0000-0000-0000-000000000000';
/**
 * Contract values as multiples of the tenant's median service price: the median carries the currency's scale
 * (pounds, dollars, pesos) without naming any currency, and the factors give a spread from small to large awards.
 */
const FACTORS = [40, 95, 160, 22, 310, 60, 130, 480, 75, 210];

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function seedDemoContracts(db: Database, tenant: { slug: string; currency: string }, now = new Date()): Promise<number> {
  return withTenant(
    tenant,
    async (tx) => {
      const [existing] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from contracts`);
      if ((existing?.n ?? 0) > 0) return 0;
      const services = await tx.execute<{ id: string; supplier_id: string; framework_id: string; lot: string; answers: Record<string, unknown>; definition: unknown; live: string }>(sql`
        select v.id, v.supplier_id, v.framework_id, v.lot, v.answers, f.definition, f.schedule->>'live' as live
        from services v join frameworks f on f.id = v.framework_id
        where v.status = 'published' order by f.slug, v.created_at, v.id`);
      const buyers = await tx.execute<{ id: string; member: string | null }>(sql`
        select b.id, (select m.user_id from buyer_members m where m.organisation_id = b.id order by m.created_at limit 1) as member
        from buyer_organisations b order by b.created_at, b.name`);
      if (services.length === 0 || buyers.length === 0) return 0;
      const prices = services.map((s) => Number((s.answers.price as { min?: string } | undefined)?.min ?? 0)).filter((p) => p > 0).sort((a, b) => a - b);
      const median = prices.length ? prices[Math.floor(prices.length / 2)]! : 1000;
      let created = 0;
      for (let i = 0; i < services.length; i++) {
        const service = services[i]!;
        const definition = ZFrameworkDefinition.parse(service.definition);
        const title = serviceTitle(definition, service.answers) ?? service.lot;
        // Every other service wins a second, later contract with another buyer: spend spreads over time and buyers.
        const awards = i % 2 === 0 ? 2 : 1;
        for (let a = 0; a < awards; a++) {
          const buyer = buyers[(i + a) % buyers.length]!;
          // Rounded to a hundred units, as awards usually are.
          const value = Math.max(100, Math.round((median * FACTORS[(i * 3 + a * 7) % FACTORS.length]!) / 100) * 100).toFixed(2);
          // Awards fall between the framework going live and today, spread across the months.
          const live = new Date(`${service.live}T00:00:00Z`);
          const span = Math.max(1, Math.floor((now.getTime() - live.getTime()) / 86_400_000));
          const awardedOn = addDays(live, Math.min(span - 1, ((i * 53 + a * 97) % span) + 1));
          if (awardedOn > now) continue;
          const start = addDays(awardedOn, 14);
          await createCallOffContract(tx, {
            route: 'direct_award',
            frameworkId: service.framework_id,
            lot: service.lot,
            organisationId: buyer.id,
            supplierId: service.supplier_id,
            serviceId: service.id,
            title,
            value,
            currency: tenant.currency,
            startDate: iso(start),
            endDate: iso(addDays(start, a === 0 ? 364 : 729)),
            awardedOn: iso(awardedOn),
            createdBy: buyer.member ?? NIL_USER,
          });
          created++;
        }
      }
      return created;
    },
    db,
  );
}
