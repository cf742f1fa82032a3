// The first import of every app's main.ts (`import '#instrumentation'`), so OpenTelemetry patches
// http, grpc, pg, mongodb and pino however the app is started: `node main.js`, `nest start`, the
// images. A static import is linked before anything runs, but it is evaluated first, before the
// modules after it: those it patches are CommonJS, and patched as they load. (`node --import` of
// this file still works: the same module is evaluated once.) Exporters come only from OTEL_*
// variables; with none set nothing is exported, but trace context still flows into the logs.
import { register } from 'node:module';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { withDefaultAttributes, workspaceVersion } from './resource-attributes.js';
import { serviceNameFromArgv } from './service-name.js';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

// NodeSDK registers no tracer provider without a span processor; this one keeps spans local.
const RECORD_ONLY = {
  onStart: () => {},
  onEnd: () => {},
  forceFlush: async () => {},
  shutdown: async () => {},
};

const env = process.env;
// With no collector configured, spans are still recorded (so logs carry trace ids and context
// crosses every hop) but exported nowhere, instead of failing exports to localhost:4318.
const exporting = Boolean(
  env.OTEL_EXPORTER_OTLP_ENDPOINT ||
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
  env.OTEL_TRACES_EXPORTER,
);
if (!exporting) env.OTEL_METRICS_EXPORTER ??= 'none';
// Logs go to stdout as JSON and the platform ships them (DESIGN.md section 5), not over OTLP.
env.OTEL_LOGS_EXPORTER ??= 'none';
env.OTEL_SERVICE_NAME ??= serviceNameFromArgv(process.argv);
env.OTEL_RESOURCE_ATTRIBUTES = withDefaultAttributes(env.OTEL_RESOURCE_ATTRIBUTES, {
  'service.version': workspaceVersion(),
  'deployment.environment.name': env.NODE_ENV ?? 'development',
});

// Loaded twice under two URLs (a symlinked checkout, say), the second copy must not start a second SDK.
const STARTED = Symbol.for('saga-workspace.telemetry');
const started = (globalThis as Record<symbol, unknown>)[STARTED] === true;
(globalThis as Record<symbol, unknown>)[STARTED] = true;

if (env.OTEL_SDK_DISABLED !== 'true' && !started) {
  const sdk = new NodeSDK({
    ...(exporting ? {} : { spanProcessors: [RECORD_ONLY] }),
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-fs': { enabled: false },
        '@opentelemetry/instrumentation-dns': { enabled: false },
        '@opentelemetry/instrumentation-net': { enabled: false },
        // The recovery worker's and lease keeper's polls belong to no request: as root spans they
        // would be most of the traces and a share of the CPU, and tell nothing. Taking a pooled
        // connection is not a database call: two spans per order that said nothing either.
        '@opentelemetry/instrumentation-pg': { requireParentSpan: true, ignoreConnectSpans: true },
        // Trace ids go into the JSON log lines; the lines themselves go to stdout (above), so
        // handing each one to the OpenTelemetry Logs SDK as well would be work for nothing.
        '@opentelemetry/instrumentation-pino': { disableLogSending: true },
        // An HTTP request passed through 14 spans of Express's plumbing: each body parser and
        // middleware, and every handler twice (Express 5 runs on the `router` package, which has
        // its own instrumentation), for nothing the HTTP span and its children do not say. Express
        // stays instrumented for one thing: it names the HTTP span by route (`POST /v1/orders`).
        '@opentelemetry/instrumentation-router': { enabled: false },
        '@opentelemetry/instrumentation-express': {
          ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER],
        },
        '@opentelemetry/instrumentation-mongodb': {
          requireParentSpan: true,
          // The default walks the whole command with a JSON replacer to blank its values: 5 % of
          // payments' CPU per charge in a profile. The command's fields say what it did.
          dbStatementSerializer: (command) => Object.keys(command).join(' '),
        },
      }),
    ],
  });
  sdk.start();
  const shutdown = () => void sdk.shutdown().catch(() => {});
  process.once('beforeExit', shutdown);
}
