import type { Server } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { APP_DESCRIPTOR_SET, HEALTH_DESCRIPTOR_SET } from '#contracts';

const HEALTH_FILE = 'health/v1/health.proto';

/**
 * Adds gRPC server reflection (v1 and v1alpha, as grpcurl and Postman ask for them) describing the
 * app's proto file with its imports and the health checking protocol it also serves, so a client
 * needs nothing but the address: `grpcurl -plaintext localhost:50051 list`. The descriptors are
 * the ones `buf build` wrote (libs/contracts), not proto-loader's: those lose the imports and the
 * proto field names, and grpcurl cannot resolve them.
 */
export function addReflection(server: Server, protoFile: string): void {
  const files = [...decode(APP_DESCRIPTOR_SET), ...decode(HEALTH_DESCRIPTOR_SET)];
  const served = withImports(files, [protoFile, HEALTH_FILE]);
  const fileDescriptorProtos = served.map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file)),
  );
  // ReflectionService reads nothing of a package definition but its entries' descriptors.
  const definition = { descriptors: { fileDescriptorProtos } } as unknown as PackageDefinition;
  new ReflectionService(definition).addToServer(server);
}

/** On unless switched off, except in production, where it is off unless switched on. */
export function reflectionEnabled(config: {
  NODE_ENV: string;
  GRPC_REFLECTION?: boolean;
}): boolean {
  return config.GRPC_REFLECTION ?? config.NODE_ENV !== 'production';
}

function decode(base64: string): FileDescriptorProto[] {
  return fromBinary(FileDescriptorSetSchema, Buffer.from(base64, 'base64')).file;
}

/** The named files and, transitively, the files they import: no other app's services. */
function withImports(files: FileDescriptorProto[], names: string[]): FileDescriptorProto[] {
  const byName = new Map(files.map((file) => [file.name, file]));
  const wanted = new Set<string>();
  const visit = (name: string) => {
    const file = byName.get(name);
    if (!file) throw new Error(`gRPC reflection: no descriptor for ${name}`);
    if (wanted.has(name)) return;
    wanted.add(name);
    file.dependency.forEach(visit);
  };
  names.forEach(visit);
  return files.filter((file) => wanted.has(file.name));
}
