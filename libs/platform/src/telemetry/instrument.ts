// Preloaded with `node --import .../instrument.js` so OpenTelemetry patches http, grpc, pg,
// mongodb and pino before any of them is imported. Exporters come only from OTEL_* variables;
// with none set nothing is exported, but trace context still flows and reaches the logs.
import { register } from 'node:module';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { serviceNameFromArgv } from './service-name.js';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const env = process.env;
if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
  env.OTEL_TRACES_EXPORTER ??= 'none';
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
}
env.OTEL_SERVICE_NAME ??= serviceNameFromArgv(process.argv);

if (env.OTEL_SDK_DISABLED !== 'true') {
  const sdk = new NodeSDK({
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-fs': { enabled: false },
        '@opentelemetry/instrumentation-dns': { enabled: false },
        '@opentelemetry/instrumentation-net': { enabled: false },
      }),
    ],
  });
  sdk.start();
  const shutdown = () => void sdk.shutdown().catch(() => {});
  process.once('beforeExit', shutdown);
}
