import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface DevAdmin {
  username: string;
  password: string;
  /** Where the generated credentials live; undefined when they came from the environment. */
  file?: string;
  created: boolean;
}

/**
 * The development admin: ADMIN_USERNAME/ADMIN_PASSWORD when set, else a random password made on
 * the first `npm start` and kept (mode 600) in the data folder, so the console and the orders
 * service account keep working across restarts. Production never takes this path: there auth
 * only seeds an admin from explicitly configured variables.
 */
export async function devAdmin(env: NodeJS.ProcessEnv, file: string): Promise<DevAdmin> {
  if (env.ADMIN_USERNAME && env.ADMIN_PASSWORD) {
    return { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD, created: false };
  }
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      username: string;
      password: string;
    };
    return { ...saved, file, created: false };
  }
  const admin = { username: 'admin', password: randomBytes(12).toString('base64url') };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(admin, null, 2)}\n`, { mode: 0o600 });
  return { ...admin, file, created: true };
}
