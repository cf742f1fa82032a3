import { z } from 'zod';
import type {
  ZodOpenApiPathsObject,
  ZodOpenApiRequestBodyObject,
  ZodOpenApiResponseObject,
} from 'zod-openapi';

/** What every error answer looks like (RFC 9457 problem details; DomainErrorFilter writes it). */
export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string().meta({ description: 'The stable error code, e.g. INVALID_ARGUMENT' }),
    status: z.number().int(),
    detail: z.string(),
  })
  .meta({ id: 'Problem' });

/** Operations that need `Authorization: Bearer <access token from auth>`. */
export const BEARER = [{ bearer: [] }];

export const json = (schema: z.ZodType, description: string): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});

export const problem = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** A JSON request body, validated by `schema` (the very schema the handler parses it with). */
export const body = (schema: z.ZodType, required = true): ZodOpenApiRequestBodyObject => ({
  required,
  content: { 'application/json': { schema } },
});

/** The health module's answers (libs/platform/src/health/health.controller.ts). */
const ready = z.strictObject({
  status: z.literal('ok'),
  store: z.string().meta({ description: 'the store that answered the ping, e.g. postgres' }),
});

/** Health, metrics and this document itself: the routes every app serves the same way. */
export const PLATFORM_PATHS: ZodOpenApiPathsObject = {
  '/health/live': {
    get: {
      tags: ['operations'],
      summary: 'Liveness: the event loop answers and the store has not been down too long',
      responses: {
        200: json(z.strictObject({ status: z.literal('ok') }), 'alive'),
        503: problem('the store has failed every ping for STORE_DOWN_LIVENESS_MS: restart'),
      },
    },
  },
  '/health/ready': {
    get: {
      tags: ['operations'],
      summary: 'Readiness: the store answers a ping',
      responses: {
        200: json(ready, 'ready'),
        503: problem('the store did not answer a ping: named, with the reason'),
      },
    },
  },
  '/metrics': {
    get: {
      tags: ['operations'],
      summary: 'Prometheus metrics (text exposition format)',
      responses: {
        200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } },
      },
    },
  },
  '/openapi.json': {
    get: {
      tags: ['operations'],
      summary: 'This OpenAPI document',
      responses: {
        200: json(
          z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
          'the document',
        ),
      },
    },
  },
  '/docs': {
    get: {
      tags: ['operations'],
      summary: 'Swagger UI (redirects to /docs/)',
      responses: { 302: { description: 'to docs/, relative, so it works behind a path prefix' } },
    },
  },
  '/docs/': {
    get: {
      tags: ['operations'],
      summary: 'Swagger UI for this document',
      responses: {
        200: { description: 'the page', content: { 'text/html': { schema: z.string() } } },
      },
    },
  },
};
