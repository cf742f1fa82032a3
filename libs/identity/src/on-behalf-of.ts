/**
 * The metadata entry (gRPC) or header (HTTP) in which a service forwards the access token of the
 * person it acts for, next to its own token in `authorization`. AuthGuard verifies both; the
 * person is then `onBehalfOf(carrier)`. Only a `service` caller may send it, and it must name a
 * person (`customer` or `admin`): a service cannot act for another service.
 */
export const ON_BEHALF_OF = 'x-on-behalf-of';
