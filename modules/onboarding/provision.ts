import { and, eq, sql as dsql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database } from '@/db/client';
import { migrateTenant } from '@/db/migrator';
import { memberships, tenantAssets, tenantDomains, tenants, users } from '@/db/schema/platform';
import { tenantBilling, tenantDrafts } from '@/db/schema/platform-onboarding';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent, recordPlatformAuditEvent } from '@/modules/audit/record';
import { DEFAULT_PLAN } from '@/modules/billing/plans';
import { setContentLanguage } from '@/modules/catalogue/search';
import { createFramework } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES, type FrameworkTemplateName } from '@/modules/frameworks/templates';
import { getTranslator } from '@/modules/i18n/server';
import { sendMail } from '@/modules/notifications/send-mail';
import type { TTenantConfig } from '@/tenants/config-schema';
import { forgetCachedTenants, type Tenant } from '@/tenants/registry';
import { tenantBaseUrl } from '@/tenants/urls';
import { domainTaken, findDraft, slugTaken } from './drafts';
import { buildTenantConfig, type TemplateChoice, type WizardData } from './wizard-schema';

/*
 * Turning a submitted draft into a live marketplace. Steps run in order and each is recorded on the draft, so
 * the operator watches progress. Migrations and seeding run in their own transactions (the runner's design), so
 * instead of one transaction a failure is compensated: the schema is dropped and the tenant row (with its
 * domains, assets, memberships and billing, by cascade) deleted, leaving nothing half made. The draft keeps the
 * answers and the reason, and can be submitted again.
 */

export const PROVISION_STEPS = ['checked', 'registered', 'migrated', 'seeded', 'adminAdded', 'invited', 'live'] as const;
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

export class ProvisionError extends Error {
  constructor(readonly code: 'slugTaken' | 'domainTaken' | 'notSubmittable' | 'incomplete', message?: string) {
    super(message ?? code);
  }
}

export interface ProvisionOptions {
  /** Tests only: throw right after this step, to prove a failure leaves nothing behind. */
  failAfter?: ProvisionStep;
  actorUserId?: string | null;
  now?: Date;
}

/** Marks a draft as submitted (draft or failed → provisioning). False if it was not in a submittable state. */
export async function claimDraftForProvisioning(db: Database, draftId: string): Promise<boolean> {
  const rows = await db
    .update(tenantDrafts)
    .set({ status: 'provisioning', progress: [], error: null, updatedAt: new Date() })
    .where(and(eq(tenantDrafts.id, draftId), dsql`${tenantDrafts.status} in ('draft', 'failed')`))
    .returning({ id: tenantDrafts.id });
  return rows.length === 1;
}

/** Runs provisioning for a claimed draft; never throws (the outcome is on the draft). Returns the new slug or null. */
export async function provisionDraft(db: Database, sql: postgres.Sql, draftId: string, options: ProvisionOptions = {}): Promise<string | null> {
  const draft = await findDraft(db, draftId);
  if (!draft || draft.status !== 'provisioning') return null;
  const done: ProvisionStep[] = [];
  let createdTenantId: string | null = null;
  let createdUserId: string | null = null;
  let config: TTenantConfig | null = null;
  const step = async (name: ProvisionStep) => {
    done.push(name);
    await db.update(tenantDrafts).set({ progress: [...done], updatedAt: new Date() }).where(eq(tenantDrafts.id, draftId));
    if (options.failAfter === name) throw new Error(`Injected failure after ${name}`);
  };
  try {
    const data = draft.data as WizardData;
    config = buildTenantConfig(data, draft.logoContentType);
    if (await slugTaken(db, config.slug)) throw new ProvisionError('slugTaken');
    const taken = await domainTaken(db, config.domains);
    if (taken) throw new ProvisionError('domainTaken', taken);
    await step('checked');

    createdTenantId = await db.transaction(async (tx) => {
      const [row] = await tx.insert(tenants).values({ slug: config!.slug, config: config!, status: 'provisioning' }).returning({ id: tenants.id });
      const id = row!.id;
      if (config!.domains.length) await tx.insert(tenantDomains).values(config!.domains.map((domain) => ({ domain, tenantId: id })));
      if (draft.logo && draft.logoContentType) {
        await tx.insert(tenantAssets).values({ tenantId: id, name: 'logo', contentType: draft.logoContentType, body: draft.logo });
      }
      await tx.insert(tenantBilling).values({ tenantId: id, plan: DEFAULT_PLAN });
      await tx.update(tenantDrafts).set({ tenantId: id }).where(eq(tenantDrafts.id, draftId));
      return id;
    });
    await step('registered');

    await migrateTenant(sql, config.slug);
    await step('migrated');

    await seedTemplate(db, config, data.template?.template ?? 'blank', options.now ?? new Date(), options.actorUserId ?? null);
    await step('seeded');

    const admin = data.admin!;
    createdUserId = await db.transaction(async (tx) => {
      const inserted = await tx.insert(users).values({ email: admin.adminEmail, name: admin.adminName }).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, admin.adminEmail)).limit(1);
      await tx.insert(memberships).values({ userId: user!.id, tenantId: createdTenantId!, role: 'tenant_admin' }).onConflictDoNothing();
      return inserted[0]?.id ?? null;
    });
    await step('adminAdded');

    await sendInvitation(config, createdTenantId, admin.adminEmail);
    await step('invited');

    await db.transaction(async (tx) => {
      await tx.update(tenants).set({ status: 'trial', updatedAt: new Date() }).where(eq(tenants.id, createdTenantId!));
      await recordPlatformAuditEvent(tx, {
        type: 'tenant.provisioned',
        tenantId: createdTenantId,
        actorUserId: options.actorUserId ?? draft.createdBy,
        objectType: 'tenant',
        objectId: config!.slug,
        data: { draft: draftId, template: data.template?.template ?? 'blank', status: 'trial' },
      });
      await tx.update(tenantDrafts).set({ status: 'live', progress: [...done, 'live'], updatedAt: new Date() }).where(eq(tenantDrafts.id, draftId));
    });
    forgetCachedTenants();
    return config.slug;
  } catch (error) {
    const reason = error instanceof ProvisionError ? `${error.code}${error.message !== error.code ? `: ${error.message}` : ''}` : (error as Error).message;
    await rollBack(db, sql, config?.slug ?? null, createdTenantId, createdUserId);
    await db
      .update(tenantDrafts)
      .set({ status: 'failed', error: reason.slice(0, 1000), tenantId: null, updatedAt: new Date() })
      .where(eq(tenantDrafts.id, draftId));
    await recordPlatformAuditEvent(db, {
      type: 'tenant.provisioning_failed',
      actorUserId: options.actorUserId ?? draft.createdBy,
      objectType: 'tenant_draft',
      objectId: draftId,
      data: { slug: config?.slug ?? null, reason: reason.slice(0, 1000), after: done.at(-1) ?? null },
    });
    forgetCachedTenants();
    return null;
  }
}

/** Removes whatever this attempt created; only the tenant it created itself (matched by id, still provisioning). */
async function rollBack(db: Database, sql: postgres.Sql, slug: string | null, tenantId: string | null, userId: string | null): Promise<void> {
  if (!tenantId || !slug) return;
  await sql.begin(async (tx) => {
    await tx.unsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(tenantSchemaName(slug))} CASCADE`);
    await tx`delete from platform.tenants where id = ${tenantId} and status = 'provisioning'`;
    // An account made only for this marketplace goes too; a person who exists elsewhere keeps theirs.
    if (userId) await tx`delete from platform.users u where u.id = ${userId} and not exists (select 1 from platform.memberships m where m.user_id = u.id)`;
  });
  void db;
}

const TEMPLATE_FRAMEWORKS: Record<TemplateChoice, FrameworkTemplateName[]> = {
  blank: [],
  catalogue: ['catalogue'],
  opportunities: ['opportunities'],
  both: ['catalogue', 'opportunities'],
};

/** The chosen template's frameworks, dated to open in a month (status "coming"), named in the enabled languages. */
export async function seedTemplate(db: Database, config: TTenantConfig, template: TemplateChoice, now: Date, actorUserId: string | null): Promise<number> {
  const names = TEMPLATE_FRAMEWORKS[template];
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const year = now.getUTCFullYear() + 1;
  return withTenant(
    { slug: config.slug },
    async (tx) => {
      await setContentLanguage(tx, config.defaultLocale);
      for (const name of names) {
        const definition = FRAMEWORK_TEMPLATES[name];
        const templateNames = definition.name as Record<string, string | undefined>;
        const frameworkName: Record<string, string> = {};
        for (const { code } of config.locales) {
          const base = templateNames[code] ?? getTranslator(code)(`onboarding.templateNames.${name}`);
          frameworkName[code] = `${base} ${year}`;
        }
        await createFramework(tx, {
          slug: `${name === 'catalogue' ? 'cloud-services' : 'digital-outcomes'}-${year}`,
          name: frameworkName,
          definition,
          schedule: { applicationsOpen: day(30), clarificationsClose: day(44), applicationsClose: day(58), intentionToAward: day(80), live: day(94), expires: day(94 + 730), deadlineTime: '17:00' },
          basedOn: `template:${name}`,
          actorUserId,
        });
      }
      await recordAuditEvent(tx, { type: 'tenant.created', actorUserId, objectType: 'tenant', objectId: config.slug, data: { source: 'onboarding', template } });
      return names.length;
    },
    db,
  );
}

async function sendInvitation(config: TTenantConfig, tenantId: string, email: string): Promise<void> {
  const locale = config.defaultLocale;
  const t = getTranslator(locale);
  const name = config.name[locale] ?? config.slug;
  const base = tenantBaseUrl({ slug: config.slug, config } as Tenant);
  const link = `${base}/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/admin`)}`;
  const body = t('onboarding.invitation.body', { name });
  const escape = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  await sendMail({
    tenantId,
    to: email,
    subject: t('onboarding.invitation.subject', { name }),
    text: `${body}\n\n${link}\n\n${t('onboarding.invitation.footer')}\n`,
    html: `<p>${escape(body)}</p><p><a href="${escape(link)}">${escape(link)}</a></p><p>${escape(t('onboarding.invitation.footer'))}</p>`,
  });
}
