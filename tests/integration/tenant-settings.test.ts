import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, tenantDomains, tenants, users } from '@/db/schema/platform';
import { auditEvents } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { buyerDomainAllowed, changeMemberRole, inviteMember, listMembers, MemberError, removeMember, updateTenantConfig } from '@/modules/onboarding/settings';
import { findTenantBySlug } from '@/tenants/registry';
import { createTestTenant, ensurePlatformSchema, uniqueSlug } from '../support/tenants';

describe('tenant settings', () => {
  beforeAll(ensurePlatformSchema);

  it('saves a section into the config (SME target where the open-data dashboard reads it), audited in both trails', async () => {
    const tenant = await createTestTenant('st');
    const result = await updateTenantConfig(getDb(), tenant.id, 'sme', (c) => ({ ...c, smeTargetPercent: 33 }), null);
    expect(result).toEqual({ ok: true });
    expect((await findTenantBySlug(tenant.slug))!.config.smeTargetPercent).toBe(33);
    const [raw] = await getDb().select({ v: tenants.configVersion }).from(tenants).where(eq(tenants.id, tenant.id));
    expect(raw!.v).toBe(2);
    const trail = await withTenant(tenant, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.type, 'tenant.settings_updated')));
    expect(trail.map((e) => e.data)).toEqual([{ section: 'sme' }]);
  });

  it('refuses colours failing WCAG AA and a domain another tenant uses, changing nothing', async () => {
    const a = await createTestTenant('st');
    const b = await createTestTenant('st');
    const domain = `${uniqueSlug('d')}.example.gov`;
    expect(await updateTenantConfig(getDb(), a.id, 'domains', (c) => ({ ...c, domains: [domain] }), null)).toEqual({ ok: true });
    expect(await getDb().select().from(tenantDomains).where(eq(tenantDomains.domain, domain))).toEqual([{ domain, tenantId: a.id }]);
    const taken = await updateTenantConfig(getDb(), b.id, 'domains', (c) => ({ ...c, domains: [domain] }), null);
    expect(taken).toEqual({ ok: false, domainTaken: domain });
    const contrast = await updateTenantConfig(getDb(), b.id, 'branding', (c) => ({ ...c, branding: { ...c.branding, primary: '#ffdd00', primaryText: '#ffffff' } }), null);
    expect(contrast.ok).toBe(false);
    expect('error' in contrast && contrast.error.issues[0]!.message).toBe('validation.contrast');
    const [row] = await getDb().select().from(tenants).where(eq(tenants.id, b.id));
    expect(row!.configVersion).toBe(1);
    expect((row!.config as { branding: { primary: string } }).branding.primary).toBe('#1d4f91');
  });

  it('terminology overrides, contact details and the buyer email-domain allow-list', async () => {
    const tenant = await createTestTenant('st');
    const result = await updateTenantConfig(
      getDb(),
      tenant.id,
      'several',
      (c) => ({
        ...c,
        terminology: { en: { 'terms.supplier': 'Seller' } },
        contactPhone: '+44 20 0000 0000',
        buyerEmailDomains: ['gov.uk'],
      }),
      null,
    );
    expect(result).toEqual({ ok: true });
    const config = (await findTenantBySlug(tenant.slug))!.config;
    expect(config.terminology).toEqual({ en: { 'terms.supplier': 'Seller' } });
    expect(buyerDomainAllowed(config, 'jo@cabinet-office.gov.uk')).toBe(true);
    expect(buyerDomainAllowed(config, 'jo@gov.uk')).toBe(true);
    expect(buyerDomainAllowed(config, 'jo@notgov.uk')).toBe(false);
    expect(buyerDomainAllowed(config, 'jo@gov.uk.evil.example')).toBe(false);
    expect(buyerDomainAllowed({ buyerEmailDomains: [] }, 'anyone@anywhere.example')).toBe(true);
  });

  it('members: invite, change role, never remove the last administrator or yourself', async () => {
    const tenant = await createTestTenant('st');
    const adminId = await inviteMember(getDb(), tenant, { email: `admin.${tenant.slug}@example.gov`, name: 'Admin', role: 'tenant_admin' }, '00000000-0000-0000-0000-000000000000');
    const personId = await inviteMember(getDb(), tenant, { email: `buyer.${tenant.slug}@example.gov`, name: 'Buyer', role: 'buyer' }, adminId);
    await changeMemberRole(getDb(), tenant, personId, 'framework_manager', adminId);
    const roles = await getDb().select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, personId), eq(memberships.tenantId, tenant.id)));
    expect(roles).toEqual([{ role: 'framework_manager' }]);
    await expect(removeMember(getDb(), tenant, adminId, adminId)).rejects.toMatchObject({ code: 'self' });
    const other = await inviteMember(getDb(), tenant, { email: `x.${tenant.slug}@example.gov`, name: 'X', role: 'buyer' }, adminId);
    const error = await changeMemberRole(getDb(), tenant, adminId, 'buyer', other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemberError);
    expect((error as MemberError).code).toBe('lastAdmin');
    await removeMember(getDb(), tenant, personId, adminId);
    expect((await listMembers(getDb(), tenant.id)).map((m) => m.userId)).not.toContain(personId);
    // The person's global account stays (they may belong to other marketplaces).
    expect(await getDb().select().from(users).where(eq(users.id, personId))).toHaveLength(1);
    const trail = await withTenant(tenant, (tx) => tx.select({ type: auditEvents.type }).from(auditEvents));
    expect(trail.map((e) => e.type)).toEqual(expect.arrayContaining(['member.invited', 'member.role_changed', 'member.removed']));
  });
});
