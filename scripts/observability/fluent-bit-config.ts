export interface FluentBitSection {
  name: string;
  entries: [string, string][];
}

/** Fluent Bit's classic format: `[SECTION]` headers, then `Key value` lines; `#` comments. */
export function parseFluentBit(text: string): FluentBitSection[] {
  const sections: FluentBitSection[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) sections.push({ name: header[1]!.toUpperCase(), entries: [] });
    else {
      const [key = '', ...value] = line.split(/\s+/);
      sections.at(-1)?.entries.push([key, value.join(' ')]);
    }
  }
  return sections;
}

/** The value of `key` in the sections named `name` (e.g. OUTPUT / Logstash_Prefix). */
export function valuesOf(sections: FluentBitSection[], name: string, key: string): string[] {
  return sections
    .filter((section) => section.name === name)
    .flatMap((section) =>
      section.entries.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v),
    );
}
