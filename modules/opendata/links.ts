/*
 * Public opportunity pages (/opportunities, /opportunities/<id>) are built in the opportunities work. Until they are
 * on the branch this code runs from, the home page lists the latest opportunities without linking to them.
 * Set to true when app/[tenant]/[locale]/(public)/opportunities exists.
 */
export const PUBLIC_OPPORTUNITY_PAGES = true;

export function opportunityHref(href: (path: string) => string, id: string): string | null {
  return PUBLIC_OPPORTUNITY_PAGES ? href(`/opportunities/${id}`) : null;
}
