import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** `npm run build` puts the page here (apps/console → dist/console), beside dist/apps. */
const PAGE_DIR = fileURLToPath(new URL('../../../../console/', import.meta.url));

/** Scripts, styles and API calls from this origin only; nothing may frame the console. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  next();
}

/**
 * Serves the saga console page at /console. Hashed assets are cached for good, index.html is
 * revalidated so a new build shows at once. Its API is the Nest routes (ConsoleModule).
 */
export function serveConsole(app: NestExpressApplication, logger: LoggerService): void {
  app.use('/console', securityHeaders);
  if (!existsSync(`${PAGE_DIR}index.html`)) {
    logger.warn(`saga console page not built (${PAGE_DIR}): run npm run build`);
    return;
  }
  app.useStaticAssets(PAGE_DIR, {
    prefix: '/console',
    index: 'index.html',
    setHeaders: (res, path) => {
      res.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
