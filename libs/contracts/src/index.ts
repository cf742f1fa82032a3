// Generated contracts (libs/contracts/src/gen, from proto/ by `npm run proto:generate`) and the
// runtime settings the gRPC transports need to load the same protos, and the one Timestamp
// conversion the apps' adapters share.
export * as authV1 from './gen/auth/v1/auth.pb.js';
export * as commonV1 from './gen/common/v1/money.pb.js';
export * as ordersV1 from './gen/orders/v1/orders.pb.js';
export * as paymentsV1 from './gen/payments/v1/payments.pb.js';
export * as timestampPb from './gen/google/protobuf/timestamp.pb.js';
export { GRPC_LOADER_OPTIONS, PROTO_FILES, PROTO_ROOT } from './grpc-loader.js';
export { FAULT_MARKERS, SLOW_CONFIRM_MS } from './test-faults.js';
export { fromTimestamp, toTimestamp } from './timestamp.js';
export { APP_DESCRIPTOR_SET, HEALTH_DESCRIPTOR_SET } from './gen/descriptor-sets.pb.js';
