import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { hasAnyRole, rolesInTenant } from '@/modules/auth/memberships';
import { getDb } from '@/db/client';
import { signedInUser, tenantFromRequest } from '@/modules/tenancy/context';
import { attachmentDisposition } from './content';
import { findDownloadableFile } from './uploads';

/**
 * An uploaded document, always as an attachment with nosniff and a sandboxing CSP (the browser never renders it
 * as a page of ours). Not found and not allowed answer the same 404.
 */
export async function documentResponse(fileId: string): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
  const resolved = await tenantFromRequest();
  if (!resolved || !z.uuid().safeParse(fileId).success) return notFound();
  const user = await signedInUser();
  // Framework managers assess applications and approve edits, so they read every supplier's documents.
  const assessor = user ? hasAnyRole(await rolesInTenant(getDb(), user.id, resolved.tenant.id), ['tenant_admin', 'framework_manager', 'platform_admin']) : false;
  const file = await withTenant(resolved.tenant, (tx) => findDownloadableFile(tx, fileId, user?.id ?? null, { assessor }));
  if (!file) return notFound();
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': file.mediaType,
      'content-disposition': attachmentDisposition(file.name),
      'content-length': String(file.content.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': file.isPublic ? 'public, max-age=300' : 'private, no-store',
    },
  });
}
