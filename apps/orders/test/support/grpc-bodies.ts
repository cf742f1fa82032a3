import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import {
  bytesField,
  grpcFrame,
  intField,
  messageField,
  rawUnary,
  varint,
  wireKey,
} from './grpc-raw.js';

export const CREATE = '/orders.v1.OrderService/CreateOrder';
export const PROCESS = '/payments.v1.PaymentService/ProcessPayment';

export const money = (minor = 1_500n, currency = 'EUR') =>
  messageField(2, bytesField(1, currency), intField(2, minor));
/** A CreateOrderRequest on the wire. */
export const createBody = (description: string | Buffer = 'raw', minor = 1_500n) =>
  Buffer.concat([bytesField(1, randomUUID()), money(minor), bytesField(3, description)]);
/** A ProcessPaymentRequest on the wire, for customer mallory. */
export const processBody = () =>
  Buffer.concat([
    bytesField(1, randomUUID()),
    bytesField(2, 'mallory'),
    messageField(3, bytesField(1, 'EUR'), intField(2, 500n)),
  ]);

/** The gRPC status a call ended in. */
export const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => status.OK,
    (error: { code: number }) => error.code,
  );

export interface RawTarget {
  name: string;
  address: string;
  path: string;
  body: () => Buffer;
  /** The metadata a legitimate caller of this target sends (see rawTargets). */
  headers: Record<string, string>;
  call(body: Buffer): ReturnType<typeof rawUnary>;
}

/** Who calls: the customer (orders' API), and orders for that customer (payments' API). */
export interface RawCallers {
  customer: Record<string, string>;
  orders: Record<string, string>;
}

/**
 * The gateway's gRPC port and orders' (CreateOrder) as the customer, payments' own
 * (ProcessPayment) as orders calls it, so every frame reaches the decoding it is aimed at.
 */
export function rawTargets(
  ports: { gateway: number; orders: number; payments: number },
  callers: RawCallers,
) {
  const target = (
    name: string,
    port: number,
    path: string,
    body: () => Buffer,
    headers: Record<string, string>,
  ): RawTarget => {
    const address = `127.0.0.1:${port}`;
    return { name, address, path, body, headers, call: (b) => rawUnary(address, path, b, headers) };
  };
  return [
    target('gateway', ports.gateway, CREATE, () => createBody(), callers.customer),
    target('orders', ports.orders, CREATE, () => createBody(), callers.customer),
    target('payments', ports.payments, PROCESS, processBody, callers.orders),
  ];
}

const REFUSED = [status.INTERNAL, status.INVALID_ARGUMENT];

/** [name, bytes no decoder should take, the statuses that may answer them]. */
export function undecodable(): Array<[string, Buffer, number[]]> {
  const randomish = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 151 + 7) % 256));
  const groups = Buffer.concat(Array.from({ length: 100_000 }, () => wireKey(15, 3)));
  return [
    ['random bytes', randomish, REFUSED],
    [
      'length past the end',
      Buffer.concat([wireKey(1, 2), varint(1n << 31n), Buffer.from('ab')]),
      REFUSED,
    ],
    ['wire type 7', Buffer.concat([wireKey(1, 7), Buffer.from([1])]), REFUSED],
    ['unterminated varint', Buffer.from([0x08, 0xff, 0xff, 0xff]), REFUSED],
    ['groups nested 100,000 deep', groups, REFUSED],
    ['empty', Buffer.alloc(0), REFUSED],
    // protobufjs reads a cut-off last field as a shorter one: any answer but a crash.
    ['cut short', createBody().subarray(0, -2), [...REFUSED, status.OK]],
  ];
}

/**
 * [name, headers, body, processed as is]: content types and framing a gRPC server must refuse
 * (grpc-js reads a compressed flag without an encoding as an uncompressed message, hence "as is").
 */
export function badFraming(): Array<[string, Record<string, string>, Buffer, boolean?]> {
  const grpc = { 'content-type': 'application/grpc' };
  const valid = grpcFrame(createBody());
  return [
    ['json', { 'content-type': 'application/json' }, Buffer.from('{}')],
    ['text', { 'content-type': 'text/plain' }, Buffer.from('hello')],
    ['compressed flag, no encoding', grpc, grpcFrame(createBody(), undefined, 1), true],
    [
      'unknown encoding',
      { ...grpc, 'grpc-encoding': 'zstd-ish' },
      grpcFrame(createBody(), undefined, 1),
    ],
    ['prefix says 4 GiB', grpc, grpcFrame(Buffer.from('abc'), 0xffffffff)],
    ['prefix longer than the body', grpc, grpcFrame(Buffer.from('abc'), 100)],
    ['two messages for a unary call', grpc, Buffer.concat([valid, valid])],
  ];
}
