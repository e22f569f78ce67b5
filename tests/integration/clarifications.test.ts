import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/with-tenant';
import { answerClarification, askClarification, ClarificationClosedError, listAllClarifications, listPublishedClarifications } from '@/modules/frameworks/clarifications';
import { createFramework, findFrameworkBySlug } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const ZONE = 'America/Santiago';
const schedule = {
  applicationsOpen: '2026-03-02',
  clarificationsClose: '2026-03-13',
  applicationsClose: '2026-03-27',
  intentionToAward: '2026-04-20',
  live: '2026-05-04',
  expires: '2028-05-04',
  deadlineTime: '12:00',
};
const ASKER = 'a0000000-0000-4000-8000-000000000000';

describe('clarification questions', () => {
  let tenant: { slug: string };
  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('clarify');
    await withTenant(tenant, (tx) => createFramework(tx, { slug: 'nube-1', name: { es: 'Nube 1' }, definition: FRAMEWORK_TEMPLATES.catalogue, schedule }));
  });
  const framework = () => withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, 'nube-1', ZONE))!);

  it('accepts questions until the clarification deadline (12:00 Santiago time), not after', async () => {
    const f = await framework();
    // 13 March 2026 12:00 in Santiago (UTC-3 in summer) is 15:00 UTC.
    await withTenant(tenant, (tx) => askClarification(tx, f, ZONE, '¿Se aceptan servicios alojados fuera de Chile?', ASKER, new Date('2026-03-13T14:59:59Z')));
    await expect(withTenant(tenant, (tx) => askClarification(tx, f, ZONE, 'Pregunta tardía', ASKER, new Date('2026-03-13T15:00:00Z')))).rejects.toBeInstanceOf(ClarificationClosedError);
    await expect(withTenant(tenant, (tx) => askClarification(tx, f, ZONE, 'Pregunta temprana', ASKER, new Date('2026-03-01T12:00:00Z')))).rejects.toBeInstanceOf(ClarificationClosedError);
  });

  it('keeps questions private until answered, then publishes question and answer without the asker', async () => {
    const f = await framework();
    expect(await withTenant(tenant, (tx) => listPublishedClarifications(tx, f.id))).toEqual([]);
    const [question] = await withTenant(tenant, (tx) => listAllClarifications(tx, f.id));
    expect(await withTenant(tenant, (tx) => answerClarification(tx, f, question!.id, 'Sí, si cumplen la ley de protección de datos.', ASKER))).toBe(true);
    const published = await withTenant(tenant, (tx) => listPublishedClarifications(tx, f.id));
    expect(published).toHaveLength(1);
    expect(published[0]).not.toHaveProperty('askedBy');
    expect(published[0]!.answer).toContain('protección de datos');
  });

  it("cannot answer another tenant's question", async () => {
    const other = await createTestTenant('clarify-other');
    await withTenant(other, (tx) => createFramework(tx, { slug: 'nube-1', name: { es: 'Otra' }, definition: FRAMEWORK_TEMPLATES.catalogue, schedule }));
    const otherFramework = await withTenant(other, async (tx) => (await findFrameworkBySlug(tx, 'nube-1', ZONE))!);
    const [mine] = await withTenant(tenant, async (tx) => listAllClarifications(tx, (await findFrameworkBySlug(tx, 'nube-1', ZONE))!.id));
    expect(await withTenant(other, (tx) => answerClarification(tx, otherFramework, mine!.id, 'Hijacked', ASKER))).toBe(false);
  });
});
