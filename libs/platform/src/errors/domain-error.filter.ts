import { Metadata } from '@grpc/grpc-js';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { ErrorClassifier } from './error-classifier.js';
import type { ErrorMap } from './error-map.js';

/**
 * The one place a service turns errors into transport statuses: problem+json over HTTP, a gRPC
 * status with the stable code as the message prefix and in the `error-code` trailer over gRPC.
 * Unhandled errors (see ErrorClassifier) answer a generic message naming the error id they were
 * logged under; over HTTP the id is also the problem's `error_id` member.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly classifier: ErrorClassifier;

  constructor(serviceErrors: ErrorMap = {}) {
    this.classifier = new ErrorClassifier(serviceErrors);
  }

  catch(error: unknown, host: ArgumentsHost): Observable<never> | void {
    const mapped = this.classifier.classify(error);
    if (host.getType() === 'rpc') {
      const trailer = new Metadata();
      trailer.set('error-code', mapped.code);
      if (mapped.retryAfterSeconds !== undefined) {
        trailer.set('retry-after', String(mapped.retryAfterSeconds));
      }
      return throwError(() => ({
        code: mapped.grpc,
        message: `${mapped.code}: ${mapped.message}`,
        metadata: trailer,
      }));
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (mapped.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(mapped.retryAfterSeconds));
    }
    response
      .status(mapped.http)
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: mapped.code,
        status: mapped.http,
        detail: mapped.message,
        ...(mapped.errorId ? { error_id: mapped.errorId } : {}),
      });
  }
}
