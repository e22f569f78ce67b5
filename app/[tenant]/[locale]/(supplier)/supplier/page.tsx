import { withTenant } from '@/db/with-tenant';
import { supplierPageContext } from '@/modules/applications/page-context';
import { answerInvitationAction, inviteTeamMemberAction } from '@/modules/applications/actions';
import { findApplication } from '@/modules/applications/service';
import { isSupplierAdmin, listTeam, pendingInvitations } from '@/modules/applications/team';
import { ActionForm } from '@/modules/ui/action-form';
import { listFrameworks } from '@/modules/frameworks/queries';
import { StatusTag } from '@/modules/frameworks/timeline';
import { localised } from '@/modules/i18n/localised';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('applications.dashboardTitle');

export default async function SupplierDashboard({ params, searchParams }: PageProps<'/[tenant]/[locale]/supplier'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { supplier, user } = await supplierPageContext(ctx);
  const registered = (await searchParams).registered === '1';
  if (!supplier) {
    const invitations = await withTenant(tenant, (tx) => pendingInvitations(tx, user.id));
    return (
      <>
        <PageHeading>{t('applications.dashboardTitle')}</PageHeading>
        {invitations.map((invitation) => (
          <form key={invitation.supplierId} action={answerInvitationAction} className="mb-6 border-4 border-brand p-4" data-testid="invitation">
            <input type="hidden" name="supplier" value={invitation.supplierId} />
            <p className="mb-3 text-lg">{t('team.invitationFrom', { supplier: invitation.legalName })}</p>
            <div className="flex gap-4">
              <button type="submit" name="decision" value="accept" className="cursor-pointer bg-brand px-4 py-2 font-bold text-brand-text">
                {t('team.accept')}
              </button>
              <button type="submit" name="decision" value="decline" className="cursor-pointer border-2 border-brand px-4 py-2 font-bold">
                {t('team.decline')}
              </button>
            </div>
          </form>
        ))}
        <p className="mb-6 max-w-2xl text-lg">{t('applications.noSupplierYet')}</p>
        <p>
          <a href={ctx.href('/supplier/register')} className="inline-block bg-brand px-5 py-2 text-lg font-bold text-brand-text no-underline">
            {t('applications.registerCta')}
          </a>
        </p>
      </>
    );
  }
  const { rows, team, admin } = await withTenant(tenant, async (tx) => {
    const list = await listFrameworks(tx, tenant.config.timezone);
    const withApplications = [];
    for (const f of list) withApplications.push({ framework: f, application: await findApplication(tx, supplier.id, f.id) });
    return { rows: withApplications, team: await listTeam(tx, supplier.id), admin: await isSupplierAdmin(tx, supplier.id, user.id) };
  });
  const fallback = tenant.config.defaultLocale;
  return (
    <>
      {registered ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t('applications.registeredNotice')}
        </p>
      ) : null}
      <PageHeading>{supplier.legalName}</PageHeading>
      <dl className="mb-8 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">{t('applications.registrationNumber')}</dt>
        <dd>
          {supplier.registrationNumber} ({supplier.registrationScheme})
        </dd>
        <dt className="font-bold">{t('applications.organisationSize')}</dt>
        <dd>{t(`sizes.${supplier.organisationSize}`)}</dd>
        {supplier.region ? (
          <>
            <dt className="font-bold">{t('applications.region')}</dt>
            <dd>{supplier.region}</dd>
          </>
        ) : null}
      </dl>
      <h2 className="mb-4 text-2xl font-bold">{t('applications.yourFrameworks')}</h2>
      <ul className="space-y-4">
        {rows.map(({ framework, application }) => (
          <li key={framework.id} className="border border-rule p-4">
            <h3 className="mb-1 text-lg font-bold">
              <a href={ctx.href(`/supplier/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
            </h3>
            <p className="mb-1">
              <StatusTag status={framework.status} t={t} />
            </p>
            <p className="text-muted">
              {application
                ? application.declarationStatus === 'complete'
                  ? t('applications.stateSubmitted')
                  : t('applications.stateInProgress')
                : framework.status === 'open'
                  ? t('applications.stateNotStarted')
                  : t('applications.stateNotApplied')}
            </p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="team" className="mt-10">
        <h2 id="team" className="mb-4 text-2xl font-bold">{t('team.heading')}</h2>
        <ul className="mb-6 list-disc ps-6" data-testid="team">
          {team.map((m) => (
            <li key={m.userId}>
              {m.name ? `${m.name} – ` : ''}
              {m.email} ({m.acceptedAt ? t(`team.roles.${m.role}`) : t('team.invitedPending')})
            </li>
          ))}
        </ul>
        {admin ? (
          <ActionForm
            id="invite"
            action={inviteTeamMemberAction}
            fields={[{ name: 'email', label: t('team.inviteEmail'), hint: t('team.inviteHint'), type: 'text', autoComplete: 'off', spellCheck: false }]}
            submitLabel={t('team.invite')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        ) : null}
      </section>
    </>
  );
}
