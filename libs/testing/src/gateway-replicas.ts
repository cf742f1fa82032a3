/** The gateway's upstream blocks as the template names them, and the route each one serves. */
export const GATEWAY_UPSTREAMS = {
  authHttp: 'auth_http',
  ordersHttp: 'orders_http',
  ordersGrpc: 'orders_grpc',
} as const;

/**
 * Gives an upstream block of a rendered gateway configuration one `server` line per replica.
 * The template has one placeholder per route (production's address is one DNS name that
 * resolves to every replica); a harness on one host tells replicas apart by port, so the line
 * is repeated here instead. NGINX then balances round-robin and, on a refused connection, tries
 * the next replica. A replica that refused is left out for 2 s, not NGINX's default 10 s: a
 * rolling restart brings one back within seconds and takes the next away, and with both left
 * out NGINX answers 502 ("no live upstreams") though one is up.
 */
export function withReplicas(conf: string, upstream: string, addresses: readonly string[]): string {
  if (addresses.length === 0) throw new Error(`upstream ${upstream}: no address`);
  const block = new RegExp(`(upstream ${upstream} \\{\\n)(\\s*)server [^;]+;\\n`);
  if (!block.test(conf)) throw new Error(`upstream ${upstream}: no single server line to replace`);
  return conf.replace(block, (_whole, head: string, indent: string) =>
    [
      head,
      ...addresses.map((address) => `${indent}server ${address} max_fails=1 fail_timeout=2s;\n`),
    ].join(''),
  );
}
