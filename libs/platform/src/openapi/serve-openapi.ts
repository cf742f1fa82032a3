import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { OpenApiDocument } from './openapi-document.js';

const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// swagger-ui-dist's index.html loads ./swagger-initializer.js; this one replaces its demo. The
// document's URL is relative, so the page works under a gateway prefix (/orders/docs/) too.
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
};
`;

// Swagger UI sets inline style attributes; everything else comes from this origin.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function docsHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  next();
}

/**
 * Serves the app's OpenAPI document at /openapi.json and Swagger UI (swagger-ui-dist) at /docs/.
 * Express routes rather than Nest controllers: they are the document's own, not the API's.
 */
export function serveOpenApi(app: NestExpressApplication, document: OpenApiDocument): void {
  const body = JSON.stringify(document);
  const http = app.getHttpAdapter().getInstance() as Express;
  http.get('/openapi.json', (_req, res) => {
    res.type('application/json').setHeader('cache-control', 'no-cache').send(body);
  });
  app.use('/docs', docsHeaders);
  // Relative, so /orders/docs behind the gateway lands on /orders/docs/.
  http.get(/^\/docs$/, (_req, res) => res.redirect(302, 'docs/'));
  http.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache').send(INITIALIZER);
  });
  app.useStaticAssets(SWAGGER_UI, {
    prefix: '/docs/',
    index: 'index.html',
    setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=3600'),
  });
}
