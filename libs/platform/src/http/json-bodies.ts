import { isUtf8 } from 'node:buffer';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { sendProblem } from './problem.js';

const INVALID_UTF8 = Symbol('invalid-utf8');
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

type MarkedRequest = Request & { [INVALID_UTF8]?: boolean };

/**
 * JSON bodies only, as the HTTP routes take nothing else: a body of another type is refused with
 * 415 naming the type (instead of reaching validation as "no body"), and a body that is not valid
 * UTF-8 with 400 (the parser would silently turn its bad bytes into U+FFFD). The app must be
 * created with `bodyParser: false`.
 */
export function acceptJsonBodies(app: NestExpressApplication, limit: string): void {
  app.use(requireJson);
  // express.json itself: Nest's useBodyParser keeps `verify` for its raw-body option.
  app.use(
    json({
      limit,
      verify: (req, _res, raw) => {
        if (!isUtf8(raw)) (req as MarkedRequest)[INVALID_UTF8] = true;
      },
    }),
  );
  app.use(refuseInvalidUtf8);
}

function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req) || req.is(['application/json', '+json'])) {
    return next();
  }
  const given = req.headers['content-type'] ?? 'none';
  sendProblem(
    res,
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `the body must be JSON: Content-Type application/json (got ${given})`,
  );
}

function refuseInvalidUtf8(req: Request, res: Response, next: NextFunction): void {
  if (!(req as MarkedRequest)[INVALID_UTF8]) return next();
  sendProblem(res, 400, 'INVALID_ARGUMENT', 'body: must be valid UTF-8 (invalid byte sequence)');
}

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  );
}
