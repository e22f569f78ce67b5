import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, users } from '@/db/schema/platform';
import { demoSignIn } from '@/modules/auth/demo-sign-in';
import { isDemoMode, pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('dev.quickSignInTitle');

export default async function DemoSignInPage({ params }: PageProps<'/[tenant]/[locale]/dev/sign-in'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  if (!isDemoMode()) pageNotFound(ctx);
  const { t } = ctx;
  const rows = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, ctx.tenant.id))
    .orderBy(asc(users.email));
  const people = new Map<string, { name: string; email: string; roles: string[] }>();
  for (const row of rows) {
    const person = people.get(row.id) ?? { name: row.name ?? row.email, email: row.email, roles: [] };
    person.roles.push(t(`roles.${row.role}`));
    people.set(row.id, person);
  }
  return (
    <>
      <PageHeading>{t('dev.quickSignInTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('dev.quickSignInIntro')}</p>
      {people.size === 0 ? (
        <p>{t('dev.noDemoUsers')}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {[...people.entries()].map(([id, person]) => (
            <li key={id} className="border border-rule p-4">
              <p className="font-bold">{person.name}</p>
              <p className="mb-1 text-sm text-muted">{person.email}</p>
              <p className="mb-3">{person.roles.join(', ')}</p>
              <form action={demoSignIn}>
                <input type="hidden" name="userId" value={id} />
                <button type="submit" className="cursor-pointer bg-brand px-4 py-2 font-bold text-brand-text">
                  {t('dev.signInAs', { name: person.name })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
