// Stress: ramps the arrival rate past saturation to see where latency and errors give way.
import { login } from './lib/session.js';
import { createOrder } from './lib/orders-http.js';

export const options = {
  scenarios: {
    orders: {
      executor: 'ramping-arrival-rate',
      startRate: 50,
      timeUnit: '1s',
      preAllocatedVUs: 100,
      maxVUs: 400,
      stages: [
        { target: 200, duration: '30s' },
        { target: 400, duration: '30s' },
        { target: 600, duration: '30s' },
        { target: 0, duration: '10s' },
      ],
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.05'],
    'http_req_duration{name:CreateOrder}': ['p(99)<2000'],
  },
};

export function setup() {
  return { token: login('stress') };
}

export default function (data) {
  createOrder(data.token);
}
