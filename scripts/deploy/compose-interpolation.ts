import { parse } from 'dotenv';
/**
 * Compose files are read the way Docker Compose reads them. The dotenv file is parsed by
 * `dotenv`; the interpolation below is written out because no maintained package implements
 * Compose's rules (dotenv-expand, the nearest, has no `:?`/`?` errors and no `$$` escape, and
 * expands nested references Compose leaves alone). It is twenty lines and tested by the deploy
 * checks' deliberate mistakes.
 */

/** A dotenv file's values, as Compose's `--env-file` reads them. */
export function parseDotenv(text: string): Record<string, string> {
  return parse(text);
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
