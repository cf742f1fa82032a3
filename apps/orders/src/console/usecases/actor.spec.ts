import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '#identity';
import { actorOf } from './actor.js';

const admin: Caller = { subject: '5f0c…-uuid', role: 'admin', tokenId: 'j', token: 't' };

describe('actorOf', () => {
  it('names the operator by the username the token carries', () => {
    assert.equal(actorOf({ ...admin, username: 'alice.ops' }), 'alice.ops');
  });

  it('falls back to the subject for a token without one, and keeps to the column’s 64', () => {
    assert.equal(actorOf(admin), admin.subject);
    assert.equal(actorOf({ ...admin, username: 'x'.repeat(80) }), 'x'.repeat(64));
  });
});
