import { isDeepStrictEqual } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { ON_BEHALF_OF } from '#identity';
import { serviceDefinition } from '../../../../../scripts/pact/grpc-codec.js';
import { isStatusBody, statusCode } from '../../../../../scripts/pact/grpc-message.js';
import { PAYMENT_RPCS, type UnaryRpc } from '../../../../../scripts/pact/grpc-rpcs.js';
import type { CallIdentity } from '../../../../../scripts/pact/payments-states.js';

/** One call the consumer is expected to make, with the answer the pact promises. */
export interface ExpectedCall {
  rpc: UnaryRpc;
  /** Canonical JSON of the request, as the pact holds it. */
  request: unknown;
  /** The pact's response body: the response message's JSON or a `{code, message}` status. */
  response: unknown;
  /**
   * Who must make the call: nobody (no token), orders' service token alone (`authorization:
   * Bearer …`), or that plus a person's token in x-on-behalf-of.
   */
  identity: CallIdentity;
}

/**
 * A real gRPC server standing in for payments during consumer tests: it answers the one call the
 * current interaction describes with the pact's response (encoded by the generated codecs) and
 * records every way the consumer's actual call differs from the pact's request.
 */
export class PaymentsReplayServer {
  private expected?: ExpectedCall;
  private problems: string[] = [];
  private calls = 0;

  /** host:port the server listens on. */
  address = '';

  private constructor(private readonly server: grpc.Server) {}

  static async start(): Promise<PaymentsReplayServer> {
    const server = new grpc.Server();
    const replay = new PaymentsReplayServer(server);
    const rpcs = Object.values(PAYMENT_RPCS) as UnaryRpc[];
    const handlers: grpc.UntypedServiceImplementation = Object.fromEntries(
      rpcs.map((rpc) => [
        rpc.name,
        (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) =>
          replay.answer(rpc, call, done),
      ]),
    );
    server.addService(serviceDefinition(rpcs), handlers);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    replay.address = `127.0.0.1:${port}`;
    return replay;
  }

  expect(call: ExpectedCall): void {
    this.expected = call;
    this.problems = [];
    this.calls = 0;
  }

  /** Throws when the consumer did not make exactly the expected call. */
  verify(): void {
    const expected = this.expected?.rpc.name;
    if (this.calls !== 1) this.problems.push(`expected one call of ${expected}, got ${this.calls}`);
    if (this.problems.length > 0) {
      throw new Error(`the consumer's call does not match the pact:\n${this.problems.join('\n')}`);
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  private checkIdentity(metadata: grpc.Metadata, identity: CallIdentity): void {
    const authorization = metadata.get('authorization')[0];
    const hasBearer = typeof authorization === 'string' && /^Bearer \S+$/.test(authorization);
    const wantsBearer = identity.kind !== 'anonymous';
    if (hasBearer !== wantsBearer) {
      this.problems.push(`expected ${wantsBearer ? 'a' : 'no'} bearer token, got ${authorization}`);
    }
    const person = metadata.get(ON_BEHALF_OF)[0];
    const wantsPerson = identity.kind === 'orders-for';
    if ((typeof person === 'string' && person.length > 0) !== wantsPerson) {
      this.problems.push(
        `expected ${wantsPerson ? 'a' : 'no'} ${ON_BEHALF_OF} token, got ${person}`,
      );
    } else if (wantsPerson && authorization === `Bearer ${String(person)}`) {
      this.problems.push(`the ${ON_BEHALF_OF} token was also sent as the caller's own`);
    }
  }

  private answer(
    rpc: UnaryRpc,
    call: grpc.ServerUnaryCall<unknown, unknown>,
    done: grpc.sendUnaryData<unknown>,
  ): void {
    this.calls += 1;
    const expected = this.expected;
    if (!expected || expected.rpc !== rpc) {
      this.problems.push(`unexpected call of ${rpc.name}; the pact expects ${expected?.rpc.name}`);
      return done({ code: grpc.status.UNIMPLEMENTED, details: 'not in the pact' });
    }
    const request = rpc.request.toJSON(call.request);
    if (!isDeepStrictEqual(request, expected.request)) {
      this.problems.push(
        `request differs:\n  pact:   ${JSON.stringify(expected.request)}\n  actual: ${JSON.stringify(request)}`,
      );
    }
    this.checkIdentity(call.metadata, expected.identity);
    if (isStatusBody(expected.response)) {
      const { code, message } = expected.response;
      return done({ code: statusCode(code), details: message });
    }
    done(null, rpc.response.fromJSON(expected.response));
  }
}
