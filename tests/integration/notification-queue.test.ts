import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema/platform';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import { withTenant } from '@/db/with-tenant';
import { deliverNotifications, enqueueNotification, SimulatedCrash } from '@/modules/notifications/queue';
import { saveNotificationSettings } from '@/modules/notifications/provider';
import { findTenantBySlug, forgetCachedTenants, type Tenant } from '@/tenants/registry';
import { startFakeNotify, type FakeNotify } from '../support/fake-notify';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const crash = () => {
  throw new SimulatedCrash('process died');
};

async function tenantNamed(prefix: string): Promise<Tenant> {
  const { slug } = await createTestTenant(prefix);
  forgetCachedTenants();
  return (await findTenantBySlug(slug))!;
}

async function queue(tenant: Tenant, to: string, key: string = randomUUID()) {
  return withTenant(tenant, (tx) => enqueueNotification(tx, { kind: 'contract_signed', to, locale: 'cy', params: { title: 'Cynnal cofnodion', reference: '50001', version: '1', url: 'http://uk.localhost/cy/supplier/contracts/x' }, dedupeKey: key }));
}

async function job(tenant: Tenant, to: string) {
  return (await withTenant(tenant, (tx) => tx.select().from(notificationJobs).where(eq(notificationJobs.recipient, to))))[0]!;
}

describe('notification queue (dev outbox provider)', () => {
  let tenant: Tenant;
  const smtp = process.env.SMTP_URL;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    await ensurePlatformSchema();
    tenant = await tenantNamed('queue');
  });
  afterAll(() => {
    if (smtp) process.env.SMTP_URL = smtp;
  });

  it('a dedupe key queues one job, and a job only exists if its transaction commits', async () => {
    const to = `dedupe-${randomUUID()}@example.test`;
    expect(await queue(tenant, to, `k-${to}`)).toBe(true);
    expect(await queue(tenant, to, `k-${to}`)).toBe(false);
    const rolledBack = `rollback-${randomUUID()}@example.test`;
    await withTenant(tenant, async (tx) => {
      await enqueueNotification(tx, { kind: 'contract_signed', to: rolledBack, locale: 'en', params: {}, dedupeKey: rolledBack });
      throw new Error('the change failed');
    }).catch(() => undefined);
    const rows = await withTenant(tenant, (tx) => tx.select().from(notificationJobs));
    expect(rows.filter((r) => r.recipient === to)).toHaveLength(1);
    expect(rows.filter((r) => r.recipient === rolledBack)).toHaveLength(0);
  });

  it('a job queued before a crash is sent exactly once after the restart', async () => {
    const to = `crash-${randomUUID()}@example.test`;
    await queue(tenant, to);
    // The worker takes the job, then the process dies mid-send: the outbox write rolls back with it.
    await expect(deliverNotifications(tenant, { afterProviderAccepted: crash })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await getDb().select().from(outbox).where(eq(outbox.to, to))).toHaveLength(0);
    expect((await job(tenant, to)).lockedUntil).not.toBeNull();
    // Restarted at once: the dead worker's lock still holds the job.
    await deliverNotifications(tenant);
    expect(await getDb().select().from(outbox).where(eq(outbox.to, to))).toHaveLength(0);
    // After the lock expires the job is sent, once, in Welsh; later runs send nothing more.
    await deliverNotifications(tenant, { now: minutes(3) });
    await deliverNotifications(tenant, { now: minutes(4) });
    const mail = await getDb().select().from(outbox).where(eq(outbox.to, to));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain('Cynnal cofnodion');
    expect(mail[0]!.subject).toMatch(/wedi'i lofnodi/);
    expect(mail[0]!.tenantId).toBe(tenant.id);
    expect(await job(tenant, to)).toMatchObject({ provider: 'outbox', attempts: 2 });
    expect((await job(tenant, to)).sentAt).not.toBeNull();
  });
});

describe('notification queue (GOV.UK Notify provider, local fake)', () => {
  let tenant: Tenant;
  let notify: FakeNotify;
  const templateId = randomUUID();
  const defaultTemplate = randomUUID();

  beforeAll(async () => {
    await ensurePlatformSchema();
    notify = await startFakeNotify();
    tenant = await tenantNamed('notify');
    await withTenant(tenant, (tx) =>
      saveNotificationSettings(tx, { provider: 'notify', apiKey: notify.apiKey, templates: { default: defaultTemplate, contract_signed: templateId }, baseUrl: notify.url }),
    );
  });
  afterAll(async () => {
    await notify.close();
  });

  it('sends the right payload with a valid token', async () => {
    const to = `payload-${randomUUID()}@example.test`;
    await queue(tenant, to);
    expect(await deliverNotifications(tenant)).toBe(1);
    const message = notify.received.find((r) => r.body.email_address === to)!;
    const sent = await job(tenant, to);
    expect(message.body).toMatchObject({
      email_address: to,
      template_id: templateId,
      reference: sent.id,
      personalisation: { title: 'Cynnal cofnodion', reference: '50001', url: 'http://uk.localhost/cy/supplier/contracts/x' },
    });
    const personalisation = message.body.personalisation as Record<string, string>;
    expect(personalisation.subject).toContain('Cynnal cofnodion');
    expect(personalisation.body).toContain('http://uk.localhost/cy/supplier/contracts/x');
    expect(sent).toMatchObject({ provider: 'notify', providerRef: message.id });
  });

  it('a send that succeeded just before a crash is not sent again after the restart', async () => {
    const to = `twice-${randomUUID()}@example.test`;
    await queue(tenant, to);
    await expect(deliverNotifications(tenant, { afterProviderAccepted: crash })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(notify.received.filter((r) => r.body.email_address === to)).toHaveLength(1);
    expect((await job(tenant, to)).sentAt).toBeNull();
    await deliverNotifications(tenant, { now: minutes(3) });
    await deliverNotifications(tenant, { now: minutes(6) });
    expect(notify.received.filter((r) => r.body.email_address === to)).toHaveLength(1);
    const marked = await job(tenant, to);
    expect(marked.sentAt).not.toBeNull();
    expect(marked.providerRef).toBe(notify.received.find((r) => r.body.email_address === to)!.id);
  });

  it('a provider failure is retried later, not lost', async () => {
    const to = `retry-${randomUUID()}@example.test`;
    notify.failFor.add(to);
    await queue(tenant, to);
    expect(await deliverNotifications(tenant)).toBe(0);
    const failed = await job(tenant, to);
    expect(failed.lastError).toContain('500');
    expect(failed.sentAt).toBeNull();
    expect(failed.failedAt).toBeNull();
    // Not before the backoff…
    await deliverNotifications(tenant, { now: minutes(0.5) });
    expect((await job(tenant, to)).attempts).toBe(1);
    notify.failFor.delete(to);
    // …then sent.
    await deliverNotifications(tenant, { now: minutes(2) });
    expect(notify.received.filter((r) => r.body.email_address === to)).toHaveLength(1);
    expect((await job(tenant, to)).sentAt).not.toBeNull();
  });
});

describe('notification settings overview', () => {
  it('shows the provider, a hint of the key and the queue counts; template lines are parsed strictly', async () => {
    const { notificationOverview, parseTemplateLines } = await import('@/modules/notifications/admin');
    await ensurePlatformSchema();
    const tenant = await tenantNamed('settings');
    const before = await withTenant(tenant, notificationOverview);
    expect(before).toMatchObject({ provider: 'smtp', keyHint: null, counts: { waiting: 0, sent: 0, failed: 0 } });
    const key = `live-${randomUUID()}-${randomUUID()}`;
    const template = randomUUID();
    await withTenant(tenant, (tx) => saveNotificationSettings(tx, { provider: 'notify', apiKey: key, templates: { default: template } }));
    await queue(tenant, `count-${randomUUID()}@example.test`);
    const after = await withTenant(tenant, notificationOverview);
    expect(after).toMatchObject({ provider: 'notify', keyHint: `…${key.slice(-4)}`, templates: { default: template }, counts: { waiting: 1 } });
    expect(parseTemplateLines(`default: ${template}\n\ncontract_signed = ${template.toUpperCase()}`)).toEqual({ default: template, contract_signed: template });
    expect(parseTemplateLines('default 1234')).toBeNull();
  });
});
