import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import {
  InternalServerErrorException,
  Logger,
  ServiceUnavailableException,
  type ArgumentsHost,
} from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { firstValueFrom, type Observable } from 'rxjs';
import { DomainErrorFilter } from './domain-error.filter.js';
import { RateLimitedError } from './domain-error.js';

/** Just enough of an Express response to see what the filter writes. */
function httpHost() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = {
    headers: {},
  };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
    status: (code: number) => ((sent.status = code), response),
    type: () => response,
    json: (body: unknown) => void (sent.body = body),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

interface GrpcError {
  code: number;
  message: string;
  metadata: { get(key: string): unknown[] };
}

async function overGrpc(error: unknown): Promise<GrpcError> {
  const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
  const result = new DomainErrorFilter().catch(error, host) as Observable<never>;
  return (await firstValueFrom(result).catch((e: unknown) => e)) as GrpcError;
}

function overHttp(error: unknown) {
  const { host, sent } = httpHost();
  new DomainErrorFilter().catch(error, host);
  return sent;
}

/** What the filter logs at error level, captured through Nest's logger. */
const logged: unknown[][] = [];
const ERROR_ID = /^INTERNAL: internal error \(error id ([0-9a-f-]{36})\)$/;

function loggedErrorIds(): unknown[] {
  return logged.map(([entry]) => (entry as { error_id?: unknown }).error_id);
}

describe('DomainErrorFilter', () => {
  beforeEach(() => {
    logged.length = 0;
    Logger.overrideLogger({
      log: () => undefined,
      warn: () => undefined,
      error: (...args: unknown[]) => void logged.push(args),
    });
  });
  afterEach(() => Logger.overrideLogger(false));

  it('answers RateLimitedError with 429 and Retry-After in whole seconds', () => {
    const sent = overHttp(new RateLimitedError('slow down', 12.2));
    assert.equal(sent.status, 429);
    assert.equal(sent.headers['retry-after'], '13');
    assert.deepEqual(sent.body, {
      type: 'about:blank',
      title: 'RATE_LIMITED',
      status: 429,
      detail: 'slow down',
    });
  });

  it('carries the wait as a retry-after trailer over gRPC', async () => {
    const { code, metadata } = await overGrpc(new RateLimitedError('slow down', 3));
    assert.equal(code, status.RESOURCE_EXHAUSTED);
    assert.deepEqual(metadata.get('retry-after'), ['3']);
  });

  it('answers an unknown error over gRPC with INTERNAL naming a logged error id, nothing of the error', async () => {
    const { code, message, metadata } = await overGrpc(new Error('pg: password=hunter2 refused'));
    assert.equal(code, status.INTERNAL);
    const [, id] = ERROR_ID.exec(message) ?? assert.fail(`no error id in "${message}"`);
    assert.deepEqual(metadata.get('error-code'), ['INTERNAL']);
    assert.deepEqual(loggedErrorIds(), [id]);
  });

  it('answers an RpcException without a status as an unknown error: INTERNAL, generic message, logged id', async () => {
    for (const inner of [
      'mongo at 10.0.0.5: password=hunter2',
      { reason: 'password=hunter2', host: '10.0.0.5' },
    ]) {
      logged.length = 0;
      const { code, message } = await overGrpc(new RpcException(inner));
      assert.equal(code, status.INTERNAL);
      assert.doesNotMatch(message, /hunter2|10\.0\.0\.5/);
      const [, id] = ERROR_ID.exec(message) ?? assert.fail(`no error id in "${message}"`);
      assert.deepEqual(loggedErrorIds(), [id], 'the error is logged under the id the caller got');
    }
  });

  it('keeps the deliberate status and message of an RpcException that carries one', async () => {
    const cases: [number, string][] = [
      [status.NOT_FOUND, 'NOT_FOUND'],
      [status.PERMISSION_DENIED, 'FORBIDDEN'],
      [status.ABORTED, 'ABORTED'],
      [status.UNAVAILABLE, 'UNAVAILABLE'],
    ];
    for (const [grpc, name] of cases) {
      const error = new RpcException({ code: grpc, message: 'order o-1 is elsewhere' });
      const { code, message, metadata } = await overGrpc(error);
      assert.deepEqual([code, message], [grpc, `${name}: order o-1 is elsewhere`]);
      assert.deepEqual(metadata.get('error-code'), [name]);
    }
    assert.deepEqual(logged, [], 'a deliberate status is not an unhandled error');
  });

  it('hides the message of an RpcException whose status says the server failed (INTERNAL, UNKNOWN, DATA_LOSS)', async () => {
    for (const grpc of [status.INTERNAL, status.UNKNOWN, status.DATA_LOSS]) {
      logged.length = 0;
      const error = new RpcException({ code: grpc, message: 'stack: at secret.js:1' });
      const { code, message } = await overGrpc(error);
      assert.equal(code, grpc === status.DATA_LOSS ? status.DATA_LOSS : status.INTERNAL);
      assert.doesNotMatch(message, /secret/);
      assert.match(message, /\(error id [0-9a-f-]{36}\)$/);
      assert.equal(loggedErrorIds().length, 1);
    }
  });

  it('answers an unknown error over HTTP with problem JSON carrying the logged error id', () => {
    const sent = overHttp(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    assert.equal(sent.status, 500);
    const body = sent.body as Record<string, unknown>;
    assert.equal(typeof body.error_id, 'string');
    assert.deepEqual(body, {
      type: 'about:blank',
      title: 'INTERNAL',
      status: 500,
      detail: `internal error (error id ${String(body.error_id)})`,
      error_id: body.error_id,
    });
    assert.deepEqual(loggedErrorIds(), [body.error_id]);
  });

  it('maps an RpcException over HTTP: a deliberate status by its meaning, anything else as a 500 with an id', () => {
    const found = overHttp(new RpcException({ code: status.NOT_FOUND, message: 'no order o-1' }));
    assert.equal(found.status, 404);
    assert.equal((found.body as { detail: string }).detail, 'no order o-1');
    const leaked = overHttp(new RpcException('password=hunter2'));
    assert.equal(leaked.status, 500);
    assert.doesNotMatch(JSON.stringify(leaked.body), /hunter2/);
    assert.equal(loggedErrorIds().length, 1);
  });

  it('keeps a deliberate 503 HttpException; a 500 HttpException is an unhandled error with an id', () => {
    const unavailable = overHttp(new ServiceUnavailableException('auth is down; try again'));
    assert.equal(unavailable.status, 503);
    assert.deepEqual(unavailable.body, {
      type: 'about:blank',
      title: 'UNAVAILABLE',
      status: 503,
      detail: 'auth is down; try again',
    });
    assert.deepEqual(logged, []);
    const failed = overHttp(new InternalServerErrorException('redis at 10.0.0.7 refused'));
    assert.equal(failed.status, 500);
    const body = failed.body as Record<string, unknown>;
    assert.doesNotMatch(JSON.stringify(body), /10\.0\.0\.7/);
    assert.deepEqual(loggedErrorIds(), [body.error_id]);
  });

  it('answers a lost store connection with UNAVAILABLE / 503, Retry-After 1 and a logged id', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const terminated = Object.assign(new Error('Query failed'), {
      driverError: new Error('Connection terminated unexpectedly'),
    });
    const mongo = Object.assign(new Error('connection 3 to 10.0.0.9:27017 closed'), {
      name: 'MongoNetworkError',
    });
    for (const error of [reset, terminated, mongo]) {
      logged.length = 0;
      const { code, message, metadata } = await overGrpc(error);
      assert.equal(code, status.UNAVAILABLE);
      assert.match(
        message,
        /^UNAVAILABLE: a store is unavailable; retry \(error id [0-9a-f-]{36}\)$/,
      );
      assert.deepEqual(metadata.get('retry-after'), ['1']);
      assert.equal(loggedErrorIds().length, 1);
    }
    const sent = overHttp(terminated);
    assert.equal(sent.status, 503);
    assert.equal(sent.headers['retry-after'], '1');
    assert.doesNotMatch(JSON.stringify(sent.body), /10\.0\.0\.9|terminated/);
  });

  it('still answers a failed query that kept its connection as a 500', () => {
    const duplicate = Object.assign(new Error('duplicate key value'), { code: '23505' });
    assert.equal(overHttp(duplicate).status, 500);
  });
});
