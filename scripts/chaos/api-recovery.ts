import type { Acknowledged, Violation } from '#testing';

const TERMINAL = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);
const PAGE = 100;

/**
 * On the embedded stores nothing outside orders can read its database while it runs (PGlite is
 * one session inside orders), so recovery is watched through orders' own API: every order a
 * client saw acknowledged, listed page by page, must be terminal. The stores themselves are
 * checked once the apps have stopped.
 */
export async function unfinishedViaApi(
  ordersUrl: string,
  token: string,
  acknowledged: Acknowledged,
): Promise<Violation[]> {
  const status = new Map<string, string>();
  let pageToken = '';
  do {
    const res = await fetch(
      `${ordersUrl}/v1/orders?page_size=${PAGE}&page_token=${encodeURIComponent(pageToken)}`,
      { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) },
    );
    if (!res.ok) throw new Error(`listing orders: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as {
      orders: Array<{ id: string; status: string }>;
      next_page_token: string;
    };
    for (const order of page.orders) status.set(order.id, order.status);
    pageToken = page.next_page_token;
  } while (pageToken);
  const violations: Violation[] = [];
  for (const ids of acknowledged.values()) {
    for (const id of ids) {
      const now = status.get(id);
      if (!now || !TERMINAL.has(now)) {
        violations.push({
          invariant: 'terminal',
          orderId: id,
          detail: `order is ${now ?? 'not listed'}`,
        });
      }
    }
  }
  return violations;
}
