import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ADMIN,
  checkSagaInvariants,
  login,
  startGateway,
  startTestSystem,
  type Gateway,
  type TestSystem,
} from '#testing';
import { launchChromium, type Browser } from './support/console-browser.js';
import { FAULT_MARKERS } from '#contracts';

/** CI keeps this folder as an artefact (git-ignored). */
const RESULTS = fileURLToPath(new URL('../../../../test-results/', import.meta.url));
const TIMELINE_SCREENSHOT = `${RESULTS}console-timeline.png`;
const TRACE_VIEWER = 'http://127.0.0.1:16686/trace/{traceId}';
const SLOW = { timeout: 30_000 };

interface OrderJson {
  id: string;
  status: string;
}

describe('saga console in headless Chromium, through the NGINX gateway, against auth, payments and orders', () => {
  let system: TestSystem;
  let gateway: Gateway;
  let browser: Browser;
  let page: Page;
  let customer: string;
  let stuckOrder: OrderJson;
  const pageErrors: string[] = [];

  const orders = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${system.orders.httpPort}${path}`, init);
  const placeOrder = async (amountMinor: number, description: string): Promise<OrderJson> => {
    const response = await orders('/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotency_key: randomUUID(),
        amount: { currency_code: 'EUR', amount_minor: amountMinor },
        description,
      }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as OrderJson;
  };
  const row = (orderId: string) => page.locator(`tr[data-order-id="${orderId}"]`);
  const detailStatus = (status: string) =>
    page.locator('.detail-pane .facts .badge', { hasText: status }).first();

  before(async () => {
    system = await startTestSystem({
      SAGA_FAULTS_ENABLED: 'true',
      SAGA_MAX_COMPENSATION_ATTEMPTS: '3',
      SAGA_RETRY_INITIAL_MS: '200',
      SAGA_RETRY_MAX_MS: '400',
      SAGA_RECOVERY_INTERVAL_MS: '200',
      TRACE_VIEWER_URL: TRACE_VIEWER,
    });
    gateway = await startGateway({
      authHttp: `127.0.0.1:${system.auth.httpPort}`,
      ordersHttp: `127.0.0.1:${system.orders.httpPort}`,
      ordersGrpc: `127.0.0.1:${system.orders.grpcPort}`,
    });
    const name = `console-customer-${randomUUID().slice(0, 8)}`;
    customer = await login(system.auth.httpPort, name, 'correct horse battery');
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
    await system?.stop();
  });

  it('signs in with the admin account, by keyboard through labelled fields', async () => {
    await page.goto(`${gateway.url}/console`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('button', { name: /Stuck/ }).waitFor();
    assert.match(await page.locator('.who').innerText(), new RegExp(ADMIN.username));
  });

  it("shows an approved order's saga COMPLETED and a compensated order's saga COMPENSATED", async () => {
    const approved = await placeOrder(1_500, 'console: approved');
    const compensated = await placeOrder(
      2_500,
      `console: confirm fails ${FAULT_MARKERS.failConfirm}`,
    );
    assert.deepEqual([approved.status, compensated.status], ['APPROVED', 'CANCELLED']);
    await row(approved.id).getByText('COMPLETED').waitFor(SLOW);
    await row(compensated.id).getByText('COMPENSATED').waitFor(SLOW);
    // A finished saga's Age cell says how long it took, clearly labelled.
    assert.match(await row(approved.id).locator('td.age').innerText(), /^took \d/);
  });

  it('shows a saga whose refund keeps failing under the stuck filter, without a reload', async () => {
    await page.getByRole('button', { name: /Stuck/ }).click();
    await page.getByRole('button', { name: /Stuck/, pressed: true }).waitFor();
    await page.evaluate('window.__sameDocument = true');
    stuckOrder = await placeOrder(
      3_300,
      `console: refund fails ${FAULT_MARKERS.failConfirm} ${FAULT_MARKERS.failRefund}`,
    );
    await row(stuckOrder.id).getByText('STUCK').waitFor(SLOW);
    // Unfinished: its age, not a duration.
    assert.doesNotMatch(await row(stuckOrder.id).locator('td.age').innerText(), /took/);
    // Each saga shows the definition version it runs on; what is in flight is counted per version.
    assert.match(await row(stuckOrder.id).innerText(), /create-order v2/);
    await page
      .getByTestId('in-flight-by-version')
      .getByText(/create-order v2: 1/)
      .waitFor(SLOW);
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was not reloaded');
    assert.equal(await page.locator('tbody tr').count(), 1, 'only the stuck saga is listed');
  });

  it('retries it after the fault is lifted and watches it reach COMPENSATED', async () => {
    await row(stuckOrder.id).getByRole('link').click();
    await detailStatus('STUCK').waitFor();
    await page.getByRole('heading', { name: 'Last recorded error' }).waitFor();
    await page
      .getByText(/refund failed: test fault switch/)
      .first()
      .waitFor();
    await liftRefundFault();
    await page.getByRole('button', { name: 'Retry now' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Note (optional)').fill('payments fault lifted; retrying');
    await dialog.getByRole('button', { name: 'Retry now' }).click();
    await detailStatus('COMPENSATED').waitFor(SLOW);
    // Finished: the error that made it compensate is history, shown in its timeline only.
    await page.getByRole('heading', { name: 'Last recorded error' }).waitFor({ state: 'detached' });
    await page.locator('.detail-pane dt', { hasText: /^Took$/ }).waitFor();
    await page.getByText('retried by hand').waitFor();
    await page.getByText('payments fault lifted; retrying').waitFor();
    await page.locator('.detail-pane .badge', { hasText: 'REFUNDED' }).waitFor(SLOW);
    // It is no longer stuck: the live list under the stuck filter drops it.
    await row(stuckOrder.id).waitFor({ state: 'detached', ...SLOW });
  });

  it('links trace ids to the trace viewer and saves a screenshot of the timeline', async () => {
    const link = page.locator('.detail-pane a[href^="http://127.0.0.1:16686/trace/"]').first();
    assert.match((await link.getAttribute('href')) ?? '', /\/trace\/[0-9a-f]{32}$/);
    await mkdir(RESULTS, { recursive: true });
    await page.locator('.detail-pane').screenshot({ path: TIMELINE_SCREENSHOT });
    await page.screenshot({ path: `${RESULTS}console-overview.png`, fullPage: true });
    assert.deepEqual(pageErrors, [], 'no script error on the page');
    const polled = gateway.accessLog().filter((r) => r.uri.startsWith('/console/api/sagas?'));
    assert.ok(polled.length > 3 && polled.every((r) => r.status === 200), 'live via the gateway');
    assert.deepEqual(await checkSagaInvariants(system.ordersDb.url, system.paymentsDb.url), []);
  });

  /** The test-only switch, through the admin API, with a token from the console's sign-in. */
  async function liftRefundFault(): Promise<void> {
    const signIn = await orders('/console/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { access_token: token } = (await signIn.json()) as { access_token: string };
    const lifted = await orders('/console/api/test-faults/refund', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ failing: false }),
    });
    assert.deepEqual(await lifted.json(), { failing: false });
  }
});
