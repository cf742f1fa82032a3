import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { machineRegistryHosts, mentionsOf, trackedFiles } from './registry-hosts.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('no package registry or mirror host is written in the repository', () => {
  const hosts = machineRegistryHosts();

  it("finds this machine's registry hosts to look for (apt sources, npm, Go, pip)", (t) => {
    t.diagnostic(`${hosts.length} hosts from the machine's configuration`);
    assert.ok(hosts.length > 0, 'no apt source or npm registry configured: nothing to check');
  });

  it('names none of them in any tracked file', () => {
    const mentions = mentionsOf(REPO_ROOT, trackedFiles(REPO_ROOT), hosts);
    assert.deepEqual(
      mentions.map((m) => `${m.file}:${m.line}`),
      [],
      'take the host from the machine (scripts/images/apt-sources.sh) instead',
    );
  });

  it('would find one written into a file (negative control)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saga-hosts-'));
    try {
      const host = hosts[0] ?? '';
      writeFileSync(
        join(dir, 'build.sh'),
        `#!/bin/sh\ndebootstrap bookworm /tmp/x http://${host.toUpperCase()}/debian\n`,
      );
      assert.deepEqual(mentionsOf(dir, ['build.sh'], hosts), [{ file: 'build.sh', line: 2, host }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
