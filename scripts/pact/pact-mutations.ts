import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Deliberately wrong copies of a pact, to show what a verification reports when a provider and
// its pact part ways (a renamed field, a changed status).

export interface PactInteraction {
  description: string;
  response?: unknown;
  [key: string]: unknown;
}

export interface PactDocument {
  interactions: PactInteraction[];
  [key: string]: unknown;
}

type Json = Record<string, unknown>;

export async function readPact(file: string): Promise<PactDocument> {
  return JSON.parse(await readFile(file, 'utf8')) as PactDocument;
}

export async function writePactCopy(pact: PactDocument, name: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'pact-mutated-')), name);
  await writeFile(file, JSON.stringify(pact, null, 2));
  return file;
}

/** The expected response body: a V4 sync message's first response, or an HTTP response's. */
export function expectedBody(interaction: PactInteraction): Json | undefined {
  const response = interaction.response as Json | Json[] | undefined;
  const part = Array.isArray(response) ? response[0] : response;
  const holder = (part?.contents ?? part?.body) as Json | undefined;
  const content = holder && 'contentType' in holder ? holder.content : holder;
  return typeof content === 'object' && content !== null ? (content as Json) : undefined;
}

/** Renames `path`'s last key to `to` in the body; false when the body has no such field. */
export function renameField(body: Json, path: string, to: string): boolean {
  const { parent, key } = locate(body, path);
  if (!parent || !(key in parent)) return false;
  parent[to] = parent[key];
  delete parent[key];
  return true;
}

export function setField(body: Json, path: string, value: unknown): boolean {
  const { parent, key } = locate(body, path);
  if (!parent || !(key in parent)) return false;
  parent[key] = value;
  return true;
}

function locate(body: Json, path: string): { parent?: Json; key: string } {
  const keys = path.split('.');
  const key = keys.pop()!;
  let parent: Json | undefined = body;
  for (const step of keys) {
    const next: unknown = parent?.[step];
    parent = typeof next === 'object' && next !== null ? (next as Json) : undefined;
  }
  return { parent, key };
}
