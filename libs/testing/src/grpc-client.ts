import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { Observable } from 'rxjs';
import { GRPC_LOADER_OPTIONS, PROTO_ROOT } from '#contracts';

/** The generated Nest client interface, turned into promise-returning calls. */
export type PromiseClient<C> = {
  [K in keyof C]: C[K] extends (request: infer Req, ...rest: never[]) => Observable<infer Res>
    ? (request: Req, auth?: string | grpc.Metadata) => Promise<Res>
    : never;
} & { close(): void };

type Callback = (error: grpc.ServiceError | null, response: unknown) => void;
type RawMethod = (req: unknown, md: grpc.Metadata, options: grpc.CallOptions, cb: Callback) => void;
type RawClient = grpc.Client & Record<string, RawMethod>;

/** `authorization: Bearer <token>` metadata, as orders sends it. */
export function bearer(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

/**
 * A real gRPC client over the network for tests, typed by the generated `…ServiceClient`
 * interface: `await client.processPayment({...}, token)` (a bearer token or ready metadata).
 * Errors reject with the ServiceError (`code`, `details`).
 */
export function grpcClient<C>(
  protoFile: string,
  serviceName: string,
  address: string,
  deadlineMs = 10_000,
): PromiseClient<C> {
  const definition = protoLoader.loadSync(`${PROTO_ROOT}${protoFile}`, GRPC_LOADER_OPTIONS);
  const Service = lookup(definition, serviceName) as new (
    address: string,
    credentials: grpc.ChannelCredentials,
  ) => RawClient;
  const raw = new Service(address, grpc.credentials.createInsecure());
  return new Proxy({} as PromiseClient<C>, {
    get: (_target, method) => {
      // Not a thenable: `await`ing or returning the client from an async function must not call it.
      if (typeof method !== 'string' || method === 'then') return undefined;
      if (method === 'close') return () => raw.close();
      const name = method.charAt(0).toUpperCase() + method.slice(1);
      return (request: unknown, auth?: string | grpc.Metadata) =>
        new Promise((resolve, reject) => {
          const metadata = typeof auth === 'string' ? bearer(auth) : (auth ?? new grpc.Metadata());
          const options = { deadline: Date.now() + deadlineMs };
          raw[name]!.call(raw, request, metadata, options, (error, response) =>
            error ? reject(error) : resolve(response),
          );
        });
    },
  });
}

function lookup(definition: protoLoader.PackageDefinition, serviceName: string): unknown {
  let node: unknown = grpc.loadPackageDefinition(definition);
  for (const part of serviceName.split('.')) node = (node as Record<string, unknown>)[part];
  if (!node) throw new Error(`service ${serviceName} not found in proto`);
  return node;
}
