// Spike: calm, a sudden 10x burst, calm again; the system must recover without errors piling up.
import { login } from './lib/session.js';
import { createOrder } from './lib/orders-http.js';

export const options = {
  scenarios: {
    orders: {
      executor: 'ramping-arrival-rate',
      startRate: 20,
      timeUnit: '1s',
      preAllocatedVUs: 100,
      maxVUs: 500,
      stages: [
        { target: 20, duration: '20s' },
        { target: 300, duration: '5s' },
        { target: 300, duration: '20s' },
        { target: 20, duration: '5s' },
        { target: 20, duration: '20s' },
      ],
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.02'],
    'http_req_duration{name:CreateOrder}': ['p(95)<500'],
  },
};

export function setup() {
  return { token: login('spike') };
}

export default function (data) {
  createOrder(data.token);
}
