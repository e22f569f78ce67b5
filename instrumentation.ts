/**
 * Next calls register() once when the server starts. A single-instance deployment runs the calendar-driven
 * work (publishing services on a framework's live date) here, once a minute. Several instances would each
 * run it too: the work is idempotent, but move it to a job queue (pg-boss) before scaling out.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.DISABLE_SCHEDULER === '1') return;
  const { runScheduledWork } = await import('@/modules/applications/scheduler');
  const tick = () => {
    runScheduledWork().catch((error: unknown) => console.error('scheduled work failed', error));
  };
  setTimeout(tick, 5_000).unref();
  setInterval(tick, Number(process.env.SCHEDULER_INTERVAL_MS ?? 60_000)).unref();
}
