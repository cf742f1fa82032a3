import http from 'k6/http';
import { check } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import { DECLINE_LIMIT_MINOR, ORDERS_URL } from './config.js';
import { uuid } from './session.js';

export const orderCreation = new Trend('order_creation_duration', true);
export const paymentSuccess = new Rate('payment_success_rate');
export const compensations = new Counter('compensations');

/** Mostly approvable amounts, some over the decline limit. */
export function randomAmount(declineShare = 0.1) {
  if (Math.random() < declineShare) return DECLINE_LIMIT_MINOR + Math.floor(Math.random() * 1000);
  return 100 + Math.floor(Math.random() * 90000);
}

/** POST /v1/orders through the gateway; records the custom metrics. */
export function createOrder(token, amountMinor = randomAmount()) {
  const response = http.post(
    `${ORDERS_URL}/v1/orders`,
    JSON.stringify({
      idempotency_key: uuid(),
      amount: { currency_code: 'EUR', amount_minor: amountMinor },
    }),
    {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      tags: { name: 'CreateOrder' },
    },
  );
  orderCreation.add(response.timings.duration);
  const ok = check(response, { 'order created (201)': (r) => r.status === 201 });
  if (!ok) return undefined;
  const status = response.json('status');
  paymentSuccess.add(status === 'APPROVED');
  if (status === 'CANCELLED') compensations.add(1);
  check(status, {
    'order reached a terminal state': (s) => ['APPROVED', 'REJECTED', 'CANCELLED'].includes(s),
  });
  return response.json();
}
