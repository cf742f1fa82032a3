import type { Provider } from '@nestjs/common';

/**
 * Closes an embedded store when Nest shuts down, after the modules using it (TypeORM, mongoose)
 * have closed their connections: shutdown hooks run once every module is destroyed.
 */
export function closeOnShutdown(name: string, store: { close(): Promise<void> }): Provider {
  return {
    provide: `close-on-shutdown:${name}`,
    useValue: { onApplicationShutdown: () => store.close() },
  };
}
