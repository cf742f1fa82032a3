import { status } from '@grpc/grpc-js';

/**
 * How a gRPC call is written as a Pact V4 synchronous message: the description starts with the
 * RPC's full name, the request body is the canonical JSON of the request message, and the
 * response body is either the canonical JSON of the response message or, when the call ends
 * with another status, `{code, message}` — google.rpc.Status with the code by name, because the
 * status is what the consumer branches on and Pact JS cannot set a sync message's metadata.
 */
export type GrpcStatusName = keyof typeof status;

export interface GrpcStatusBody {
  code: GrpcStatusName;
  message: string;
}

export function describeCall(rpcName: string, behaviour: string): string {
  return `${rpcName} ${behaviour}`;
}

/** The RPC an interaction description names (its first word). */
export function rpcNameOf(description: string): string {
  return description.split(' ', 1)[0] ?? '';
}

export function statusCode(name: GrpcStatusName): number {
  return status[name];
}

export function isStatusBody(body: unknown): body is GrpcStatusBody {
  if (typeof body !== 'object' || body === null) return false;
  const { code } = body as { code?: unknown };
  return typeof code === 'string' && code in status && code !== 'OK';
}

/** The status a failed call ended with, as a response body; undefined for a non-gRPC error. */
export function statusBodyOf(error: unknown): GrpcStatusBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, details } = error as { code?: unknown; details?: unknown };
  if (typeof code !== 'number' || !(code in status)) return undefined;
  return { code: status[code] as GrpcStatusName, message: String(details ?? '') };
}
