// The benchmark's load: CreateOrder at a fixed arrival rate (open model) over gRPC or HTTP.
// Run by `npm run bench` and by the nightly workflow (.github/workflows/nightly-k6.yml). Needs, with
// no default: TOKEN (a customer's access token), ORDERS_GRPC (host:port, TARGET=grpc, the default)
// or ORDERS_URL (TARGET=http), and SUMMARY_FILE (where handleSummary writes the summary).
// Optional: TARGET, MODEL, RATE, VUS, DURATION, PROTO_DIR.
import grpc from 'k6/net/grpc';
import http from 'k6/http';
import { check } from 'k6';

const TARGET = __ENV.TARGET || 'grpc';
const client = new grpc.Client();
client.load([__ENV.PROTO_DIR || '../proto'], 'orders/v1/orders.proto');

// open: a fixed arrival rate (latency under a given load); closed: VUS users back to back
// (the most the system completes per second).
const RATE = Number(__ENV.RATE || 100);
// Open model: enough VUs for half a second of arrivals in flight. When every VU is busy k6 drops
// the arrival (it is never sent, so its latency is in no percentile) and starts another VU,
// compiling this script and loading the protos again on the CPU the system under test is short
// of: at 300/s, 40 VUs dropped up to 38 arrivals a run where enough VUs sent and timed every one.
const VUS = Number(
  __ENV.VUS || (__ENV.MODEL === 'closed' ? 16 : Math.max(40, Math.ceil(RATE / 2))),
);
const scenario =
  __ENV.MODEL === 'closed'
    ? { executor: 'constant-vus', vus: VUS, duration: __ENV.DURATION || '10s' }
    : {
        executor: 'constant-arrival-rate',
        rate: RATE,
        timeUnit: '1s',
        duration: __ENV.DURATION || '20s',
        preAllocatedVUs: VUS,
        // k6 refuses a maximum below the preallocated count (VUS=500 stopped it before a run).
        maxVUs: Math.max(400, RATE * 2, VUS),
      };

export const options = {
  summaryTrendStats: ['p(50)', 'p(95)', 'p(99)', 'max', 'count'],
  scenarios: { create: scenario },
};

function key() {
  return `${__VU}-${__ITER}-${Date.now()}-${Math.random()}`;
}

function viaGrpc() {
  if (__ITER === 0) client.connect(__ENV.ORDERS_GRPC, { plaintext: true });
  const response = client.invoke(
    'orders.v1.OrderService/CreateOrder',
    {
      idempotency_key: key(),
      amount: { currency_code: 'EUR', amount_minor: 1000 + (__ITER % 500) },
    },
    { metadata: { authorization: `Bearer ${__ENV.TOKEN}` } },
  );
  check(response, {
    approved: (r) =>
      r && r.status === grpc.StatusOK && r.message.order.status === 'ORDER_STATUS_APPROVED',
  });
}

function viaHttp() {
  const response = http.post(
    `${__ENV.ORDERS_URL}/v1/orders`,
    JSON.stringify({
      idempotency_key: key(),
      amount: { currency_code: 'EUR', amount_minor: 1000 + (__ITER % 500) },
    }),
    { headers: { 'content-type': 'application/json', authorization: `Bearer ${__ENV.TOKEN}` } },
  );
  check(response, { approved: (r) => r.status === 201 && r.json('status') === 'APPROVED' });
}

// Latency comes from k6's own grpc_req_duration / http_req_duration (sub-millisecond).
export default function () {
  if (TARGET === 'grpc') viaGrpc();
  else viaHttp();
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY_FILE]: JSON.stringify(data) };
}
