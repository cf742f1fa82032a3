import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mappedRoutes, OpenApiChecker, type OpenApiLike } from './openapi-checker.js';

/** A deliberately small document: one route, one answer, one shared schema. */
const FIXTURE: OpenApiLike & { components: object } = {
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          200: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
    '/v1/things/mine': {
      get: { responses: { 200: { content: { 'text/plain': { schema: { type: 'string' } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' } },
        required: ['id'],
        additionalProperties: false,
      },
    },
  },
};
const ID = '6f1c1f4e-8d3a-4c1e-9a57-2b0f1c2d3e4f';
const answer = (path: string, body: unknown, status = 200, contentType = 'application/json') => ({
  method: 'GET',
  path,
  status,
  contentType,
  body,
});

describe('OpenApiChecker', () => {
  it('passes an answer that matches its route, status, media type and schema', () => {
    const checker = new OpenApiChecker(FIXTURE);
    assert.deepEqual(checker.problems(answer(`/v1/things/${ID}`, { id: ID })), []);
    assert.deepEqual(checker.problems(answer('/v1/things/mine', 'x', 200, 'text/plain')), []);
    assert.deepEqual(checker.unexercised(), []);
  });

  it('fails the answer of an undocumented route', () => {
    const [problem] = new OpenApiChecker(FIXTURE).problems(answer('/v1/others', {}));
    assert.match(problem!, /GET \/v1\/others → 200: no documented operation/);
  });

  it('fails an undocumented status, media type, or a body off the schema', () => {
    const checker = new OpenApiChecker(FIXTURE);
    const path = `/v1/things/${ID}`;
    assert.match(checker.problems(answer(path, {}, 404))[0]!, /status not documented/);
    assert.match(
      checker.problems(answer(path, '', 200, 'text/html'))[0]!,
      /text\/html not documented/,
    );
    assert.match(checker.problems(answer(path, { id: 'nope' }))[0]!, /must match format "uuid"/);
    assert.match(checker.problems(answer(path, { id: ID, extra: 1 }))[0]!, /additional properties/);
    assert.deepEqual(checker.unexercised(), ['GET /v1/things/{id}', 'GET /v1/things/mine']);
  });

  it('names the routes an app mapped that the document lacks', () => {
    const routes = mappedRoutes([
      '{"context":"RouterExplorer","msg":"Mapped {/v1/things/:id, GET} route"}',
      '{"context":"RouterExplorer","msg":"Mapped {/v1/things/:id, DELETE} route"}',
      '{"msg":"unrelated"}',
    ]);
    assert.deepEqual(new OpenApiChecker(FIXTURE).undocumented(routes), ['DELETE /v1/things/:id']);
  });
});
