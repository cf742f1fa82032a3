/** Reads a dotenv file the way compose does for the values we use: KEY=value, quotes stripped. */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[1]) continue;
    const raw = (match[2] ?? '').trim();
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    values[match[1]] = quoted ? (quoted[2] ?? '') : raw;
  }
  return values;
}

const REFERENCE =
  /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variables a compose string refers to, and whether each has a default. */
export function references(text: string): { name: string; hasDefault: boolean }[] {
  return [...text.matchAll(REFERENCE)]
    .filter((match) => match[0] !== '$$')
    .map((match) => ({
      name: match[1] ?? match[4] ?? '',
      hasDefault: (match[2] ?? '').endsWith('-'),
    }));
}

/**
 * Compose's interpolation: ${VAR}, $VAR, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
 * ${VAR?error}, $$ for a literal $. A required variable that is unset throws with compose's message.
 */
export function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    REFERENCE,
    (whole, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const value = env[name];
      const unset = value === undefined || (operator?.startsWith(':') === true && value === '');
      if (operator?.endsWith('-')) return unset ? (argument ?? '') : (value ?? '');
      if (operator?.endsWith('?') && unset)
        throw new Error(`required variable ${name} is missing a value: ${argument ?? ''}`);
      return value ?? '';
    },
  );
}

/** Applies `interpolate` to every string in a parsed YAML tree. */
export function interpolateTree(node: unknown, env: Record<string, string>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateTree(value, env)]),
    );
  }
  return node;
}
