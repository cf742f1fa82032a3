import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import type { Saga } from './types.js';

type Action = 'retry' | 'resolve';

const COPY: Record<Action, { button: string; title: string; confirm: string }> = {
  retry: {
    button: 'Retry now',
    title: 'Retry this saga now?',
    confirm: 'Retry now',
  },
  resolve: {
    button: 'Resolve by hand…',
    title: 'Resolve this saga by hand?',
    confirm: 'Mark as resolved',
  },
};

function consequence(action: Action, saga: Saga): string {
  if (action === 'retry') {
    const what = saga.ending ? `its compensation (${saga.step})` : `its step ${saga.step}`;
    return `The engine runs ${what} again at once, with a fresh set of attempts.`;
  }
  const end = saga.ending === 'rejected' ? 'REJECTED' : saga.ending ? 'COMPENSATED' : 'COMPLETED';
  return (
    `Say that what the engine could not do (${saga.step}) was done outside it. ` +
    `The saga ends ${end} and its order gets its final status. This cannot be undone.`
  );
}

/** "Retry now" and "Resolve by hand" on a STUCK saga, each behind a confirmation. */
export function SagaActions(props: { saga: Saga; token: string; onDone(message: string): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [action, setAction] = useState<Action>('retry');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { saga } = props;

  const open = (next: Action) => {
    setAction(next);
    setError(undefined);
    dialog.current?.showModal();
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget as HTMLFormElement).get('note') ?? '');
    setBusy(true);
    try {
      await api(`/console/api/sagas/${saga.id}/${action}`, {
        method: 'POST',
        token: props.token,
        body: { note },
      });
      dialog.current?.close();
      props.onDone(action === 'retry' ? 'Retry started.' : 'Saga resolved by hand.');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The action failed.');
    } finally {
      setBusy(false);
    }
  };

  const copy = COPY[action];
  return (
    <div class="actions">
      <button type="button" class="primary" onClick={() => open('retry')}>
        {COPY.retry.button}
      </button>
      <button type="button" onClick={() => open('resolve')}>
        {COPY.resolve.button}
      </button>
      <dialog ref={dialog} aria-labelledby="action-title" aria-describedby="action-what">
        <form method="dialog" onSubmit={submit}>
          <h3 id="action-title">{copy.title}</h3>
          <p id="action-what">{consequence(action, saga)}</p>
          <label for="action-note">
            {action === 'resolve' ? 'What was done, and why (required)' : 'Note (optional)'}
          </label>
          <textarea
            id="action-note"
            name="note"
            key={action}
            rows={3}
            maxLength={1000}
            required={action === 'resolve'}
          />
          {error && (
            <p class="error-text" role="alert">
              {error}
            </p>
          )}
          <div class="dialog-buttons">
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Working…' : copy.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
