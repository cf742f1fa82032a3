import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { grpcOutcome, httpOutcome } from './request-outcome.js';

describe('request outcomes', () => {
  it('HTTP: 5xx is an error, 4xx a refusal, an unfinished response an abort', () => {
    assert.equal(httpOutcome(201, true), 'ok');
    assert.equal(httpOutcome(401, true), 'client_error');
    assert.equal(httpOutcome(429, true), 'client_error');
    assert.equal(httpOutcome(503, true), 'error');
    assert.equal(httpOutcome(200, false), 'aborted');
  });

  it('gRPC: refusals of the request are client errors, server-side failures are errors', () => {
    assert.equal(grpcOutcome(status.OK), 'ok');
    for (const code of [status.INVALID_ARGUMENT, status.UNAUTHENTICATED, status.NOT_FOUND])
      assert.equal(grpcOutcome(code), 'client_error');
    for (const code of [status.INTERNAL, status.UNAVAILABLE, status.DEADLINE_EXCEEDED])
      assert.equal(grpcOutcome(code), 'error');
    assert.equal(grpcOutcome(status.CANCELLED), 'aborted');
  });
});
