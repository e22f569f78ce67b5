import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/* Prints one database session token per persona of the uk demo tenant (the scan signs in as each). */
const people = { supplier: 'supplier@uk.demo.example', buyer: 'buyer@uk.demo.example', admin: 'admin@uk.demo.example' };
const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_DB_PORT}/postgres`, { max: 1, onnotice: () => {} });
const out: Record<string, string> = {};
for (const [persona, email] of Object.entries(people)) {
  const [user] = await sql<{ id: string }[]>`select id from platform.users where email = ${email}`;
  const token = randomBytes(32).toString('hex');
  await sql`insert into platform.sessions (session_token, user_id, expires) values (${token}, ${user!.id}, now() + interval '3 hours')`;
  out[persona] = token;
}
await sql.end();
console.log(JSON.stringify(out));
