'use server';

import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { tenants } from '@/db/schema/platform';
import { requirePlatformAdminAction } from '@/modules/onboarding/platform-context';
import { formStrings } from '@/modules/onboarding/errors';
import type { StepFormState } from '@/modules/onboarding/ui/step-form';
import type { TTenantConfig } from '@/tenants/config-schema';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { BillingError, portalLink, setPlan, startCheckout, startInvoiceSubscription } from './service';

const ZBillingForm = z.object({
  slug: z.string().min(1).max(40),
  plan: z.string().min(1).max(40),
  method: z.enum(['manual', 'invoice', 'checkout', 'portal']),
});

/** Plan changes from the console: by hand, by invoice subscription, by Checkout, or the customer portal. */
export async function billingAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requirePlatformAdminAction();
  const values = formStrings(form);
  const parsed = ZBillingForm.safeParse(values);
  if (!parsed.success) return { errors: { plan: ctx.t('onboarding.errors.chooseOne') }, values };
  const db = getDb();
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, parsed.data.slug)).limit(1);
  if (!row) return { errors: { plan: ctx.t('validation.invalid') }, values };
  const config = row.config as unknown as TTenantConfig;
  const tenant = { id: row.id, slug: row.slug, name: config.name[config.defaultLocale] ?? row.slug, email: config.contactEmail };
  const host = (await headers()).get(TENANT_HEADERS.host) ?? 'localhost';
  const proto = (await headers()).get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  const back = `${proto}://${host}${ctx.href(`/console/tenants/${row.slug}`)}`;
  let target: string | null = null;
  try {
    switch (parsed.data.method) {
      case 'manual':
        await setPlan(db, row.id, parsed.data.plan, ctx.user.id);
        return { notice: ctx.t('billing.planSaved') };
      case 'invoice':
        await startInvoiceSubscription(db, tenant, parsed.data.plan, ctx.user.id);
        return { notice: ctx.t('billing.subscriptionStarted') };
      case 'checkout':
        target = await startCheckout(db, tenant, parsed.data.plan, back);
        break;
      case 'portal':
        target = await portalLink(db, row.id, back);
        break;
    }
  } catch (error) {
    if (error instanceof BillingError) return { errors: { plan: ctx.t(`billing.errors.${error.code}`) }, values };
    console.error('billing action failed', error);
    return { errors: { plan: ctx.t('billing.errors.stripeFailed') }, values };
  }
  redirect(target!);
}
