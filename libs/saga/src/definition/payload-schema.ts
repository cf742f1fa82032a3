/**
 * The part of the Standard Schema interface (standardschema.dev) the engine needs, copied as the
 * spec recommends so the library depends on no validator: zod, valibot and arktype schemas all
 * satisfy it. A saga's payload is checked against it when the saga starts and when it is loaded.
 */
export interface PayloadSchema<P> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => PayloadResult<P> | Promise<PayloadResult<P>>;
  };
}

export type PayloadResult<P> =
  | { readonly value: P; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<PayloadIssue> };

export interface PayloadIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}

/** The payload as the schema reads it, or the list of what is wrong with it. */
export async function parsePayload<P>(
  schema: PayloadSchema<P>,
  value: unknown,
): Promise<{ ok: true; value: P } | { ok: false; problems: string }> {
  const result = await schema['~standard'].validate(value);
  if (!result.issues) return { ok: true, value: result.value };
  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((part) =>
      String(typeof part === 'object' ? part.key : part),
    );
    return path.length ? `${path.join('.')}: ${issue.message}` : issue.message;
  });
  return { ok: false, problems: problems.join('; ') };
}
