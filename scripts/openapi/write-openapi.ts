import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authOpenApi } from '../../apps/auth/src/openapi/auth.openapi.js';
import { ordersOpenApi } from '../../apps/orders/src/openapi/orders.openapi.js';

/**
 * `npm run openapi`: writes the documents the apps serve at /openapi.json into docs/api/, built by
 * the same functions (their zod schemas), so a reader or a client generator needs no running app.
 * CI regenerates them and fails when the committed ones differ (scripts/openapi-check.sh).
 */
const DIR = fileURLToPath(new URL('../../../docs/api/', import.meta.url));
export const DOCUMENTS = { auth: authOpenApi, orders: ordersOpenApi };

mkdirSync(DIR, { recursive: true });
for (const [app, build] of Object.entries(DOCUMENTS)) {
  writeFileSync(`${DIR}${app}.openapi.json`, `${JSON.stringify(build(), null, 2)}\n`);
}
process.stdout.write(`wrote ${Object.keys(DOCUMENTS).join(', ')} to docs/api/\n`);
