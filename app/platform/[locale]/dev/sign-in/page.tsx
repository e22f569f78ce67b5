import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, users } from '@/db/schema/platform';
import { getTranslator } from '@/modules/i18n/server';
import { demoPlatformSignIn } from '@/modules/onboarding/platform-auth-actions';
import { platformNotFound } from '@/modules/onboarding/platform-context';
import { isDemoMode } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

/** Demonstration mode: sign in as a seeded platform operator without email. */
export default async function PlatformDemoSignInPage({ params }: PageProps<'/platform/[locale]/dev/sign-in'>) {
  const { locale } = await params;
  if (!isDemoMode()) platformNotFound(locale);
  const t = getTranslator(locale);
  const people = await getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(isNull(memberships.tenantId), eq(memberships.role, 'platform_admin')))
    .orderBy(asc(users.email));
  return (
    <>
      <PageHeading>{t('dev.quickSignInTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('platformConsole.demoSignInIntro')}</p>
      {people.length === 0 ? (
        <p>{t('dev.noDemoUsers')}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {people.map((person) => (
            <li key={person.id} className="border border-rule p-4">
              <p className="font-bold">{person.name ?? person.email}</p>
              <p className="mb-1 text-sm text-muted">{person.email}</p>
              <p className="mb-3">{t('roles.platform_admin')}</p>
              <form action={demoPlatformSignIn}>
                <input type="hidden" name="userId" value={person.id} />
                <button type="submit" className="cursor-pointer bg-ink px-4 py-2 font-bold text-white">
                  {t('dev.signInAs', { name: person.name ?? person.email })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
