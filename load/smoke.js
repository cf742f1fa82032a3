// Smoke: a few virtual users for a short time; every threshold must hold (used in CI).
import { login } from './lib/session.js';
import { createOrder } from './lib/orders-http.js';

export const options = {
  vus: 2,
  duration: __ENV.DURATION || '10s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:CreateOrder}': ['p(95)<500', 'p(99)<1000'],
    checks: ['rate>0.99'],
    payment_success_rate: ['rate>0.5'],
  },
};

export function setup() {
  return { token: login('smoke') };
}

export default function (data) {
  createOrder(data.token);
}
