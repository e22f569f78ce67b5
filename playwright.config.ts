import { defineConfig } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3300);

/*
 * One production server for the whole run (npm start on a fresh embedded database in a temp dir),
 * Debian's chromium, and a custom domain mapped to loopback. Node cannot resolve *.localhost here; Chromium can.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--host-resolver-rules=MAP marketplace.uk.example 127.0.0.1',
      ],
    },
  },
  webServer: {
    command: 'bash tests/e2e/serve.sh',
    url: `http://localhost:${E2E_PORT}/api/health`,
    // Seeding and a production build on 2 shared cores: allow for a slow machine (still far inside CI's 30 minutes).
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
