import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageProblems, type ImageInspect } from './image-policy.js';

const IMAGE = 'ghcr.io/saga-workspace/orders:0.1.0';

function inspect(config: Partial<ImageInspect['Config']> = {}, healthcheck = true): ImageInspect {
  return {
    Config: {
      User: '1000:1000',
      Entrypoint: ['/usr/bin/tini', '--'],
      Cmd: ['node', 'dist/apps/orders/src/main.js'],
      ExposedPorts: { '3002/tcp': {}, '50051/tcp': {} },
      ...config,
    },
    Healthcheck: healthcheck ? { Test: ['CMD', 'node', '-e', '…'] } : null,
    Size: 1,
  };
}

describe('imageProblems', () => {
  it('accepts a non-root image with a health check, tini and its ports', () => {
    assert.deepEqual(imageProblems(IMAGE, inspect(), [3002, 50051]), []);
  });

  it('names the image that runs as root, whether USER is unset, root or 0', () => {
    for (const User of ['', 'root', '0:0']) {
      const problems = imageProblems(IMAGE, inspect({ User }), [3002]);
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /^ghcr\.io\/saga-workspace\/orders:0\.1\.0: runs as root/);
    }
  });

  it('refuses a user name that Kubernetes cannot verify as non-root', () => {
    assert.match(imageProblems(IMAGE, inspect({ User: 'node' }), [])[0] ?? '', /numeric uid/);
  });

  it('names a missing health check, a bare node PID 1 and a port that is not exposed', () => {
    const problems = imageProblems(
      IMAGE,
      inspect({ Entrypoint: null, ExposedPorts: { '3002/tcp': {} } }, false),
      [3002, 50051],
    );
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /orders:0\.1\.0: has no HEALTHCHECK/);
    assert.match(problems[1] ?? '', /orders:0\.1\.0: PID 1 is "node dist\/apps\/orders/);
    assert.match(problems[2] ?? '', /orders:0\.1\.0: does not EXPOSE 50051/);
  });
});
