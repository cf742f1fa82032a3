import * as grpc from '@grpc/grpc-js';
import type { UnaryRpc } from './grpc-rpcs.js';

const encoder = (rpc: UnaryRpc) => ({
  request: (message: unknown) => Buffer.from(rpc.request.encode(message).finish()),
  response: (message: unknown) => Buffer.from(rpc.response.encode(message).finish()),
});

/**
 * Calls one unary RPC over the network with the generated codecs, so the answer is exactly the
 * generated message type (unset fields undefined, ready for its `toJSON`).
 */
export function callUnary<Req, Res>(
  client: grpc.Client,
  rpc: UnaryRpc<Req, Res>,
  request: Req,
  metadata: grpc.Metadata,
  deadlineMs = 10_000,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/${rpc.name}`,
      (message: Req) => Buffer.from(rpc.request.encode(message).finish()),
      (bytes: Buffer) => rpc.response.decode(bytes),
      request,
      metadata,
      { deadline: Date.now() + deadlineMs },
      (error, response) => (error ? reject(error) : resolve(response as Res)),
    );
  });
}

/** A grpc-js service definition over the generated codecs, for test servers. */
export function serviceDefinition(rpcs: UnaryRpc[]): grpc.ServiceDefinition {
  return Object.fromEntries(
    rpcs.map((rpc) => {
      const encode = encoder(rpc);
      const definition: grpc.MethodDefinition<unknown, unknown> = {
        path: `/${rpc.name}`,
        requestStream: false,
        responseStream: false,
        requestSerialize: encode.request,
        requestDeserialize: (bytes: Buffer) => rpc.request.decode(bytes),
        responseSerialize: encode.response,
        responseDeserialize: (bytes: Buffer) => rpc.response.decode(bytes),
      };
      return [rpc.name, definition];
    }),
  );
}
