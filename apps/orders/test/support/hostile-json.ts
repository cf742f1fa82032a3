import { order } from './gateway-client.js';
import { OPERATORS } from './hostile-inputs.js';

/** Bodies no JSON endpoint may take: malformed, not an object, deeply nested, huge or Infinity. */
export function malformedBodies(): string[] {
  const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
  const manyKeys = Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`k${i}`, i]));
  const amount = { currency_code: 'EUR', amount_minor: 5 };
  return [
    '{',
    '{"idempotency_key":',
    '[1,]',
    'NaN',
    '{"a":1} trailing',
    'null',
    '"text"',
    '123',
    '[]',
    '['.repeat(30_000) + ']'.repeat(30_000),
    deepObject,
    JSON.stringify(manyKeys),
    `{"idempotency_key":"k","amount":${JSON.stringify(amount)},"description":${deepObject}}`,
    JSON.stringify(order({ description: 'x'.repeat(60_000) })),
    // A number JSON.parse reads as Infinity.
    JSON.stringify(order({ amount })).replace('"amount_minor":5', '"amount_minor":1e999'),
  ];
}

/** [CreateOrder body with a wrong type somewhere, the field the refusal must name]. */
export function wrongTypes(): Array<[unknown, RegExp]> {
  const amount = (amount_minor: unknown, currency_code: unknown = 'EUR') =>
    order({ amount: { currency_code, amount_minor } });
  const each = (values: unknown[], body: (v: unknown) => unknown, field: RegExp) =>
    values.map((value): [unknown, RegExp] => [body(value), field]);
  return [
    ...each(['5', 5.5, -1, 0, 1e13, true, null, [5], { $gt: 0 }], amount, /amount_minor/),
    ...each([1, 'eur', 'XXX', null, ['EUR']], (v) => amount(5, v), /currency_code/),
    ...each(
      [5, null, {}, '', [], ...OPERATORS],
      (v) => order({ idempotency_key: v }),
      /idempotency_key/,
    ),
    ...each([5, {}, [], ...OPERATORS], (v) => order({ description: v }), /description/),
    ...each(['5', [], null, 5], (v) => order({ amount: v }), /amount/),
    [order({ status: 'APPROVED' }), /status/],
    [order({ customer_id: 'someone-else' }), /customer_id/],
  ];
}
