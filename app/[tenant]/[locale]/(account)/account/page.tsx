import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('account.title');

export default async function AccountPage({ params }: PageProps<'/[tenant]/[locale]/account'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { t } = ctx;
  const { user, roles } = await requireTenantRole(ctx, []);
  const canAdminister = roles.includes('tenant_admin') || roles.includes('platform_admin');
  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      <p className="mb-6 text-lg" data-testid="signed-in-as">
        {t('account.signedInAs', { email: user.email })}
      </p>
      <h2 className="mb-2 text-2xl font-bold">{t('account.rolesHeading')}</h2>
      {roles.length === 0 ? (
        <p className="mb-4">{t('account.noRoles')}</p>
      ) : (
        <ul className="mb-4 list-disc ps-6" data-testid="roles">
          {roles.map((role) => (
            <li key={role}>{t(`roles.${role}`)}</li>
          ))}
        </ul>
      )}
      <p className="mb-6 text-muted">{t('account.otherMarketplaces')}</p>
      <p className="mb-2">
        <a href={ctx.href('/supplier')}>{t('account.supplierLink')}</a>
      </p>
      <p className="mb-2">
        <a href={ctx.href('/supplier/opportunities')}>{t('opportunities.supplierTitle')}</a>
      </p>
      <p className="mb-2">
        <a href={ctx.href('/buyer/projects')}>{t('account.projectsLink')}</a>
      </p>
      <p className="mb-2">
        <a href={ctx.href('/buyer/opportunities')}>{t('opportunities.buyerTitle')}</a>
      </p>
      <p className="mb-2">
        <a href={ctx.href('/buyer/contracts')}>{t('contracts.accountLink.buyer')}</a>
      </p>
      <p className="mb-2">
        <a href={ctx.href('/supplier/contracts')}>{t('contracts.accountLink.supplier')}</a>
      </p>
      <p className="mb-2">
        <a href={ctx.href('/alerts')}>{t('alerts.title')}</a>
      </p>
      {canAdminister ? (
        <p>
          <a href={ctx.href('/admin')}>{t('nav.admin')}</a>
        </p>
      ) : null}
    </>
  );
}
