import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { businessIdsOf } from './business-ids.js';
import { addLogFields, runWithLogContext } from './log-context.js';

/**
 * One log line per gRPC call (HTTP requests get theirs from pino-http), so every hop of a trace
 * shows in the logs with its trace_id, method, duration and outcome. The call runs in its own
 * log context, seeded with the order id of the request, so its other lines carry it too.
 */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('grpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const started = performance.now();
    const rpc = `${context.getClass().name}.${context.getHandler().name}`;
    const done = (outcome: string) => ({
      rpc,
      outcome,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    });
    // Nest starts the handler when handle() is called: call it inside the context.
    return new Observable((subscriber) =>
      runWithLogContext(() => {
        addLogFields(businessIdsOf(context.switchToRpc().getData()));
        return next
          .handle()
          .pipe(
            tap({
              next: (response) => addLogFields(businessIdsOf(response)),
              complete: () => this.logger.log(done('ok'), 'rpc completed'),
              error: (error: unknown) => {
                const code = (error as { code?: unknown })?.code;
                this.logger.warn({ ...done('error'), code, reason: reasonOf(error) }, 'rpc failed');
              },
            }),
          )
          .subscribe(subscriber);
      }),
    );
  }
}

/** Why a call failed, short enough for one log line (the stack stays out: it is not a crash). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
