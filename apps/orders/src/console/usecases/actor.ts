import type { Caller } from '#identity';

/** Who acted, as records name them: the username when the token carries one, else the subject. */
export function actorOf(caller: Caller): string {
  return (caller.username ?? caller.subject).slice(0, 64);
}
