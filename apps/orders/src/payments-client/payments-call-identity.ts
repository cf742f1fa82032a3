import { Metadata } from '@grpc/grpc-js';
import { decodeJwt } from 'jose';
import { ON_BEHALF_OF } from '#identity';

/** A person's token this close to its expiry is not forwarded: it could expire on the way. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The identity orders presents to payments. Charges and refunds carry orders' own service token
 * (`authorization`) and, when the saga still holds it, the token of the person it acts for
 * (`x-on-behalf-of`): payments verifies both, acts for that person and refuses a charge of
 * anyone else's account. A saga resumed by the recovery worker holds no such token (tokens are
 * never stored), and neither does one retried after the token expired: then orders' service
 * identity alone vouches for the customer id, which comes from the saga's payload written by
 * the customer's own request. orders signs nothing itself; auth issues both tokens.
 * The W3C trace context is not ours to set: the gRPC instrumentation adds `traceparent`.
 */
export function moneyMovingMetadata(serviceToken: string | undefined, person?: string): Metadata {
  const metadata = new Metadata();
  if (serviceToken) metadata.set('authorization', `Bearer ${serviceToken}`);
  if (person && !expiresSoon(person)) metadata.set(ON_BEHALF_OF, person);
  return metadata;
}

/** A read (the console's view of a payment) goes as the person asking, with their visibility. */
export function readerMetadata(token: string | undefined): Metadata {
  const metadata = new Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

function expiresSoon(token: string): boolean {
  try {
    const { exp } = decodeJwt(token);
    return exp !== undefined && exp * 1000 - Date.now() < EXPIRY_MARGIN_MS;
  } catch {
    return false; // not ours to judge: payments verifies it and refuses what is malformed
  }
}
