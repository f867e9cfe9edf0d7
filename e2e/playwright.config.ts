import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Browser tests run the real server binary against the built SPA and a fresh SQLite
// database seeded with the demo data.
//
//   PORTAL_BIN  the server binary (default: ../target/debug/portal, or
//               $CARGO_TARGET_DIR/debug/portal)
//   E2E_PORT    the port it listens on (default 18181)
//   E2E_KEEP_DATA  keep the run's database directory (printed at start) after the run
//
// The SPA must be built first (`cargo xtask frontend`: both bundles into dist/).

const repoRoot = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 18181);
const baseURL = `http://127.0.0.1:${port}`;
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, 'target');
const portalBin = path.resolve(__dirname, process.env.PORTAL_BIN ?? path.join(targetDir, 'debug', 'portal'));
const staticDir = path.join(repoRoot, 'dist');

// The config is loaded again in every worker; the environment carries the one data
// directory of this run to them, so only the first load creates it.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
}
const dataDir = process.env.E2E_DATA_DIR;
if (process.env.E2E_KEEP_DATA) console.log(`e2e data directory: ${dataDir}`);

if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
  throw new Error(`${staticDir}/index.html is missing: build the frontend first (cargo xtask frontend)`);
}
if (!fs.existsSync(portalBin)) {
  throw new Error(`${portalBin} is missing: build the server first (cargo build -p backend) or set PORTAL_BIN`);
}

// Flags for Chromium on a machine without internet (see shared/toolchain.md): without the
// networking ones it floods the closed network with refused connections.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  globalTeardown: './global-teardown.ts',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    { name: 'mobile', use: { ...devices['Pixel 7'] } },
  ],
  webServer: {
    command: `"${portalBin}" serve --demo`,
    // Demo mode keeps its generated JWT secret in ./data: keep it in this run's directory.
    cwd: dataDir,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
      PORT: String(port),
      BIND: '127.0.0.1',
      STATIC_DIR: staticDir,
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
    },
  },
});
