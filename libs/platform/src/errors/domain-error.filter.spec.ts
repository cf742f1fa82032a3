import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArgumentsHost } from '@nestjs/common';
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

describe('DomainErrorFilter', () => {
  it('answers RateLimitedError with 429 and Retry-After in whole seconds', () => {
    const { host, sent } = httpHost();
    new DomainErrorFilter().catch(new RateLimitedError('slow down', 12.2), host);
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
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const result = new DomainErrorFilter().catch(new RateLimitedError('slow down', 3), host);
    const error = await firstValueFrom(result as Observable<never>).catch((e: unknown) => e);
    const { code, metadata } = error as { code: number; metadata: { get(k: string): unknown[] } };
    assert.equal(code, 8); // RESOURCE_EXHAUSTED
    assert.deepEqual(metadata.get('retry-after'), ['3']);
  });
});
