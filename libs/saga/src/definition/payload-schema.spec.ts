import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parsePayload } from './payload-schema.js';

const schema = z.object({ amount: z.object({ minor: z.number().int() }), note: z.string() });

describe('payload schema', () => {
  it('gives the value the schema reads', async () => {
    const parsed = await parsePayload(schema, { amount: { minor: 5 }, note: 'x', extra: 1 });
    assert.deepEqual(parsed, { ok: true, value: { amount: { minor: 5 }, note: 'x' } });
  });

  it('says what is wrong, and where', async () => {
    const parsed = await parsePayload(schema, { amount: { minor: 'five' } });
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.problems, /amount\.minor: .*number.*; note: /);
  });
});
