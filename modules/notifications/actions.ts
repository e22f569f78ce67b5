'use server';

import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { formValues, requireActionRole } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { notificationOverview, parseTemplateLines } from './admin';
import { saveNotificationSettings, ZNotificationSettings } from './provider';

/**
 * Tenant administrators choose how email is delivered. The Notify API key is write-only: left blank, the key
 * already stored is kept; it is never shown back nor written to the audit log.
 */
export async function saveNotificationSettingsAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(['tenant_admin', 'platform_admin']);
  const values = formValues(form);
  delete values.apiKey;
  const provider = z.enum(['smtp', 'notify']).safeParse(form.get('provider'));
  if (!provider.success) return { values, errors: { provider: ctx.t('notifications.admin.chooseProvider') } };
  const errors: Record<string, string> = {};
  const result = await withTenant(ctx.tenant, async (tx) => {
    if (provider.data === 'smtp') {
      await saveNotificationSettings(tx, { provider: 'smtp' });
      await recordAuditEvent(tx, { type: 'notifications.provider_changed', actorUserId: ctx.user.id, objectType: 'tenant', objectId: ctx.tenant.id, data: { provider: 'smtp' } });
      return true;
    }
    const current = await notificationOverview(tx);
    const typed = String(form.get('apiKey') ?? '').trim();
    const apiKey = typed || current.apiKey || '';
    const templates = parseTemplateLines(String(form.get('templates') ?? ''));
    if (!templates || !templates.default) errors.templates = ctx.t('notifications.admin.templatesInvalid');
    const parsed = ZNotificationSettings.safeParse({ provider: 'notify', apiKey, templates: templates ?? {}, ...(current.baseUrl ? { baseUrl: current.baseUrl } : {}) });
    if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'apiKey')) errors.apiKey = ctx.t('notifications.apiKeyInvalid');
    if (Object.keys(errors).length || !parsed.success) {
      if (!Object.keys(errors).length) errors.templates = ctx.t('notifications.admin.templatesInvalid');
      return false;
    }
    await saveNotificationSettings(tx, parsed.data);
    await recordAuditEvent(tx, {
      type: 'notifications.provider_changed',
      actorUserId: ctx.user.id,
      objectType: 'tenant',
      objectId: ctx.tenant.id,
      data: { provider: 'notify', templates: Object.keys(parsed.data.provider === 'notify' ? parsed.data.templates : {}), keyChanged: Boolean(typed) },
    });
    return true;
  });
  if (!result) return { values, errors };
  return { values, notice: ctx.t('notifications.admin.saved') };
}
