import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GATEWAY_UPSTREAMS, withReplicas } from './gateway-replicas.js';
import { GATEWAY_TEMPLATE, renderGatewayConf } from './gateway-template.js';

const rendered = renderGatewayConf(readFileSync(GATEWAY_TEMPLATE, 'utf8'), {
  GATEWAY_HTTP_PORT: '8000',
  GATEWAY_GRPC_PORT: '8001',
  AUTH_HTTP: '127.0.0.1:1',
  ORDERS_HTTP: '127.0.0.1:2',
  ORDERS_GRPC: '127.0.0.1:3',
});
const serversOf = (conf: string, upstream: string) =>
  /upstream \w+ \{([^}]*)\}/g
    .exec(conf.slice(conf.indexOf(`upstream ${upstream} {`)))![1]!
    .match(/server [^;]+;/g);

describe('gateway upstreams with several replicas', () => {
  it('puts one server line per replica into the named upstream only', () => {
    const conf = withReplicas(rendered, GATEWAY_UPSTREAMS.ordersHttp, [
      '127.0.0.1:2',
      '127.0.0.1:5',
    ]);
    assert.deepEqual(serversOf(conf, 'orders_http'), [
      'server 127.0.0.1:2 max_fails=1 fail_timeout=2s;',
      'server 127.0.0.1:5 max_fails=1 fail_timeout=2s;',
    ]);
    assert.deepEqual(serversOf(conf, 'orders_grpc'), ['server 127.0.0.1:3;']);
    assert.deepEqual(serversOf(conf, 'auth_http'), ['server 127.0.0.1:1;']);
  });

  it('refuses an upstream the configuration does not have, and an empty list', () => {
    assert.throws(() => withReplicas(rendered, 'payments_grpc', ['127.0.0.1:9']), /payments_grpc/);
    assert.throws(() => withReplicas(rendered, GATEWAY_UPSTREAMS.ordersHttp, []), /no address/);
  });
});
