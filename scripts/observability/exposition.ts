/** Prometheus text exposition helpers for tests. */

/** Names of the samples in a scrape (`x_bucket`, `x_count` … for histograms). */
export function sampleNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
    if (name) names.add(name);
  }
  return names;
}

/** The value of the sample `name` whose labels include all of `labels`, if there is one. */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([key, value]) =>
      line.includes(`${key}="${value}"`),
    );
    if (matches) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** Drops whole metric families (HELP, TYPE and samples) whose name starts with a prefix. */
export function withoutFamilies(text: string, prefixes: string[]): string {
  const kept: string[] = [];
  let dropping = false;
  for (const line of text.split('\n')) {
    const family = /^# (?:HELP|TYPE) (\S+)/.exec(line)?.[1];
    if (family) dropping = prefixes.some((prefix) => family.startsWith(prefix));
    if (!dropping && line) kept.push(line);
  }
  return `${kept.join('\n')}\n`;
}
