import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { BEARER, body, json, openApiDocument, problem, type OpenApiDocument } from '#platform';
import {
  httpCreateOrder,
  listOrdersInput,
  orderIdInput,
} from '../orders/transport/order-input.schemas.js';
import { CONSOLE_PATHS } from './console.openapi.js';
import { order, orderPage, orderSagas } from './orders-responses.schemas.js';

// Every HTTP route of orders in one place (the console's in console.openapi.ts). Request schemas
// are the ones the handlers parse with; apps/orders/test/openapi.spec.ts holds real responses
// against the response schemas.

const orderPath = { path: z.object({ id: orderIdInput.shape.orderId }) };
const unauthenticated = problem('missing or invalid token');
const invalid = problem('a field failed validation; detail names it');
const notFound = problem('ORDER_NOT_FOUND (also for another customer’s order)');

const ORDERS_PATHS: ZodOpenApiPathsObject = {
  '/v1/orders': {
    post: {
      tags: ['orders'],
      summary: 'Place an order: runs the create-order saga (charge, then confirm)',
      description:
        'Idempotent by key per customer: the same key and body return the same order. The key ' +
        'comes in the body (idempotency_key) or the Idempotency-Key header.',
      security: BEARER,
      requestParams: {
        header: z.object({
          'idempotency-key': httpCreateOrder.in.shape.idempotency_key.optional(),
        }),
      },
      requestBody: body(httpCreateOrder),
      responses: {
        201: json(order, 'the order, as its saga left it within the run budget'),
        400: invalid,
        401: unauthenticated,
        409: problem('IDEMPOTENCY_KEY_REUSED with another body'),
      },
    },
    get: {
      tags: ['orders'],
      summary: 'The caller’s orders, newest first (every order for an admin)',
      security: BEARER,
      requestParams: {
        query: z.object({
          page_size: listOrdersInput.shape.pageSize.optional(),
          page_token: listOrdersInput.shape.pageToken.optional(),
        }),
      },
      responses: { 200: json(orderPage, 'a page'), 400: invalid, 401: unauthenticated },
    },
  },
  '/v1/orders/{id}': {
    get: {
      tags: ['orders'],
      summary: 'One order',
      security: BEARER,
      requestParams: orderPath,
      responses: {
        200: json(order, 'the order'),
        400: invalid,
        401: unauthenticated,
        404: notFound,
      },
    },
  },
  '/v1/orders/{id}/cancel': {
    post: {
      tags: ['orders'],
      summary: 'Cancel an APPROVED order: the cancel-order saga refunds it',
      security: BEARER,
      requestParams: orderPath,
      responses: {
        200: json(order, 'the order'),
        400: invalid,
        401: unauthenticated,
        404: notFound,
        409: problem('ORDER_NOT_CANCELLABLE'),
      },
    },
  },
  '/v1/orders/{id}/saga': {
    get: {
      tags: ['orders'],
      summary: 'The order’s sagas and their timelines',
      security: BEARER,
      requestParams: orderPath,
      responses: {
        200: json(orderSagas, 'the sagas'),
        400: invalid,
        401: unauthenticated,
        404: notFound,
      },
    },
  },
};

export function ordersOpenApi(): OpenApiDocument {
  return openApiDocument({
    title: 'orders',
    description:
      'Orders and their sagas: the HTTP/JSON mirror of orders.v1.OrderService (gRPC, with ' +
      'server reflection) and the saga console’s API.',
    tags: [
      { name: 'orders', description: 'the HTTP mirror of orders.v1.OrderService' },
      { name: 'console', description: 'the saga console (admins)' },
    ],
    paths: { ...ORDERS_PATHS, ...CONSOLE_PATHS },
  });
}
