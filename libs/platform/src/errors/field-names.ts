/**
 * How a field is named to the caller: as the input spelled it. HTTP bodies and query strings and
 * gRPC's proto fields are all snake_case, while handlers validate camelCase objects.
 */
export function inputFieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part) =>
      typeof part === 'string'
        ? part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
        : String(part),
    )
    .join('.');
}
