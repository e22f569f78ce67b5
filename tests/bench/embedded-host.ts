import { startEmbeddedDatabase } from '@/db/embedded';

/*
 * Hosts an in-memory PGlite for the benchmark in its own process, as `npm start` does (the launcher process
 * owns PGlite, the app talks to it over loopback from another process). In the benchmark's own process the
 * WASM engine and the client would share one event loop and measure each other. Prints one JSON line with
 * the URL; exits on SIGTERM/SIGINT or when the parent's stdin pipe closes (parent gone).
 */
const db = await startEmbeddedDatabase({ maxConnections: 32 });
process.stdout.write(`${JSON.stringify({ url: db.url })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await db.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
