import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/*
 * `sessions.ts`: prints one database session token per persona of the uk demo tenant (the scan signs in as each).
 * `sessions.ts keep '<json>'`: until killed, puts those sessions back whenever they disappear. The scanners submit
 * every form they find, the sign-out form included (Debian's wapiti 3.0.4 crashes on -x exclusions, and sqlmap's
 * --crawl-exclude does not stop --forms from posting a form found on an allowed page), and a signed-out scanner
 * would quietly scan the rest as anonymous. Each restored session is counted on stderr, so the report can say so.
 */
const people = { supplier: 'supplier@uk.demo.example', buyer: 'buyer@uk.demo.example', admin: 'admin@uk.demo.example' };
const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_DB_PORT}/postgres`, { max: 1, onnotice: () => {} });

async function userId(email: string): Promise<string> {
  const [user] = await sql<{ id: string }[]>`select id from platform.users where email = ${email}`;
  return user!.id;
}

if (process.argv[2] === 'keep') {
  const tokens = JSON.parse(process.argv[3]!) as Record<string, string>;
  const ids = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([p, e]) => [p, await userId(e)] as const)));
  let stop = false;
  process.on('SIGTERM', () => (stop = true));
  while (!stop) {
    for (const [persona, token] of Object.entries(tokens)) {
      const restored = await sql`
        insert into platform.sessions (session_token, user_id, expires) values (${token}, ${ids[persona]!}, now() + interval '3 hours')
        on conflict do nothing`.catch(() => null);
      if (restored?.count) console.error(`restored ${persona}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
} else {
  const out: Record<string, string> = {};
  for (const [persona, email] of Object.entries(people)) {
    const token = randomBytes(32).toString('hex');
    await sql`insert into platform.sessions (session_token, user_id, expires) values (${token}, ${await userId(email)}, now() + interval '3 hours')`;
    out[persona] = token;
  }
  console.log(JSON.stringify(out));
}
await sql.end();
