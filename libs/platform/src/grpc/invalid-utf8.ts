import { Injectable, type PipeTransform } from '@nestjs/common';
import type { PackageDefinition } from '@grpc/proto-loader';
import { InvalidArgumentError } from '../errors/domain-error.js';
import { inputFieldName } from '../errors/field-names.js';

const INVALID_UTF8_FIELD = Symbol('invalid-utf8-field');
const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

type Marked = Record<PropertyKey, unknown> & { [INVALID_UTF8_FIELD]?: string };
type Deserialize = (bytes: Buffer) => unknown;

/**
 * protobuf decodes a string's invalid UTF-8 bytes as U+FFFD, silently. Each request deserializer
 * is wrapped to notice: when the decoded strings hold more U+FFFD than the bytes spelled out
 * (EF BF BD), some were invalid bytes, and the message is marked with the field's name for
 * RejectInvalidUtf8Pipe to refuse (a deserializer that throws would answer INTERNAL).
 */
export function markInvalidUtf8(definition: PackageDefinition): void {
  for (const service of Object.values(definition)) {
    for (const method of Object.values(service as Record<string, unknown>)) {
      const m = method as { requestDeserialize?: Deserialize };
      if (typeof m.requestDeserialize !== 'function') continue;
      const decode = m.requestDeserialize;
      m.requestDeserialize = (bytes) => mark(decode(bytes), bytes);
    }
  }
}

function mark(message: unknown, bytes: Buffer): unknown {
  const found: string[] = [];
  collectReplaced(message, [], found);
  if (found.length > 0 && occurrences(bytes) < found.length) {
    (message as Marked)[INVALID_UTF8_FIELD] = found[0];
  }
  return message;
}

/** One entry per U+FFFD in a string field, with that field's path. */
function collectReplaced(value: unknown, path: PropertyKey[], found: string[]): void {
  if (typeof value === 'string') {
    for (const char of value) if (char === REPLACEMENT) found.push(inputFieldName(path));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) collectReplaced(inner, [...path, key], found);
  }
}

function occurrences(bytes: Buffer): number {
  let count = 0;
  for (
    let at = bytes.indexOf(REPLACEMENT_BYTES);
    at !== -1;
    at = bytes.indexOf(REPLACEMENT_BYTES, at + 1)
  ) {
    count += 1;
  }
  return count;
}

/** Refuses a gRPC request markInvalidUtf8 marked: INVALID_ARGUMENT naming the field. */
@Injectable()
export class RejectInvalidUtf8Pipe implements PipeTransform {
  transform(value: unknown): unknown {
    const field =
      value && typeof value === 'object' ? (value as Marked)[INVALID_UTF8_FIELD] : undefined;
    if (field !== undefined) {
      throw new InvalidArgumentError(`${field}: must be valid UTF-8 (invalid byte sequence)`);
    }
    return value;
  }
}
