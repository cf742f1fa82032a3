import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { User } from '../../domain/user.js';
import type { PasswordHasher } from '../../password-hasher.js';
import type { UserRepository } from '../../persistence/user.repository.js';
import { SeedAccountUseCase } from './seed-account.usecase.js';

/** An in-memory users table and a transparent "hash", enough to see what the seeder writes. */
function seederWith(existing?: Partial<User>) {
  const rows = new Map<string, User>();
  if (existing) {
    const user = {
      id: 'u1',
      username: 'root',
      role: 'customer',
      passwordHash: 'h:old',
      createdAt: new Date(0),
      ...existing,
    } as User;
    rows.set(user.username, user);
  }
  const users = {
    findByUsername: async (username: string) => rows.get(username) ?? null,
    insert: async (user: User) => void rows.set(user.username, user),
    update: async (id: string, changes: Partial<User>) => {
      for (const row of rows.values()) if (row.id === id) Object.assign(row, changes);
    },
  } as unknown as UserRepository;
  const hasher = {
    hash: async (password: string) => `h:${password}`,
    verify: async (hash: string | undefined, password: string) => hash === `h:${password}`,
  } as unknown as PasswordHasher;
  return { rows, seed: new SeedAccountUseCase(users, hasher) };
}

describe('SeedAccountUseCase', () => {
  it('creates the configured admin when absent', async () => {
    const { rows, seed } = seederWith();
    await seed.execute({ username: 'root', password: 'root password 123', role: 'admin' });
    assert.deepEqual(
      [rows.get('root')?.role, rows.get('root')?.passwordHash],
      ['admin', 'h:root password 123'],
    );
  });

  it('leaves an admin with the configured password untouched', async () => {
    const { rows, seed } = seederWith({
      role: 'admin',
      passwordHash: 'h:same',
      createdAt: new Date(5),
    });
    await seed.execute({ username: 'root', password: 'same', role: 'admin' });
    assert.deepEqual(rows.get('root'), {
      id: 'u1',
      username: 'root',
      role: 'admin',
      passwordHash: 'h:same',
      createdAt: new Date(5),
    });
  });

  it('applies a changed ADMIN_PASSWORD', async () => {
    const { rows, seed } = seederWith({ role: 'admin' });
    await seed.execute({ username: 'root', password: 'new password 123', role: 'admin' });
    assert.equal(rows.get('root')?.passwordHash, 'h:new password 123');
  });

  it('takes over a customer who registered the admin name first, replacing their password', async () => {
    const { rows, seed } = seederWith({ role: 'customer', passwordHash: 'h:squatter' });
    await seed.execute({ username: 'root', password: 'root password 123', role: 'admin' });
    assert.deepEqual(
      [rows.get('root')?.role, rows.get('root')?.passwordHash],
      ['admin', 'h:root password 123'],
    );
  });

  it("seeds orders' service account with role service, taking the name from a customer", async () => {
    const { rows, seed } = seederWith({ username: 'orders-svc', role: 'customer' });
    await seed.execute({ username: 'orders-svc', password: 'service password 1', role: 'service' });
    assert.deepEqual(
      [rows.get('orders-svc')?.role, rows.get('orders-svc')?.passwordHash],
      ['service', 'h:service password 1'],
    );
  });
});
