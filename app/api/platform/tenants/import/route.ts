import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { getDb, getSql } from '@/db/client';
import { isShippedLocale } from '@/modules/i18n/locales';
import { routePlatformAdmin, sameOrigin } from '@/modules/onboarding/route-auth';
import { ArchiveError, importTenantArchive } from '@/modules/onboarding/tenant-archive';

/** Exports can be larger than a server action accepts (1 MB), so import is a route handler with its own limit. */
const MAX_IMPORT_BYTES = Number(process.env.TENANT_IMPORT_MAX_BYTES ?? 50 * 1024 * 1024);

export async function POST(request: Request): Promise<Response> {
  const user = await routePlatformAdmin();
  if (!user) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  if (!(await sameOrigin(request))) return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  const length = Number(request.headers.get('content-length') ?? 0);
  const back = (locale: string, query: string) => new Response(null, { status: 303, headers: { location: `/platform/${locale}/console/import?${query}` } });
  if (length > MAX_IMPORT_BYTES) return back('en', 'error=tooLarge');
  const form = await request.formData();
  const localeField = String(form.get('locale') ?? 'en');
  const locale = isShippedLocale(localeField) ? localeField : 'en';
  const file = form.get('archive');
  const slug = String(form.get('slug') ?? '').trim().toLowerCase();
  if (!(file instanceof File) || file.size === 0) return back(locale, `error=fileMissing&slug=${encodeURIComponent(slug)}`);
  if (file.size > MAX_IMPORT_BYTES) return back(locale, 'error=tooLarge');
  let archive: unknown;
  try {
    archive = JSON.parse(await file.text());
  } catch {
    return back(locale, `error=invalidArchive&slug=${encodeURIComponent(slug)}`);
  }
  try {
    await importTenantArchive(getDb(), getSql(), archive, { slug, actorUserId: user.id });
  } catch (error) {
    if (error instanceof ArchiveError) return back(locale, `error=${error.code}&slug=${encodeURIComponent(slug)}`);
    if (error instanceof ZodError) return back(locale, `error=invalidSlug&slug=${encodeURIComponent(slug)}`);
    throw error;
  }
  return new Response(null, { status: 303, headers: { location: `/platform/${locale}/console/tenants/${slug}?imported=1` } });
}
