import { serverAudits } from 'graphql-http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { expect, pagelessTest as test } from './fixtures';
import { graphql, tokenOf, uniqueSku } from './support';

// The API as other programs see it: the GraphQL-over-HTTP audits of the `graphql-http`
// package, and a subscription through the reference `graphql-ws` client. Protocol tests,
// so one browser project runs them.

const port = Number(process.env.E2E_PORT ?? 18181);
const httpUrl = `http://127.0.0.1:${port}/graphql`;
const wsUrl = `ws://127.0.0.1:${port}/graphql/ws`;

test.describe('GraphQL over HTTP (graphql-http audits)', () => {
  test.skip(({ isMobile }) => isMobile, 'a protocol test: the desktop project runs it');

  for (const audit of serverAudits({ url: httpUrl, fetchFn: fetch })) {
    test(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      // 'warn' is a SHOULD the server does not follow; 'error' breaks a MUST.
      const detail =
        result.status === 'ok'
          ? ''
          : `${result.reason}: ${JSON.stringify(await result.response.text?.().catch(() => ''))}`;
      expect(result.status, detail).toBe('ok');
    });
  }
});

test.describe('subscriptions through the graphql-ws client', () => {
  test.skip(({ isMobile }) => isMobile, 'a protocol test: the desktop project runs it');

  test('a stock change reaches a graphql-transport-ws subscriber', async ({ request }, testInfo) => {
    const staff = await tokenOf(request, 'staff@demo.test');
    const categories = await graphql<{ categories: { id: string }[] }>(
      request,
      staff,
      '{ categories { id } }',
    );
    // A product of its own, so no other test's stock moves under this one.
    const sku = uniqueSku(testInfo, 'WS');
    await graphql(
      request,
      staff,
      `mutation($input: ProductInput!) { upsertProduct(input: $input) { sku } }`,
      {
        input: {
          sku,
          nameHe: 'מוצר בדיקה',
          nameEn: 'Protocol test product',
          categoryId: categories.categories[0].id,
          unit: 'unit',
        },
      },
    );

    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${staff}` },
      lazy: false,
      retryAttempts: 0,
    });
    try {
      const updates = client.iterate<{ stockChanged: { sku: string; available: number } }>({
        query: 'subscription($skus: [String!]) { stockChanged(skus: $skus) { sku available } }',
        variables: { skus: [sku] },
      });
      const first = updates.next();
      // The subscription is live once the server acknowledged it; give it a moment, then
      // move the stock until the event arrives (the first move may precede the listener).
      let received: IteratorResult<unknown> | undefined;
      for (let attempt = 0; attempt < 10 && !received; attempt++) {
        await graphql(
          request,
          staff,
          'mutation($input: AdjustStockInput!) { adjustStock(input: $input) { available } }',
          { input: { sku, onHandDelta: 5, reason: 'RECEIPT' } },
        );
        received = await Promise.race([
          first,
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500)),
        ]);
      }
      expect(received?.done).toBe(false);
      const event = (received as IteratorYieldResult<{ data?: { stockChanged: { sku: string; available: number } } }>)
        .value;
      expect(event.data?.stockChanged.sku).toBe(sku);
      expect(event.data?.stockChanged.available % 5).toBe(0);
      expect(event.data?.stockChanged.available).toBeGreaterThan(0);
      await updates.return?.();
    } finally {
      await client.dispose();
    }
  });

  test('a subscription without a valid token is refused', async () => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer forged.token.value' },
      lazy: false,
      retryAttempts: 0,
    });
    try {
      const updates = client.iterate({ query: 'subscription { orderUpdated { id } }' });
      const outcome = await updates.next().then(
        (value) => ({ value, error: undefined as unknown }),
        (error: unknown) => ({ value: undefined, error }),
      );
      // Either the connection is closed (forbidden) or the operation gets an error: never data.
      if (outcome.error === undefined) {
        const value = outcome.value?.value as { data?: unknown; errors?: unknown[] } | undefined;
        expect(value?.data ?? null).toBeNull();
        expect(value?.errors?.length ?? 0).toBeGreaterThan(0);
      }
    } finally {
      await client.dispose();
    }
  });
});
