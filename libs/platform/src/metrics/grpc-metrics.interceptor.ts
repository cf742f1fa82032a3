import {
  ResponderBuilder,
  ServerInterceptingCall,
  ServerListenerBuilder,
  type ServerInterceptor,
} from '@grpc/grpc-js';
import { RequestMetrics } from './request-metrics.js';
import { grpcOutcome, type RequestOutcome } from './request-outcome.js';

/**
 * A grpc-js server interceptor feeding the RED histogram for every gRPC method, with the status
 * code the client really got: it sees calls a Nest guard refused, which Nest interceptors never
 * do. Route = `package.Service/Method` (only registered methods reach interceptors, so the label
 * stays bounded). Health checks are left out, as on HTTP.
 */
export function grpcMetricsInterceptor(metrics: RequestMetrics): ServerInterceptor {
  return (method, call) => {
    const route = method.path.replace(/^\//, '');
    if (route.startsWith('grpc.health.')) return new ServerInterceptingCall(call);
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = (outcome: RequestOutcome) => {
      if (recorded) return;
      recorded = true;
      metrics.record('grpc', route, outcome, started);
    };
    const responder = new ResponderBuilder()
      .withStart((next) =>
        next(new ServerListenerBuilder().withOnCancel(() => record('aborted')).build()),
      )
      .withSendStatus((status, next) => {
        record(grpcOutcome(status.code));
        next(status);
      })
      .build();
    return new ServerInterceptingCall(call, responder);
  };
}
