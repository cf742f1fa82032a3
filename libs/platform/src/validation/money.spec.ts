import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freeText } from './money.js';

describe('freeText', () => {
  const text = freeText(10);

  it('keeps any well-formed text up to the limit in code points', () => {
    for (const value of ['', 'café', '🧾'.repeat(10), '\u202Eabc', 'a\u200Bb']) {
      assert.equal(text.parse(value), value);
    }
  });

  it('refuses lone surrogates, which UTF-8 storage would silently replace', () => {
    for (const value of ['\uD800', 'a\uDC00b', '\uDC00\uD800']) {
      assert.match(text.safeParse(value).error?.issues[0]?.message ?? '', /well-formed Unicode/);
    }
  });

  it('refuses control characters and text over the limit', () => {
    assert.equal(text.safeParse('a\u0000').success, false);
    assert.equal(text.safeParse('🧾'.repeat(11)).success, false);
  });
});
