import { withTenant } from '@/db/with-tenant';
import { buyerPageContext } from '@/modules/direct-award/page-context';
import { listProjects } from '@/modules/direct-award/service';
import { formatDate } from '@/modules/i18n/format';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('projects.title');

export default async function ProjectsPage({ params }: PageProps<'/[tenant]/[locale]/buyer/projects'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { organisation, user } = await buyerPageContext(ctx);
  if (!organisation) {
    return (
      <>
        <PageHeading>{t('projects.title')}</PageHeading>
        <p className="mb-4 max-w-2xl">{t('projects.noOrganisation')}</p>
        <p>
          <a href={ctx.href('/buyer/join')}>{t('buyers.joinTitle')}</a>
        </p>
      </>
    );
  }
  const projects = await withTenant(tenant, (tx) => listProjects(tx, organisation.id, user.id));
  return (
    <>
      <PageHeading>{t('projects.title')}</PageHeading>
      <p className="mb-6 text-lg">{organisation.name}</p>
      <p className="mb-6 max-w-2xl">{t('projects.intro')}</p>
      <p className="mb-2">
        <a href={ctx.href('/catalogue')}>{t('projects.startSearch')}</a>
      </p>
      <p className="mb-8">
        <a href={ctx.href('/buyer/teams')}>{t('teams.manageLink')}</a>
      </p>
      {projects.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <ul className="divide-y divide-rule border-y border-rule" data-testid="projects">
          {projects.map((p) => (
            <li key={p.id} className="flex justify-between gap-4 py-2">
              <a href={ctx.href(`/buyer/projects/${p.id}`)}>{p.name}</a>
              <span className="text-muted">
                {p.searchEndedAt ? t('projects.endedOn', { date: formatDate(p.searchEndedAt, fmt) }) : t('projects.searching')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
