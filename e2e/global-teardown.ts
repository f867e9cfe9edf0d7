import fs from 'node:fs';

// Removes this run's database and demo JWT secret unless E2E_KEEP_DATA is set (to look
// into the database after a failure).
export default function globalTeardown(): void {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir || process.env.E2E_KEEP_DATA) return;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
