import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { Observable } from 'rxjs';
import { GRPC_LOADER_OPTIONS, PROTO_ROOT } from '#contracts';

/** The generated Nest client interface, turned into promise-returning calls with a bearer token. */
export type PromiseClient<C> = {
  [K in keyof C]: C[K] extends (request: infer Req, ...rest: never[]) => Observable<infer Res>
    ? (request: Req, token?: string) => Promise<Res>
    : never;
} & { close(): void };

type RawClient = grpc.Client &
  Record<
    string,
    (req: unknown, md: grpc.Metadata, cb: (e: grpc.ServiceError | null, r: unknown) => void) => void
  >;

/**
 * A real gRPC client over the network for tests, typed by the generated `…ServiceClient`
 * interface: `await client.processPayment({...}, token)`. Errors reject with the ServiceError
 * (`code`, `details`).
 */
export function grpcClient<C>(
  protoFile: string,
  serviceName: string,
  address: string,
): PromiseClient<C> {
  const definition = protoLoader.loadSync(`${PROTO_ROOT}${protoFile}`, GRPC_LOADER_OPTIONS);
  const ServiceClient =
    grpc.loadPackageDefinition(definition)[serviceName] ?? lookup(definition, serviceName);
  const raw = new (
    ServiceClient as unknown as new (a: string, c: grpc.ChannelCredentials) => RawClient
  )(address, grpc.credentials.createInsecure());
  return new Proxy({} as PromiseClient<C>, {
    get: (_target, method: string) => {
      if (method === 'close') return () => raw.close();
      const name = method.charAt(0).toUpperCase() + method.slice(1);
      return (request: unknown, token?: string) =>
        new Promise((resolve, reject) => {
          const metadata = new grpc.Metadata();
          if (token) metadata.set('authorization', `Bearer ${token}`);
          raw[name]!.call(raw, request, metadata, (error, response) =>
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
