import { readFileSync } from 'node:fs';

/**
 * OTEL_RESOURCE_ATTRIBUTES with our defaults added for keys it does not set, so a deployment can
 * still override any of them: `service.version=0.1.0,deployment.environment.name=production`.
 */
export function withDefaultAttributes(
  current: string | undefined,
  defaults: Record<string, string | undefined>,
): string {
  const given = (current ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean);
  const keys = new Set(given.map((pair) => pair.split('=')[0]!.trim()));
  const added = Object.entries(defaults)
    .filter(([key, value]) => value && !keys.has(key))
    .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`);
  return [...given, ...added].join(',');
}

/** The workspace version from package.json (beside dist/ in the repository and in the images). */
export function workspaceVersion(): string | undefined {
  try {
    const url = new URL('../../../../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
