import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  before(() => hasher.onModuleInit());

  it('stores argon2id hashes with the OWASP parameters and a fresh salt each time', async () => {
    const [one, two] = [await hasher.hash('correct horse'), await hasher.hash('correct horse')];
    assert.match(one, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(one, two);
  });

  it('verifies the right password only', async () => {
    const stored = await hasher.hash('correct horse');
    assert.equal(await hasher.verify(stored, 'correct horse'), true);
    assert.equal(await hasher.verify(stored, 'correct horsf'), false);
  });

  it('fails an unknown user (no hash) and a corrupt hash instead of throwing', async () => {
    assert.equal(await hasher.verify(undefined, 'anything'), false);
    assert.equal(await hasher.verify('not-a-phc-string', 'anything'), false);
  });
});
