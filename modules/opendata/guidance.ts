import { and, eq } from 'drizzle-orm';
import { guidancePages } from '@/db/schema/tenant-opendata';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';

/** Public pages whose text tenant administrators write, per locale. */
export const GUIDANCE_PAGES = ['how-to-sell', 'how-to-buy', 'contact', 'accessibility'] as const;
export type GuidancePage = (typeof GUIDANCE_PAGES)[number];

export function isGuidancePage(value: string): value is GuidancePage {
  return (GUIDANCE_PAGES as readonly string[]).includes(value);
}

/** The key of each page's built-in text, used until an administrator writes their own. */
export const DEFAULT_TEXT_KEY: Record<GuidancePage, string> = {
  'how-to-sell': 'guidance.defaults.howToSell',
  'how-to-buy': 'guidance.defaults.howToBuy',
  contact: 'guidance.defaults.contact',
  accessibility: 'guidance.defaults.accessibility',
};

export const TITLE_KEY: Record<GuidancePage, string> = {
  'how-to-sell': 'guidance.titles.howToSell',
  'how-to-buy': 'guidance.titles.howToBuy',
  contact: 'guidance.titles.contact',
  accessibility: 'guidance.titles.accessibility',
};

export async function findGuidance(tx: TenantTx, page: GuidancePage, locale: string): Promise<{ markdown: string; updatedAt: Date } | null> {
  const [row] = await tx
    .select({ markdown: guidancePages.markdown, updatedAt: guidancePages.updatedAt })
    .from(guidancePages)
    .where(and(eq(guidancePages.page, page), eq(guidancePages.locale, locale)))
    .limit(1);
  return row ?? null;
}

export async function listGuidance(tx: TenantTx): Promise<{ page: string; locale: string; updatedAt: Date }[]> {
  return tx.select({ page: guidancePages.page, locale: guidancePages.locale, updatedAt: guidancePages.updatedAt }).from(guidancePages);
}

/** Saves (or, with empty text, removes so the built-in text shows again) one page in one locale; audited. */
export async function saveGuidance(tx: TenantTx, input: { page: GuidancePage; locale: string; markdown: string; userId: string }): Promise<void> {
  const markdown = input.markdown.replace(/\r\n/g, '\n').trim();
  if (markdown === '') {
    await tx.delete(guidancePages).where(and(eq(guidancePages.page, input.page), eq(guidancePages.locale, input.locale)));
  } else {
    await tx
      .insert(guidancePages)
      .values({ page: input.page, locale: input.locale, markdown, updatedBy: input.userId })
      .onConflictDoUpdate({ target: [guidancePages.page, guidancePages.locale], set: { markdown, updatedBy: input.userId, updatedAt: new Date() } });
  }
  await recordAuditEvent(tx, {
    type: markdown === '' ? 'guidance.reset' : 'guidance.updated',
    actorUserId: input.userId,
    objectType: 'guidance_page',
    objectId: `${input.page}/${input.locale}`,
    data: { length: markdown.length },
  });
}
