import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// buyer@demo.test has one cart on the server, and the desktop and mobile projects run in
// parallel against one database: every test that fills that cart (cart.spec.ts,
// keyboard.spec.ts) takes turns through this lock directory of the run.

const LOCK = path.join(os.tmpdir(), `portal-e2e-cart-lock-${path.basename(process.env.E2E_DATA_DIR ?? 'run')}`);

/** A lock older than this was left by a crashed worker. */
export const STALE_CART_LOCK_MS = 240_000;

export async function takeCartLock(): Promise<void> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_CART_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export function releaseCartLock(): void {
  fs.rmSync(LOCK, { recursive: true, force: true });
}
