import { connect } from 'node:http2';
import * as grpc from '@grpc/grpc-js';

/** Protobuf wire encoding by hand, so tests can write what no generated client would. */
export function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest) byte |= 0x80;
    bytes.push(byte);
  } while (rest);
  return Buffer.from(bytes);
}

const key = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
export const bytesField = (field: number, value: string | Buffer) => {
  const bytes = Buffer.from(value);
  return Buffer.concat([key(field, 2), varint(BigInt(bytes.length)), bytes]);
};
export const messageField = (field: number, ...parts: Buffer[]) =>
  bytesField(field, Buffer.concat(parts));
export const intField = (field: number, value: bigint) =>
  Buffer.concat([key(field, 0), varint(value)]);
export const wireKey = key;

/** A unary call with a raw request body; resolves with the status it ended in. */
export function rawUnary(
  address: string,
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<{ code: number; details: string }> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  for (const [name, value] of Object.entries(headers)) metadata.set(name, value);
  return new Promise<{ code: number; details: string }>((resolve) =>
    client.makeUnaryRequest(
      path,
      (value: Buffer) => value,
      (value: Buffer) => value,
      body,
      metadata,
      { deadline: Date.now() + 10_000 },
      (error) =>
        resolve(error ? { code: error.code, details: error.details } : { code: 0, details: '' }),
    ),
  ).finally(() => client.close());
}

export interface H2Answer {
  status: number;
  grpcStatus?: string;
  grpcMessage?: string;
}

/** One HTTP/2 request with any headers and body: for framing and content types gRPC clients refuse. */
export function h2Request(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const answer: H2Answer = { status: 0 };
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      te: 'trailers',
      ...headers,
    });
    const take = (fields: Record<string, unknown>) => {
      if (fields[':status']) answer.status = Number(fields[':status']);
      if (fields['grpc-status'] !== undefined) answer.grpcStatus = String(fields['grpc-status']);
      if (fields['grpc-message'] !== undefined) answer.grpcMessage = String(fields['grpc-message']);
    };
    stream.on('response', take);
    stream.on('trailers', take);
    stream.on('error', reject);
    stream.resume();
    stream.on('close', () => {
      session.close();
      resolve(answer);
    });
    stream.end(body);
  });
}

/** The 5-byte gRPC message prefix: compressed flag and a length that need not be true. */
export const grpcFrame = (message: Buffer, length = message.length, compressed = 0) => {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(compressed, 0);
  prefix.writeUInt32BE(length, 1);
  return Buffer.concat([prefix, message]);
};
