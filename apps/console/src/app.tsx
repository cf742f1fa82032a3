import { useEffect, useState } from 'preact/hooks';
import { api, whenUnauthorized } from './api.js';
import { useRoute } from './route.js';
import { SagaDetail } from './saga-detail.js';
import { SagaList } from './saga-list.js';
import { clearSession, loadSession, saveSession, type Session } from './session.js';
import { SignIn } from './sign-in.js';
import type { ConsoleConfig } from './types.js';

const FALLBACK: ConsoleConfig = {
  trace_viewer_url: '',
  poll_interval_ms: 2000,
  overdue_after_ms: 0,
};

/** Sign-in, then the list beside the open saga; both refresh themselves while the tab shows. */
export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string>();
  const [config, setConfig] = useState<ConsoleConfig>(FALLBACK);
  const route = useRoute();

  useEffect(() => {
    api<ConsoleConfig>('/console/api/config').then(setConfig, () => {});
  }, []);

  useEffect(() => {
    const end = (why: string) => {
      clearSession();
      setSession(null);
      setNotice(why);
    };
    whenUnauthorized(() => end('Your session ended. Sign in again.'));
    if (!session) return;
    const timer = setTimeout(
      () => end('Your session expired. Sign in again.'),
      Math.max(session.expiresAt - Date.now(), 0),
    );
    return () => clearTimeout(timer);
  }, [session]);

  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(next) => {
          saveSession(next);
          setNotice(undefined);
          setSession(next);
        }}
      />
    );
  }
  // Never faster than the server suggests, never slower than 2 s.
  const interval = Math.min(Math.max(config.poll_interval_ms, 500), 2000);
  return (
    <div class="layout">
      <header class="top">
        <h1>Saga console</h1>
        <p class="muted live">
          Live: refreshes every {(interval / 1000).toFixed(1)} s
          {config.overdue_after_ms > 0 &&
            ` · overdue after ${Math.round(config.overdue_after_ms / 60000)} min`}
        </p>
        <p class="who">
          Signed in as <strong>{session.username}</strong>{' '}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              clearSession();
              setNotice('Signed out.');
              setSession(null);
            }}
          >
            Sign out
          </button>
        </p>
      </header>
      <main class={route.sagaId ? 'panes with-detail' : 'panes'}>
        <SagaList token={session.token} route={route} intervalMs={interval} />
        {route.sagaId && (
          <SagaDetail
            sagaId={route.sagaId}
            route={route}
            token={session.token}
            intervalMs={interval}
            traceUrl={config.trace_viewer_url}
          />
        )}
      </main>
    </div>
  );
}
