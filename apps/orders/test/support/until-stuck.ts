import { exchange } from '#testing';

type Body = Record<string, unknown>;

/** Waits until every saga in `ids` is STUCK (its refund keeps failing). */
export async function untilStuck(base: string, token: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await exchange(base, 'GET', '/console/api/sagas?status=stuck', { token });
    const found = ((answer.body as Body).sagas as Body[]).map((saga) => saga.id);
    if (ids.every((id) => found.includes(id))) return;
    if (Date.now() > deadline) throw new Error(`sagas ${ids.join(', ')} never became STUCK`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
