import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { BEARER, body, json, problem } from '#platform';
import {
  listSagasInput,
  loginInput,
  resolveInput,
  retryInput,
  sagaIdInput,
} from '../console/transport/console-input.schemas.js';
import { refundFaultInput } from '../faults/test-faults.http.controller.js';
import { consoleSaga, sagaDefinitions, sagaDetail, sagaPage } from './orders-responses.schemas.js';

// The saga console's routes (/console/api), for orders.openapi.ts. Every one but config and
// login is for admins.

const sagaPath = { path: z.object({ id: sagaIdInput.shape.sagaId }) };
const ADMIN = {
  400: problem('a field failed validation; detail names it'),
  401: problem('missing or invalid token'),
  403: problem('not an admin'),
};
const action = (summary: string, schema: z.ZodType, required: boolean) => ({
  post: {
    tags: ['console'],
    summary,
    security: BEARER,
    requestParams: sagaPath,
    requestBody: body(schema, required),
    responses: {
      200: json(z.strictObject({ saga: consoleSaga }), 'the saga after the action'),
      ...ADMIN,
      404: problem('SAGA_NOT_FOUND'),
      409: problem('SAGA_NOT_STUCK'),
    },
  },
});
const faultSwitch = z.strictObject({ failing: z.boolean() });
const TEST_ONLY = 'Test-only: exists only with SAGA_FAULTS_ENABLED=true, never in production.';

export const CONSOLE_PATHS: ZodOpenApiPathsObject = {
  '/console/api/config': {
    get: {
      tags: ['console'],
      summary: 'The console page’s settings (no secrets)',
      responses: {
        200: json(
          z.strictObject({
            trace_viewer_url: z.string(),
            poll_interval_ms: z.number().int(),
            overdue_after_ms: z.number().int(),
          }),
          'settings',
        ),
      },
    },
  },
  '/console/api/login': {
    post: {
      tags: ['console'],
      summary: 'Sign in through auth; only an admin’s token is handed out',
      requestBody: body(loginInput),
      responses: {
        200: json(
          z.strictObject({
            access_token: z.string(),
            token_type: z.literal('Bearer'),
            expires_in: z.number().int(),
            subject: z.string(),
          }),
          'signed in as an admin',
        ),
        400: problem('not a JSON body with username and password'),
        401: problem('auth’s answer: INVALID_CREDENTIALS'),
        403: problem('the account is not an admin'),
        429: problem('auth’s answer: too many attempts'),
        503: problem('auth is unavailable'),
      },
    },
  },
  '/console/api/sagas': {
    get: {
      tags: ['console'],
      summary: 'Every saga, filtered and paged, with counts by status',
      security: BEARER,
      requestParams: { query: listSagasInput.out.in },
      responses: { 200: json(sagaPage, 'a page'), ...ADMIN },
    },
  },
  '/console/api/sagas/{id}': {
    get: {
      tags: ['console'],
      summary: 'One saga: its timeline, order, related sagas and payment',
      security: BEARER,
      requestParams: sagaPath,
      responses: { 200: json(sagaDetail, 'the saga'), ...ADMIN, 404: problem('SAGA_NOT_FOUND') },
    },
  },
  '/console/api/saga-definitions': {
    get: {
      tags: ['console'],
      summary: 'Every saga definition version this replica runs, with its steps in order',
      security: BEARER,
      responses: { 200: json(sagaDefinitions, 'the definitions'), ...ADMIN },
    },
  },
  '/console/api/sagas/{id}/retry': action('Retry a STUCK saga’s compensation', retryInput, false),
  '/console/api/sagas/{id}/resolve': action(
    'Mark a STUCK saga resolved by hand (a note is required)',
    resolveInput,
    true,
  ),
  '/console/api/test-faults/refund': {
    get: {
      tags: ['console'],
      summary: 'Whether refunds are made to fail',
      description: TEST_ONLY,
      security: BEARER,
      responses: { 200: json(faultSwitch, 'the switch'), ...ADMIN },
    },
    put: {
      tags: ['console'],
      summary: 'Make refunds fail, or stop it',
      description: TEST_ONLY,
      security: BEARER,
      requestBody: body(refundFaultInput),
      responses: { 200: json(faultSwitch, 'the switch'), ...ADMIN },
    },
  },
};
