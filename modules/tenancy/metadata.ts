import type { Metadata } from 'next';
import { tenantPageContext } from './context';

/** generateMetadata for a tenant page whose title is one translation key. */
export function titleFromKey(key: string) {
  return async function generateMetadata({ params }: { params: Promise<{ tenant: string; locale: string }> }): Promise<Metadata> {
    const { tenant, locale } = await params;
    const { t } = await tenantPageContext(tenant, locale);
    return { title: t(key) };
  };
}
