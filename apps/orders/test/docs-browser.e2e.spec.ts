import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PostgresEndpoint } from '#platform';
import { startApp, startGateway, testPostgres, type AppProcess, type Gateway } from '#testing';
import { launchChromium, type Browser } from './support/console-browser.js';

type Paths = Record<string, Record<string, unknown>>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** "GET /v1/orders" for every operation of a document. */
function operationsOf(paths: Paths): string[] {
  return Object.entries(paths)
    .flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

/** The operations Swagger UI draws on the page. */
async function drawn(page: Page): Promise<string[]> {
  await page.locator('.opblock').first().waitFor();
  const blocks = await page.locator('.opblock-summary').all();
  const listed = await Promise.all(
    blocks.map(async (block) => {
      const method = (await block.locator('.opblock-summary-method').innerText()).trim();
      const path = await block.locator('.opblock-summary-path').getAttribute('data-path');
      return `${method.toUpperCase()} ${path}`;
    }),
  );
  return [...new Set(listed)].sort();
}

/** Swagger UI in a real browser, through the NGINX gateway's /auth/ and /orders/ prefixes. */
describe('Swagger UI at /docs, through the gateway', () => {
  let databases: PostgresEndpoint[];
  let auth: AppProcess;
  let orders: AppProcess;
  let gateway: Gateway;
  let browser: Browser;

  before(async () => {
    databases = await Promise.all([testPostgres(), testPostgres()]);
    auth = await startApp('auth', { env: { DATABASE_URL: databases[0]!.url } });
    orders = await startApp('orders', {
      grpc: true,
      env: {
        DATABASE_URL: databases[1]!.url,
        AUTH_JWKS_URL: `http://127.0.0.1:${auth.httpPort}/.well-known/jwks.json`,
      },
    });
    gateway = await startGateway({
      authHttp: `127.0.0.1:${auth.httpPort}`,
      ordersHttp: `127.0.0.1:${orders.httpPort}`,
      ordersGrpc: `127.0.0.1:${orders.grpcPort}`,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
    await Promise.all([auth?.stop(), orders?.stop()]);
    await Promise.all((databases ?? []).map((database) => database.close()));
  });

  for (const app of ['auth', 'orders']) {
    it(`shows every route of ${app}'s document at /${app}/docs`, async () => {
      const document = (await (await fetch(`${gateway.url}/${app}/openapi.json`)).json()) as {
        paths: Paths;
      };
      const page = await browser.context.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') blocked.push(message.text());
      });
      await page.goto(`${gateway.url}/${app}/docs`);
      assert.equal(page.url(), `${gateway.url}/${app}/docs/`);
      assert.deepEqual(await drawn(page), operationsOf(document.paths));
      assert.deepEqual(blocked, [], 'no script, style or request was refused');
      await page.close();
    });
  }

  it('tries an operation out through the gateway prefix', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${gateway.url}/orders/docs/#/operations/get_health_live`);
    const operation = page.locator('#operations-operations-get_health_live');
    await operation.locator('.try-out__btn').click();
    await operation.locator('.execute').click();
    const url = operation.locator('.request-url pre');
    await url.waitFor();
    assert.equal((await url.innerText()).trim(), `${gateway.url}/orders/health/live`);
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    assert.equal((await status.innerText()).trim(), '200');
    await page.close();
  });
});
