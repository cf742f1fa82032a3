/** A JSON object body as Pact takes it: plain values, or matchers in place of values. */
export type JsonBody = { [key: string]: unknown };

/** The canonical JSON of a generated message (its `toJSON`), typed as an object body. */
export function canonical<T>(codec: { toJSON(message: T): unknown }, message: T): JsonBody {
  const json = codec.toJSON(message);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(json)}`);
  }
  return json as JsonBody;
}

/**
 * Replaces the values at dotted paths (`payment.reason`) by matchers built from them, so a body
 * stays the generated JSON and only the values that vary are loosened.
 */
export function withMatchers(
  body: JsonBody,
  matchers: Record<string, (example: never) => unknown>,
): JsonBody {
  const copy = structuredClone(body);
  for (const [path, matcher] of Object.entries(matchers)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let node: JsonBody = copy;
    for (const key of keys) node = node[key] as JsonBody;
    if (!node || !(last in node)) throw new Error(`no value at ${path} to put a matcher on`);
    node[last] = matcher(node[last] as never);
  }
  return copy;
}
