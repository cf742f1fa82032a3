// Load: a steady open-model arrival rate, the everyday traffic the targets are set for.
import { login } from './lib/session.js';
import { createOrder } from './lib/orders-http.js';

export const options = {
  scenarios: {
    orders: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 100),
      timeUnit: '1s',
      duration: __ENV.DURATION || '1m',
      preAllocatedVUs: 50,
      maxVUs: 200,
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:CreateOrder}': ['p(95)<15', 'p(99)<50'],
    dropped_iterations: ['count<10'],
  },
};

export function setup() {
  return { token: login('load') };
}

export default function (data) {
  createOrder(data.token);
}
