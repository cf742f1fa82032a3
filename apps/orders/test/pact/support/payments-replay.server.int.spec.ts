import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { ON_BEHALF_OF } from '#identity';
import { bearer } from '#testing';
import type { CallIdentity } from '../../../../../scripts/pact/payments-states.js';
import { callUnary } from '../../../../../scripts/pact/grpc-codec.js';
import { PAYMENT_RPCS } from '../../../../../scripts/pact/grpc-rpcs.js';
import { PaymentsReplayServer } from './payments-replay.server.js';

const { processPayment, refundPayment } = PAYMENT_RPCS;
const request = {
  orderId: 'o-1',
  customerId: 'c-1',
  amount: { currencyCode: 'EUR', amountMinor: 100 },
};
const pactRequest = processPayment.request.toJSON(request);
const pactResponse = { payment: { orderId: 'o-1', status: 'PAYMENT_STATUS_CAPTURED' } };

// The consumer tests are only as strict as this stand-in: it must catch a call that differs.
describe('PaymentsReplayServer, the stand-in for payments in consumer tests', () => {
  let replay: PaymentsReplayServer;
  let client: grpc.Client;
  before(async () => {
    replay = await PaymentsReplayServer.start();
    client = new grpc.Client(replay.address, grpc.credentials.createInsecure());
  });
  after(async () => {
    client.close();
    await replay.close();
  });
  const expectCapture = (identity: CallIdentity = { kind: 'orders' }) =>
    replay.expect({ rpc: processPayment, request: pactRequest, response: pactResponse, identity });
  const forPerson = (caller: string, person: string) => {
    const metadata = bearer(caller);
    metadata.set(ON_BEHALF_OF, person);
    return metadata;
  };

  it('answers the expected call with the pact response, decoded by the generated codecs', async () => {
    expectCapture();
    const response = await callUnary(client, processPayment, request, bearer('t'));
    assert.deepEqual(processPayment.response.toJSON(response), pactResponse);
    replay.verify();
  });

  it('reports a request that differs from the pact', async () => {
    expectCapture();
    await callUnary(client, processPayment, { ...request, customerId: 'c-2' }, bearer('t'));
    assert.throws(() => replay.verify(), /request differs:\n {2}pact: {3}.*"customerId":"c-1"/);
  });

  it('reports a missing token, and a token the pact says is absent', async () => {
    expectCapture({ kind: 'orders' });
    await callUnary(client, processPayment, request, new grpc.Metadata());
    assert.throws(() => replay.verify(), /expected a bearer token, got undefined/);
    expectCapture({ kind: 'anonymous' });
    await callUnary(client, processPayment, request, bearer('t'));
    assert.throws(() => replay.verify(), /expected no bearer token, got Bearer t/);
  });

  it("reports a missing or unexpected on-behalf-of token, and the person's token sent as the caller's", async () => {
    const forCustomer: CallIdentity = { kind: 'orders-for', customerId: 'c-1' };
    expectCapture(forCustomer);
    await callUnary(client, processPayment, request, bearer('service'));
    assert.throws(() => replay.verify(), /expected a x-on-behalf-of token, got undefined/);
    expectCapture({ kind: 'orders' });
    await callUnary(client, processPayment, request, forPerson('service', 'person'));
    assert.throws(() => replay.verify(), /expected no x-on-behalf-of token, got person/);
    expectCapture(forCustomer);
    await callUnary(client, processPayment, request, forPerson('person', 'person'));
    assert.throws(() => replay.verify(), /sent as the caller's own/);
    expectCapture(forCustomer);
    await callUnary(client, processPayment, request, forPerson('service', 'person'));
    replay.verify();
  });

  it('reports another RPC than the pact names, and a missing call', async () => {
    expectCapture();
    await assert.rejects(
      callUnary(client, refundPayment, { orderId: 'o-1', reason: '' }, bearer('t')),
      (error: grpc.ServiceError) => error.code === grpc.status.UNIMPLEMENTED,
    );
    assert.throws(
      () => replay.verify(),
      /unexpected call of payments\.v1\.PaymentService\/RefundPayment/,
    );
    expectCapture();
    assert.throws(() => replay.verify(), /expected one call of .*ProcessPayment, got 0/);
  });

  it('answers a status body with that gRPC status', async () => {
    replay.expect({
      rpc: processPayment,
      request: pactRequest,
      response: { code: 'FAILED_PRECONDITION', message: 'PAYMENT_VOIDED: voided' },
      identity: { kind: 'orders' },
    });
    await assert.rejects(
      callUnary(client, processPayment, request, bearer('t')),
      (error: grpc.ServiceError) =>
        error.code === grpc.status.FAILED_PRECONDITION &&
        error.details === 'PAYMENT_VOIDED: voided',
    );
    replay.verify();
  });
});
