import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import type { Session } from './session.js';

interface LoginReply {
  access_token: string;
  expires_in: number;
  subject: string;
}

function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Sign-in failed. Try again.';
  if (error.status === 401) return 'Wrong username or password.';
  if (error.status === 403) return 'This account is not an admin: the saga console is for admins.';
  if (error.status === 429) {
    const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
    return `Too many sign-in attempts.${wait}`;
  }
  return error.message;
}

/** Sign-in with an admin account; orders forwards it to auth and hands back admins' tokens. */
export function SignIn(props: { notice?: string; onSignedIn(session: Session): void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => errorRef.current?.focus(), [error]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(undefined);
    try {
      const reply = await api<LoginReply>('/console/api/login', {
        method: 'POST',
        body: { username, password },
      });
      props.onSignedIn({
        token: reply.access_token,
        username,
        subject: reply.subject,
        expiresAt: Date.now() + (reply.expires_in || 900) * 1000,
      });
    } catch (caught) {
      setError(explain(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <h1>Saga console</h1>
      <p class="muted">Sign in with an admin account.</p>
      {props.notice && !error && <p role="status">{props.notice}</p>}
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label for="username">Username</label>
        <input id="username" name="username" autoComplete="username" required autoFocus />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {error && (
          <p id="sign-in-error" class="error-text" role="alert" tabIndex={-1} ref={errorRef}>
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
