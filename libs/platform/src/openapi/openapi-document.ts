import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { workspaceVersion } from '../telemetry/resource-attributes.js';
import { PLATFORM_PATHS } from './openapi-parts.js';

export type OpenApiDocument = ReturnType<typeof createDocument>;

export interface ApiDescription {
  title: string;
  description: string;
  tags: { name: string; description: string }[];
  /** The app's routes, their schemas the same zod schemas its handlers validate with. */
  paths: ZodOpenApiPathsObject;
}

/**
 * An app's OpenAPI 3.1 document, generated from its zod schemas (zod-openapi): request schemas as
 * they are parsed (input), response schemas as they are sent (output). The server URL is relative,
 * so "Try it out" calls the app wherever the document was loaded from: directly or under the
 * gateway's prefix.
 */
export function openApiDocument(api: ApiDescription): OpenApiDocument {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: api.title,
      version: workspaceVersion() ?? '0.0.0',
      description: api.description,
    },
    servers: [{ url: '.', description: 'where this document was served from' }],
    tags: [...api.tags, { name: 'operations', description: 'health, metrics and this document' }],
    paths: { ...api.paths, ...PLATFORM_PATHS },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An access token from auth: POST /v1/auth/login (ES256 or RS256, 15 minutes)',
        },
      },
    },
  });
}
