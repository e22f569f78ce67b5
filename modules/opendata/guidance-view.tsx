import { withTenant } from '@/db/with-tenant';
import type { TenantPageContext } from '@/modules/tenancy/context';
import { tenantName } from '@/tenants/registry';
import { DEFAULT_TEXT_KEY, findGuidance, type GuidancePage } from './guidance';
import { renderMarkdown } from './markdown';

/** Styles for sanitised guidance HTML (no typography plugin: the few elements allowed are styled here). */
export const PROSE =
  'max-w-3xl [&_a]:underline [&_blockquote]:mb-4 [&_blockquote]:border-s-4 [&_blockquote]:border-rule [&_blockquote]:ps-4 [&_code]:font-mono [&_h2]:mb-3 [&_h2]:mt-8 [&_h2]:text-2xl [&_h2]:font-bold [&_h3]:mb-2 [&_h3]:mt-6 [&_h3]:text-xl [&_h3]:font-bold [&_h4]:mb-2 [&_h4]:mt-4 [&_h4]:font-bold [&_li]:mb-1 [&_ol]:mb-4 [&_ol]:list-decimal [&_ol]:ps-6 [&_p]:mb-4 [&_table]:mb-4 [&_td]:border [&_td]:border-rule [&_td]:p-2 [&_th]:border [&_th]:border-rule [&_th]:p-2 [&_ul]:mb-4 [&_ul]:list-disc [&_ul]:ps-6';

/** The tenant's text for a page in this locale (or the built-in text), sanitised, and when it was last changed. */
export async function loadGuidanceHtml(ctx: TenantPageContext, page: GuidancePage): Promise<{ html: string; updatedAt: Date | null; custom: boolean }> {
  const saved = await withTenant(ctx.tenant, (tx) => findGuidance(tx, page, ctx.locale));
  const markdown = saved?.markdown ?? ctx.t(DEFAULT_TEXT_KEY[page], { name: tenantName(ctx.tenant, ctx.locale) });
  return { html: renderMarkdown(markdown), updatedAt: saved?.updatedAt ?? null, custom: Boolean(saved) };
}

export function GuidanceBody(props: { html: string }) {
  // Sanitised by renderMarkdown (allow-listed tags, attributes and URL schemes only).
  return <div className={PROSE} dangerouslySetInnerHTML={{ __html: props.html }} />;
}
