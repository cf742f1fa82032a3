import { z } from 'zod';

/** A configuration problem; the message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates `env` against `schema` once, at start-up; throws ConfigError naming each bad variable. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const given = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const shown = given === undefined ? 'unset' : `got ${JSON.stringify(redact(name, given))}`;
    return `  ${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

function redact(name: string, value: string): string {
  if (/KEY|SECRET|PASSWORD|TOKEN/i.test(name)) return '***';
  // URLs may carry credentials: show them without the password.
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}
