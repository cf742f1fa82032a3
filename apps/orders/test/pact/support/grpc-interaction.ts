import type { PactV4 } from '@pact-foundation/pact';
import { describeCall } from '../../../../../scripts/pact/grpc-message.js';
import type { UnaryRpc } from '../../../../../scripts/pact/grpc-rpcs.js';
import type { JsonBody } from '../../../../../scripts/pact/json-body.js';
import { callIdentityOf } from '../../../../../scripts/pact/payments-states.js';
import type { PaymentsReplayServer } from './payments-replay.server.js';

export interface ProviderState {
  name: string;
  params?: { [key: string]: string | number | boolean };
}

/** A gRPC call as a Pact V4 synchronous message (see scripts/pact/grpc-message.ts). */
export interface GrpcInteraction {
  rpc: UnaryRpc;
  /** What the provider does, completing "<rpc> …" into the interaction's description. */
  behaviour: string;
  /** The data the provider holds, and exactly one state naming the caller (callIdentityOf). */
  states: ProviderState[];
  request: JsonBody;
  /** Response message JSON or `{code, message}`, matchers where values vary. */
  response: JsonBody;
}

/** One interaction and what the consumer code must make of the pact's answer. */
export interface ConsumerCase<Consumer> {
  title: string;
  interaction: GrpcInteraction;
  exercise(consumer: Consumer): Promise<void>;
}

/**
 * Adds the interaction to the pact and runs `exercise` (the real consumer code) against the
 * replay server answering with the pact's example response. The pact is written only when the
 * consumer made exactly the call the pact describes and `exercise` passed.
 */
export async function runGrpcInteraction(
  pact: PactV4,
  replay: PaymentsReplayServer,
  interaction: GrpcInteraction,
  exercise: () => Promise<void>,
): Promise<void> {
  const { rpc, behaviour, states, request, response } = interaction;
  const identity = callIdentityOf(states);
  let unconfigured = pact.addSynchronousInteraction(describeCall(rpc.name, behaviour));
  for (const state of states) unconfigured = unconfigured.given(state.name, state.params);
  await unconfigured
    .withRequest((builder) => builder.withJSONContent(request))
    .withResponse((builder) => builder.withJSONContent(response))
    .executeTest(async (message) => {
      const [reply] = message.Response;
      if (!reply) throw new Error(`${rpc.name}: the pact holds no response`);
      replay.expect({
        rpc,
        request: parseContent(message.Request.content),
        response: parseContent(reply.content),
        identity,
      });
      await exercise();
      replay.verify();
    });
}

function parseContent(content: unknown): unknown {
  return Buffer.isBuffer(content) ? (JSON.parse(content.toString('utf8')) as unknown) : content;
}
