import { fileURLToPath } from 'node:url';

/** Folder holding the .proto sources; the same relative place in the repo, dist/ and images. */
export const PROTO_ROOT = fileURLToPath(new URL('../../../../proto/', import.meta.url));

/**
 * proto-loader options that make runtime messages match the ts-proto types: camelCase fields,
 * int64 as number (forceLong=number), enums as numbers, defaults filled (useOptionals=messages).
 */
export const GRPC_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: Number,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

export const PROTO_FILES = {
  orders: 'orders/v1/orders.proto',
  payments: 'payments/v1/payments.proto',
} as const;
