import type { PostgresEndpoint } from '#platform';
import { startApp, testPostgres, UNLIMITED_SIGN_INS, type AppProcess } from '#testing';
import { AUTH_STATES } from '../../../../scripts/pact/auth-states.js';
import type { StateHandlers } from '../../../../scripts/pact/pact-source.js';

/** auth as the provider under verification: the built app as a real process on fresh PostgreSQL. */
export interface AuthProvider {
  app: AppProcess;
  baseUrl: string;
  stateHandlers: StateHandlers;
  close(): Promise<void>;
}

export interface AuthProviderOptions {
  /** Which build to run: `auth`, or a deliberately broken copy (scripts/pact/broken-build). */
  app?: string;
}

export async function startAuthProvider(options: AuthProviderOptions = {}): Promise<AuthProvider> {
  const postgres: PostgresEndpoint = await testPostgres();
  const app = await startApp(options.app ?? 'auth', {
    env: {
      DATABASE_URL: postgres.url,
      LOG_LEVEL: 'warn',
      // Verification signs in several times in a row from one address.
      ...UNLIMITED_SIGN_INS,
    },
  });
  const baseUrl = `http://127.0.0.1:${app.httpPort}`;
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const stateHandlers: StateHandlers = {
    // Set up over the public API, as a user would: register, or check the password of a user
    // an earlier interaction registered.
    [AUTH_STATES.userExists]: async (params) => {
      const { username, password } = (params ?? {}) as { username?: string; password?: string };
      const registered = await post('/v1/auth/register', { username, password });
      if (registered.status === 201) return;
      const login = await post('/v1/auth/login', { username, password });
      if (registered.status !== 409 || !login.ok) {
        throw new Error(
          `state "${AUTH_STATES.userExists}" for ${username}: register → ${registered.status}, login → ${login.status}`,
        );
      }
    },
  };

  return {
    app,
    baseUrl,
    stateHandlers,
    close: async () => {
      await app.stop('SIGTERM');
      await postgres.close();
    },
  };
}
