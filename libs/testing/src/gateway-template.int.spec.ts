import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  GATEWAY_PLACEHOLDERS,
  GATEWAY_TEMPLATE,
  renderGatewayConf,
  type GatewayValues,
} from './gateway-template.js';

const VALUES: GatewayValues = {
  GATEWAY_HTTP_PORT: '8000',
  GATEWAY_GRPC_PORT: '9080',
  AUTH_HTTP: 'auth:3001',
  ORDERS_HTTP: 'orders:3002',
  ORDERS_GRPC: 'orders:50051',
};
const ENVSUBST = '/usr/bin/envsubst';

describe('gateway template', () => {
  it('fills the upstreams and ports and leaves nginx variables alone', async () => {
    const conf = renderGatewayConf(await readFile(GATEWAY_TEMPLATE, 'utf8'), VALUES);
    assert.match(conf, /^\s*listen 8000 backlog=4096;$/m);
    assert.match(conf, /^\s*listen 9080 http2 backlog=4096;$/m);
    assert.match(conf, /server auth:3001;/);
    assert.match(conf, /server orders:50051;/);
    assert.match(conf, /\$binary_remote_addr/);
    assert.match(conf, /"request_id":"\$request_id"/);
    assert.doesNotMatch(conf, /\$\{?(GATEWAY_|AUTH_HTTP|ORDERS_)/);
  });

  it('refuses to render with a placeholder left empty', () => {
    assert.throws(
      () => renderGatewayConf('listen ${GATEWAY_HTTP_PORT};', { ...VALUES, ORDERS_GRPC: '' }),
      /ORDERS_GRPC/,
    );
  });

  it(
    'renders exactly what envsubst renders in the image',
    { skip: !existsSync(ENVSUBST) && 'no envsubst' },
    async () => {
      const template = await readFile(GATEWAY_TEMPLATE, 'utf8');
      const shellFormat = GATEWAY_PLACEHOLDERS.map((name) => `\${${name}}`).join(' ');
      const rendered = execFileSync(ENVSUBST, [shellFormat], {
        input: template,
        env: { ...VALUES, remote_addr: 'must stay', request_id: 'must stay' },
      }).toString();
      assert.equal(renderGatewayConf(template, VALUES), rendered);
    },
  );

  it('is rendered in the image for the same placeholders, each with a default', async () => {
    const dir = dirname(GATEWAY_TEMPLATE);
    const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
    // The image's entrypoint renders the template with envsubst and this shell format.
    const entrypoint = await readFile(join(dir, 'gateway-entrypoint.sh'), 'utf8');
    const format = /envsubst '([^']*)'/.exec(entrypoint)?.[1] ?? '';
    const rendered = [...format.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);
    assert.deepEqual(rendered.sort(), [...GATEWAY_PLACEHOLDERS].sort());
    for (const name of GATEWAY_PLACEHOLDERS) {
      assert.match(dockerfile, new RegExp(`^\\s+${name}=\\S+`, 'm'), `no default for ${name}`);
    }
  });
});
