import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

let validator: ValidateFunction | undefined;

/**
 * The Compose Specification's JSON schema as the dclint package ships it
 * (schemas/compose.schema.json, copied from compose-spec/compose-spec).
 */
function composeValidator(): ValidateFunction {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
  // Draft-07, Ajv's default; its $schema URL is spelled with https, which Ajv does not know.
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator;
}

/** Schema errors of an interpolated compose document, each naming the path it is about. */
export function composeSchemaProblems(document: unknown): string[] {
  const validate = composeValidator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => {
    const path = error.instancePath.split('/').filter(Boolean).join('.') || '(top level)';
    const detail =
      error.keyword === 'additionalProperties'
        ? ` "${String((error.params as { additionalProperty?: string }).additionalProperty)}"`
        : '';
    return `compose ${path}: ${error.message ?? error.keyword}${detail}`;
  });
}
