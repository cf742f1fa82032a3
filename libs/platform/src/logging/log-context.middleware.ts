import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runWithLogContext } from './log-context.js';

/** Opens the log context of one HTTP request; everything the request runs sees it. */
@Injectable()
export class LogContextMiddleware implements NestMiddleware {
  use(_req: Request, _res: Response, next: NextFunction): void {
    runWithLogContext(next);
  }
}
