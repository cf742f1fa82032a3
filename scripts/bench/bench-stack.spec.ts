import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { IMAGE_NODE_OPTIONS } from './bench-stack.js';

const DOCKERFILE = new URL('../../../docker/Dockerfile', import.meta.url);

describe('the bench stack', () => {
  it('runs the apps with the NODE_OPTIONS the images set', () => {
    const set = readFileSync(DOCKERFILE, 'utf8')
      .split('\n')
      .flatMap((line) => /^ENV NODE_OPTIONS=(.*)$/.exec(line)?.[1] ?? []);
    assert.deepEqual(set, [IMAGE_NODE_OPTIONS]);
  });
});
