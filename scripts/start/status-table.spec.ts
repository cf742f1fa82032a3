import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderStatusTable } from './status-table.js';

describe('renderStatusTable', () => {
  it('lines columns up and shows a dash where a service has no gRPC port', () => {
    const table = renderStatusTable([
      { service: 'auth', pid: 11, httpPort: 3001, store: 'embedded PGlite', logFile: 'a.log' },
      {
        service: 'payments',
        pid: 12345,
        httpPort: 3003,
        grpcPort: 50052,
        store: 'MongoDB',
        logFile: 'p.log',
      },
    ]);
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^service\s+pid\s+HTTP\s+gRPC\s+store\s+log$/);
    assert.match(lines[2]!, /^auth\s+11\s+http:\/\/localhost:3001\s+-\s+embedded PGlite\s+a\.log$/);
    const storeColumn = lines[0]!.indexOf('store');
    assert.equal(lines[2]!.indexOf('embedded'), storeColumn);
    assert.equal(lines[3]!.indexOf('MongoDB'), storeColumn);
    assert.ok(lines.every((line) => line === line.trimEnd()));
  });
});
