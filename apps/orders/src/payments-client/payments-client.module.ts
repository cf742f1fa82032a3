import { Module, type DynamicModule } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { GRPC_LOADER_OPTIONS, PROTO_FILES, PROTO_ROOT } from '#contracts';
import type { OrdersConfig } from '#platform';
import {
  PAYMENTS_CALL_SETTINGS,
  PAYMENTS_GRPC,
  PaymentsGrpcAdapter,
} from './payments.grpc.adapter.js';
import { PAYMENTS_PORT, type PaymentsPort } from './payments.port.js';
import { SERVICE_ACCOUNT, ServiceCredentials } from './service-credentials.js';

/** Wraps the port (the test-only fault switch binds one); unbound in production. */
export type PaymentsPortDecorator = (port: PaymentsPort) => PaymentsPort;
export const PAYMENTS_PORT_DECORATOR = Symbol('PAYMENTS_PORT_DECORATOR');

/** The port to payments (PAYMENTS_PORT) and its gRPC adapter. */
@Module({})
export class PaymentsClientModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: PaymentsClientModule,
      global: true,
      imports: [
        ClientsModule.register([
          {
            name: PAYMENTS_GRPC,
            transport: Transport.GRPC,
            options: {
              url: config.PAYMENTS_GRPC_URL,
              package: 'payments.v1',
              protoPath: `${PROTO_ROOT}${PROTO_FILES.payments}`,
              loader: GRPC_LOADER_OPTIONS,
            },
          },
        ]),
      ],
      providers: [
        {
          provide: PAYMENTS_CALL_SETTINGS,
          useValue: {
            deadlineMs: config.PAYMENTS_DEADLINE_MS,
            retries: config.PAYMENTS_RETRIES,
            breakerThreshold: config.PAYMENTS_BREAKER_THRESHOLD,
            breakerHalfOpenMs: config.PAYMENTS_BREAKER_HALF_OPEN_MS,
          },
        },
        {
          provide: SERVICE_ACCOUNT,
          useValue: {
            authUrl: config.AUTH_URL,
            username: config.ORDERS_SERVICE_USERNAME,
            password: config.ORDERS_SERVICE_PASSWORD,
          },
        },
        ServiceCredentials,
        PaymentsGrpcAdapter,
        {
          provide: PAYMENTS_PORT,
          inject: [PaymentsGrpcAdapter, { token: PAYMENTS_PORT_DECORATOR, optional: true }],
          useFactory: (adapter: PaymentsPort, decorate?: PaymentsPortDecorator) =>
            decorate ? decorate(adapter) : adapter,
        },
      ],
      exports: [PAYMENTS_PORT],
    };
  }
}
