import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import {
  authConfigSchema,
  freePort,
  loadConfig,
  ordersConfigSchema,
  paymentsConfigSchema,
  type MongoEndpoint,
  type PostgresEndpoint,
} from '#platform';
import { testMongo, testPostgres } from '#testing';
import type { AppImage } from './images.js';

// auth seeds this admin, and orders' service account (role service), which orders logs in with
// (production requires it): the same two variables for both apps.
const SEEDED = {
  admin: { ADMIN_USERNAME: 'images-admin', ADMIN_PASSWORD: randomBytes(18).toString('base64url') },
  service: {
    ORDERS_SERVICE_USERNAME: 'images-orders',
    ORDERS_SERVICE_PASSWORD: randomBytes(18).toString('base64url'),
  },
};

const ISSUER = 'http://auth.images.test';
const AUDIENCE = 'saga-workspace';
const SCHEMAS = {
  auth: authConfigSchema,
  orders: ordersConfigSchema,
  payments: paymentsConfigSchema,
};

export interface StackPorts {
  http: number;
  grpc?: number;
}

/**
 * Production-mode environments for the three images, wired to each other and to the host's real
 * servers: a fresh PostgreSQL database each for auth and orders, a fresh MongoDB-wire database for
 * payments, the host's Redis and a newly generated ES256 signing key.
 */
export class StackEnv {
  private constructor(
    private readonly stores: {
      auth: PostgresEndpoint;
      orders: PostgresEndpoint;
      payments: MongoEndpoint;
    },
    private readonly redisUrl: string,
    private readonly privateJwks: string,
    readonly ports: Record<AppImage['app'], StackPorts>,
  ) {}

  static async create(images: readonly AppImage[]): Promise<StackEnv> {
    const missing = ['DATABASE_URL', 'MONGO_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
    if (missing.length > 0) {
      throw new Error(
        `${missing.join(', ')} unset: the images run against real servers (source the CI service env)`,
      );
    }
    const ports = {} as Record<AppImage['app'], StackPorts>;
    for (const image of images) {
      ports[image.app] = {
        http: await freePort(),
        grpc: image.grpcPort ? await freePort() : undefined,
      };
    }
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = {
      ...(await exportJWK(privateKey)),
      kid: `images-${randomUUID()}`,
      alg: 'ES256',
      use: 'sig',
    };
    const stores = {
      auth: await testPostgres(),
      orders: await testPostgres(),
      payments: await testMongo(),
    };
    return new StackEnv(stores, process.env.REDIS_URL ?? '', JSON.stringify([jwk]), ports);
  }

  /** The environment for one app, checked against that app's own config schema first. */
  envFor(app: AppImage['app']): Record<string, string> {
    const own = this.ports[app];
    const identity = {
      AUTH_JWKS_URL: `http://127.0.0.1:${this.ports.auth.http}/.well-known/jwks.json`,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    };
    // Host networking: the loopback, not the image's 0.0.0.0, keeps the ports off the network.
    const base = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HTTP_PORT: String(own.http),
      BIND_ADDRESS: '127.0.0.1',
    };
    const grpc: Record<string, string> = own.grpc ? { GRPC_PORT: String(own.grpc) } : {};
    const env: Record<string, string> =
      app === 'auth'
        ? {
            ...base,
            DATABASE_URL: this.stores.auth.url,
            REDIS_URL: this.redisUrl,
            JWT_PRIVATE_JWKS: this.privateJwks,
            JWT_ISSUER: ISSUER,
            JWT_AUDIENCE: AUDIENCE,
            ...SEEDED.admin,
            ...SEEDED.service,
          }
        : app === 'orders'
          ? {
              ...base,
              ...grpc,
              ...identity,
              DATABASE_URL: this.stores.orders.url,
              PAYMENTS_GRPC_URL: `127.0.0.1:${this.ports.payments.grpc}`,
              AUTH_URL: `http://127.0.0.1:${this.ports.auth.http}`,
              ...SEEDED.service,
            }
          : { ...base, ...grpc, ...identity, MONGO_URL: this.stores.payments.url };
    loadConfig(SCHEMAS[app], env);
    return env;
  }

  databaseUrl(app: 'auth' | 'orders'): string {
    return this.stores[app].url;
  }

  async close(): Promise<void> {
    await Promise.allSettled(Object.values(this.stores).map((store) => store.close()));
  }
}
