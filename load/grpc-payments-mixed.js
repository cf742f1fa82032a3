// gRPC mixed: 80% ProcessPayment, 20% RefundPayment of an earlier charge, straight at payments
// (PAYMENTS_GRPC, default localhost:50052: payments is not behind the gateway; the nightly
// workflow publishes its port with docker/compose.load.yaml), called as orders calls it: its
// service token, and the customer's token in x-on-behalf-of. Needs ORDERS_SERVICE_USERNAME /
// ORDERS_SERVICE_PASSWORD (the account auth seeds: npm start's, or compose's docker/.env).
import encoding from 'k6/encoding';
import grpc from 'k6/net/grpc';
import { check } from 'k6';
import { Counter, Rate } from 'k6/metrics';
import { PAYMENTS_GRPC } from './lib/config.js';
import { login, serviceLogin, uuid } from './lib/session.js';

const client = new grpc.Client();
client.load(['../proto'], 'payments/v1/payments.proto');

const captured = new Rate('payment_success_rate');
const refunds = new Counter('refunds');

export const options = {
  scenarios: {
    mixed: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 100),
      timeUnit: '1s',
      duration: __ENV.DURATION || '30s',
      preAllocatedVUs: 20,
      maxVUs: 100,
    },
  },
  thresholds: {
    checks: ['rate>0.99'],
    'grpc_req_duration{method:ProcessPayment}': ['p(95)<20'],
    'grpc_req_duration{method:RefundPayment}': ['p(95)<20'],
  },
};

export function setup() {
  // payments moves money only for orders' service identity, on the customer's behalf.
  const token = login('grpc');
  const subject = JSON.parse(encoding.b64decode(token.split('.')[1], 'rawurl', 's')).sub;
  return { token, subject, service: serviceLogin() };
}

const charged = [];

export default function (data) {
  if (__ITER === 0) client.connect(PAYMENTS_GRPC, { plaintext: true });
  const params = {
    metadata: { authorization: `Bearer ${data.service}`, 'x-on-behalf-of': data.token },
  };
  if (Math.random() < 0.8 || charged.length === 0) {
    const orderId = uuid();
    const response = client.invoke(
      'payments.v1.PaymentService/ProcessPayment',
      {
        order_id: orderId,
        customer_id: data.subject,
        amount: { currency_code: 'EUR', amount_minor: 100 + (__ITER % 5000) },
      },
      { ...params, tags: { method: 'ProcessPayment' } },
    );
    const ok = check(response, { 'charge answered OK': (r) => r && r.status === grpc.StatusOK });
    const status = ok ? response.message.payment.status : '';
    captured.add(status === 'PAYMENT_STATUS_CAPTURED');
    if (status === 'PAYMENT_STATUS_CAPTURED') charged.push(orderId);
  } else {
    const orderId = charged.shift();
    const response = client.invoke(
      'payments.v1.PaymentService/RefundPayment',
      { order_id: orderId, reason: 'k6 mixed load' },
      { ...params, tags: { method: 'RefundPayment' } },
    );
    check(response, { 'refund answered OK': (r) => r && r.status === grpc.StatusOK });
    refunds.add(1);
  }
}
