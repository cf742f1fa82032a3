import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { isUniqueViolation } from '#platform';
import type { Role } from '#identity';
import type { User } from '../domain/user.js';
import { UsernameTakenError } from '../domain/accounts.errors.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Inserts a new account; a taken username (even in a race) is UsernameTakenError. */
  async insert(user: User): Promise<void> {
    try {
      await this.users.insert({ ...user, updatedAt: user.createdAt });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError(user.username);
      throw error;
    }
  }

  async findByUsername(username: string): Promise<User | null> {
    return toUser(await this.users.findOneBy({ username }));
  }

  async findById(id: string): Promise<User | null> {
    return toUser(await this.users.findOneBy({ id }));
  }

  /** Sets role and password of an existing account (the configured admin). */
  async update(id: string, changes: { role: Role; passwordHash: string }): Promise<void> {
    await this.users.update({ id }, { ...changes, updatedAt: new Date() });
  }
}

function toUser(row: UserEntity | null): User | null {
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.passwordHash,
    createdAt: row.createdAt,
  };
}
