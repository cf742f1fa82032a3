/** A signed-in admin. The token lives only in this tab (sessionStorage) and dies with it. */
export interface Session {
  token: string;
  username: string;
  subject: string;
  expiresAt: number;
}

const KEY = 'saga-console.session';

export function loadSession(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
