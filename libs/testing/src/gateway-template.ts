import { fileURLToPath } from 'node:url';

/** docker/gateway/nginx.conf.template: the one gateway configuration, for images and tests. */
export const GATEWAY_TEMPLATE = fileURLToPath(
  new URL('../../../../docker/gateway/nginx.conf.template', import.meta.url),
);

/** The template's placeholders; every other `$name` in it is an nginx variable. */
export const GATEWAY_PLACEHOLDERS = [
  'GATEWAY_HTTP_PORT',
  'GATEWAY_GRPC_PORT',
  'AUTH_HTTP',
  'ORDERS_HTTP',
  'ORDERS_GRPC',
] as const;

export type GatewayValues = Record<(typeof GATEWAY_PLACEHOLDERS)[number], string>;

/**
 * Renders the template exactly as `envsubst '${GATEWAY_HTTP_PORT} …'` does in the image: `$NAME`
 * and `${NAME}` are replaced for the listed names only, everything else is left alone.
 */
export function renderGatewayConf(template: string, values: GatewayValues): string {
  for (const name of GATEWAY_PLACEHOLDERS) {
    if (!values[name]) throw new Error(`gateway template: no value for ${name}`);
  }
  const known = new Set<string>(GATEWAY_PLACEHOLDERS);
  return template.replace(
    /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g,
    (whole, braced: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      return known.has(name) ? values[name as keyof GatewayValues] : whole;
    },
  );
}
