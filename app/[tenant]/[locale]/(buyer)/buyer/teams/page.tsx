import { withTenant } from '@/db/with-tenant';
import { createTeamAction, teamMembershipAction } from '@/modules/buyers/team-actions';
import { listTeams } from '@/modules/buyers/teams';
import { buyerPageContext } from '@/modules/direct-award/page-context';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('teams.title');

/** Teams of the buyer's organisation: projects shared with a team are visible to its members only. */
export default async function TeamsPage({ params }: PageProps<'/[tenant]/[locale]/buyer/teams'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { organisation, user } = await buyerPageContext(ctx);
  if (!organisation) {
    return (
      <>
        <PageHeading>{t('teams.title')}</PageHeading>
        <p className="mb-4 max-w-2xl">{t('projects.noOrganisation')}</p>
        <a href={ctx.href('/buyer/join')}>{t('buyers.joinTitle')}</a>
      </>
    );
  }
  const teams = await withTenant(tenant, (tx) => listTeams(tx, organisation.id, user.id));
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/buyer/projects')}>{t('projects.title')}</a>
      </p>
      <PageHeading>{t('teams.title')}</PageHeading>
      <p className="mb-6 text-lg">{organisation.name}</p>
      <p className="mb-8 max-w-2xl">{t('teams.intro')}</p>
      {teams.length === 0 ? (
        <p className="mb-8">{t('teams.none')}</p>
      ) : (
        <ul className="mb-10 divide-y divide-rule border-y border-rule" data-testid="teams">
          {teams.map((team, i) => (
            <li key={team.id} className="flex flex-wrap items-center justify-between gap-4 py-3">
              <span>
                <strong>{team.name}</strong> · {t('teams.memberCount', { count: team.members })}
                {team.isMember ? ` · ${t('teams.youAreMember')}` : ''}
              </span>
              <ActionForm
                id={`membership-${i}`}
                action={teamMembershipAction}
                fields={[
                  { name: 'team', label: '', type: 'hidden', defaultValue: team.id },
                  { name: 'membership', label: '', type: 'hidden', defaultValue: team.isMember ? 'leave' : 'join' },
                ]}
                submitLabel={team.isMember ? t('teams.leave', { name: team.name }) : t('teams.join', { name: team.name })}
                errorSummaryTitle={t('errors.summaryTitle')}
              />
            </li>
          ))}
        </ul>
      )}
      <h2 className="mb-2 text-2xl font-bold">{t('teams.createHeading')}</h2>
      <ActionForm
        id="create-team"
        action={createTeamAction}
        fields={[{ name: 'name', label: t('teams.nameLabel'), hint: t('teams.nameHint'), type: 'text' }]}
        submitLabel={t('teams.create')}
        errorSummaryTitle={t('errors.summaryTitle')}
      />
    </>
  );
}
