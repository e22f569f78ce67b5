'use server';

import { redirect } from 'next/navigation';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { requireActionRole } from '@/modules/tenancy/action-context';
import { syncOcds } from './domain-events';
import { IMPORT_MAX_BYTES, importOcdsPackage } from './import';

export interface ImportFormState {
  error?: string;
  groups?: { title: string; samples: { path: string; message: string }[] }[];
  imported?: { slug: string; ocid: string; href: string; summary: string }[];
}

const ADMINS = ['tenant_admin', 'platform_admin'] as const;

/** Tenant admin uploads an OCDS release or record package of an existing framework and its awards. */
export async function importOcdsAction(_state: ImportFormState, form: FormData): Promise<ImportFormState> {
  const ctx = await requireActionRole(ADMINS);
  const { t } = ctx;
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { error: t('ocds.import.chooseFile') };
  if (file.size > IMPORT_MAX_BYTES) return { error: t('ocds.import.tooLarge') };
  const result = await importOcdsPackage(ctx.tenant, await file.text(), {
    locale: ctx.tenant.config.defaultLocale,
    timeZone: ctx.tenant.config.timezone,
    actor: ctx.user.id,
  });
  if (!result.ok) {
    return {
      error: t('ocds.import.rejected'),
      groups: result.groups.map((g) => ({ title: t(`ocds.import.kinds.${g.kind}`, { n: g.count }), samples: g.samples })),
    };
  }
  return {
    imported: result.frameworks.map((f) => ({
      slug: f.slug,
      ocid: f.ocid,
      href: ctx.href(`/admin/frameworks/${f.slug}`),
      summary: t('ocds.import.created', { lots: f.lots, suppliers: f.suppliers }),
    })),
  };
}

/** Publishes the current state of everything not yet published (e.g. after the prefix was first set). */
export async function publishCurrentDataAction(): Promise<void> {
  const ctx = await requireActionRole(ADMINS);
  const published = await withTenant(ctx.tenant, async (tx) => {
    const n = await syncOcds(tx);
    await recordAuditEvent(tx, { type: 'ocds.synced', actorUserId: ctx.user.id, objectType: 'tenant', objectId: ctx.tenant.slug, data: { releases: n } });
    return n;
  });
  redirect(ctx.href(`/admin/open-data?published=${published}`));
}
