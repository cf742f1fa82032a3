import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { withDefaultAttributes, workspaceVersion } from './resource-attributes.js';

describe('withDefaultAttributes', () => {
  it('adds the defaults to an unset variable', () => {
    assert.equal(
      withDefaultAttributes(undefined, {
        'service.version': '0.1.0',
        'deployment.environment.name': 'test',
      }),
      'service.version=0.1.0,deployment.environment.name=test',
    );
  });

  it('keeps what the deployment set and adds only missing keys', () => {
    assert.equal(
      withDefaultAttributes('service.version=2.0.0, team=payments', {
        'service.version': '0.1.0',
        'deployment.environment.name': 'production',
      }),
      'service.version=2.0.0,team=payments,deployment.environment.name=production',
    );
  });

  it('skips defaults without a value', () => {
    assert.equal(withDefaultAttributes('', { 'service.version': undefined }), '');
  });
});

describe('workspaceVersion', () => {
  it('reads the version of the workspace package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(workspaceVersion(), pkg.version);
  });
});
