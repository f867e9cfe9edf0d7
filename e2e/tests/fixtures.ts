import { expect, test as base, type Browser, type BrowserContext } from '@playwright/test';

// Every test fails if the page broke the Content-Security-Policy: the app must work under
// the policy the server sends (backend/src/http/security.rs), not only in a lax browser.
// Specs import `test` and `expect` from here instead of '@playwright/test'.

/** The name of the binding through which pages report violations to the test. */
const BINDING = '__portalCspViolation';

/** Reports every `securitypolicyviolation` event and CSP console error of `context`. */
async function watch(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding(BINDING, ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  // Init scripts are injected by the browser itself, so the policy does not block them.
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}` +
          ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  }, BINDING);
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      violations.push(`${message.location().url}: console: ${message.text()}`);
    }
  });
}

export const test = base.extend<{ cspViolations: string[]; cspGuard: void }>({
  /** What the pages of this test reported; a test of the guard may read and clear it. */
  // eslint-disable-next-line no-empty-pattern
  cspViolations: async ({}, use) => {
    await use([]);
  },
  cspGuard: [
    async ({ context, browser, cspViolations }, use) => {
      await watch(context, cspViolations);
      // Contexts a test opens itself (a second user on a phone) are watched as well.
      const original = browser.newContext;
      const watched: Browser['newContext'] = async (options) => {
        const opened = await original.call(browser, options);
        await watch(opened, cspViolations);
        return opened;
      };
      browser.newContext = watched;
      try {
        await use();
      } finally {
        browser.newContext = original;
      }
      expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * For protocol tests that open no page (the GraphQL-over-HTTP audits, a websocket
 * client): no browser is started, so there is no policy to watch.
 */
export const pagelessTest = base;

export { expect };
