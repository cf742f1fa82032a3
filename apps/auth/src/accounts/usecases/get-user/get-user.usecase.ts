import { Injectable } from '@nestjs/common';
import { isAdmin, type Caller } from '#identity';
import { UserNotFoundError } from '../../domain/accounts.errors.js';
import { profileOf, type UserProfile } from '../../domain/user.js';
import { UserRepository } from '../../persistence/user.repository.js';

/** A customer reads only their own account; an admin reads any. */
@Injectable()
export class GetUserUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(caller: Caller, id: string): Promise<UserProfile> {
    if (caller.subject !== id && !isAdmin(caller)) throw new UserNotFoundError();
    const user = await this.users.findById(id);
    if (!user) throw new UserNotFoundError();
    return profileOf(user);
  }
}
