import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { getTranslator } from '@/modules/i18n/server';
import { signedInUser, tenantFromRequest } from '@/modules/tenancy/context';
import { localeFormat, tenantName } from '@/tenants/registry';
import { contractPdf, statementPdf, type PdfContext } from './pdf';
import { findContractFor, findStatement, loadContractDetail } from './service';

/**
 * A contract or statement of work PDF, only for the two parties (a member of the buyer organisation or of the
 * supplier); anyone else, or anything not found, gets 404. Served as an attachment with nosniff.
 */
export async function contractPdfResponse(request: Request, contractId: string, statementId?: string): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
  const resolved = await tenantFromRequest();
  const user = await signedInUser();
  if (!resolved || !user || !z.uuid().safeParse(contractId).success || (statementId !== undefined && !z.uuid().safeParse(statementId).success)) return notFound();
  const { tenant } = resolved;
  const requested = new URL(request.url).searchParams.get('lang') ?? '';
  const locale = tenant.config.locales.some((l) => l.code === requested) ? requested : tenant.config.defaultLocale;
  const data = await withTenant(tenant, async (tx) => {
    const contract = (await findContractFor(tx, contractId, 'buyer', user.id)) ?? (await findContractFor(tx, contractId, 'supplier', user.id));
    if (!contract) return null;
    const detail = await loadContractDetail(tx, contract, tenant.config.timezone);
    const statement = statementId ? await findStatement(tx, contract.id, statementId) : null;
    if (statementId && !statement) return null;
    return { detail, statement };
  });
  if (!data) return notFound();
  const ctx: PdfContext = {
    t: getTranslator(locale, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: tenant.config.terminology }),
    fmt: { format: localeFormat(tenant, locale), timezone: tenant.config.timezone, currency: tenant.config.currency },
    locale,
    fallbackLocale: tenant.config.defaultLocale,
    marketplace: tenantName(tenant, locale),
  };
  const body = data.statement ? await statementPdf(ctx, data.detail, data.statement) : await contractPdf(ctx, data.detail);
  const name = data.statement ? `contract-${data.detail.contract.reference}-sow-${data.statement.number}.pdf` : `contract-${data.detail.contract.reference}-v${data.detail.shown.version}.pdf`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
