import type { MessageDescriptor, MessageProviders } from '@pact-foundation/pact';

/**
 * The Verifier looks message handlers up by interaction description. Every interaction of a gRPC
 * service is answered the same way (decode, call, encode), so one handler serves every
 * description that names an RPC of `service` — including interactions added by the consumer
 * later, or fetched from a broker, without listing them here.
 */
export function messageProvidersFor(
  service: string,
  answer: (message: MessageDescriptor) => Promise<unknown>,
): MessageProviders {
  return new Proxy({} as MessageProviders, {
    get: (_target, description) =>
      typeof description === 'string' && description.startsWith(`${service}/`) ? answer : undefined,
  });
}
