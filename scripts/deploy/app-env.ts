import type { z } from 'zod';
import { authConfigSchema, ordersConfigSchema, paymentsConfigSchema } from '#platform';

export const APP_SCHEMAS: Record<string, z.ZodType> = {
  auth: authConfigSchema,
  orders: ordersConfigSchema,
  payments: paymentsConfigSchema,
};

/** Variables whose development default points at this machine: wrong inside a container. */
const ADDRESS_VARIABLES = [
  'AUTH_JWKS_URL',
  'PAYMENTS_GRPC_URL',
  'DATABASE_URL',
  'MONGO_URL',
  'REDIS_URL',
];
const LOCAL = /(^|\/\/|@)(localhost|127\.0\.0\.1)([:/]|$)/;

/**
 * Checks one deployed app's environment with the app's own config schema, in production mode:
 * every required variable present and well formed, none left at a localhost default.
 * `opaque` names variables whose value comes from a Secret: present, but not checked here.
 */
export function appEnvProblems(
  owner: string,
  app: string,
  env: Record<string, string>,
  opaque: string[] = [],
): string[] {
  const schema = APP_SCHEMAS[app];
  if (!schema) return [`${owner}: no config schema for app ${app}`];
  const problems: string[] = [];
  if (env.NODE_ENV !== 'production')
    problems.push(`${owner}: NODE_ENV is ${env.NODE_ENV ?? 'unset'}, not production`);
  const result = schema.safeParse({ ...env, NODE_ENV: 'production' });
  const issues = result.success ? [] : result.error.issues;
  for (const issue of issues) {
    const name = String(issue.path[0] ?? '(environment)');
    if (opaque.includes(name)) continue;
    problems.push(`${owner}: ${name}: ${issue.message}`);
  }
  // Defaults matter too: parse what is known in development mode, which fills them in.
  const known = Object.fromEntries(Object.entries(env).filter(([name]) => !opaque.includes(name)));
  const withDefaults = schema.safeParse({ ...known, NODE_ENV: 'development' });
  const parsed = (withDefaults.success ? withDefaults.data : {}) as Record<string, unknown>;
  for (const name of ADDRESS_VARIABLES) {
    const value = parsed[name];
    if (typeof value === 'string' && LOCAL.test(value)) {
      problems.push(
        `${owner}: ${name} is ${value}: inside a container that is the container itself`,
      );
    }
  }
  return problems;
}
