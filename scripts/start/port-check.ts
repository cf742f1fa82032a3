import { createServer } from 'node:net';
import { LaunchError } from './launch-error.js';
import type { ServiceName, ServicePlan } from './plan.js';

/** A port the launcher will ask a service to listen on, and the variable that chose it. */
export interface PortClaim {
  service: ServiceName;
  kind: 'HTTP' | 'gRPC';
  port: number;
  variable: string;
}

/** Every port the plans will use, with who needs it. */
export function portClaims(plans: readonly ServicePlan[]): PortClaim[] {
  return plans.flatMap((plan) => {
    const prefix = plan.name.toUpperCase();
    const http: PortClaim = {
      service: plan.name,
      kind: 'HTTP',
      port: plan.httpPort,
      variable: `${prefix}_HTTP_PORT`,
    };
    if (plan.grpcPort === undefined) return [http];
    return [
      http,
      { service: plan.name, kind: 'gRPC', port: plan.grpcPort, variable: `${prefix}_GRPC_PORT` },
    ];
  });
}

/**
 * Checks every port before anything starts, so a clash is reported once, naming the port and the
 * service, instead of as a stack trace from a half-started system.
 */
export async function assertPortsFree(claims: readonly PortClaim[]): Promise<void> {
  const problems = [...duplicates(claims)];
  for (const claim of claims) {
    const error = await tryBind(claim.port);
    if (error) problems.push(describe(claim, error));
  }
  if (problems.length > 0) {
    throw new LaunchError(`Cannot start:\n  ${problems.join('\n  ')}`);
  }
}

function duplicates(claims: readonly PortClaim[]): string[] {
  const seen = new Map<number, PortClaim>();
  const problems: string[] = [];
  for (const claim of claims) {
    const first = seen.get(claim.port);
    if (first) {
      problems.push(
        `port ${claim.port} is chosen for both ${label(first)} and ${label(claim)}: ` +
          `give ${claim.variable} another port.`,
      );
    }
    seen.set(claim.port, claim);
  }
  return problems;
}

// The services listen on every interface, so that is what has to be free.
function tryBind(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(undefined)),
    );
  });
}

function describe(claim: PortClaim, error: NodeJS.ErrnoException): string {
  const what =
    error.code === 'EADDRINUSE'
      ? 'is already in use'
      : error.code === 'EACCES'
        ? 'may not be opened by this user'
        : `cannot be opened (${error.code ?? error.message})`;
  return (
    `port ${claim.port} ${what}: ${label(claim)} needs it. Stop whatever holds it, ` +
    `or choose another port with ${claim.variable}=<port>.`
  );
}

function label(claim: PortClaim): string {
  return `${claim.service} ${claim.kind} (${claim.variable})`;
}
