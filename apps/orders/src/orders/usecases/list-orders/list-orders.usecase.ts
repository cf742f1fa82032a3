import { Injectable } from '@nestjs/common';
import { InvalidArgumentError } from '#platform';
import { isAdmin, type Caller } from '#identity';
import type { Order } from '../../domain/order.js';
import { OrderRepository, type PageCursor } from '../../persistence/order.repository.js';

export const DEFAULT_PAGE_SIZE = 20;

export interface OrderPage {
  orders: Order[];
  nextPageToken: string;
}

/** The caller's orders, newest first (every order for admins), keyset-paginated. */
@Injectable()
export class ListOrdersUseCase {
  constructor(private readonly orders: OrderRepository) {}

  async execute(caller: Caller, pageSize: number, pageToken: string): Promise<OrderPage> {
    const size = pageSize || DEFAULT_PAGE_SIZE;
    const after = pageToken ? decodeToken(pageToken) : undefined;
    const owner = isAdmin(caller) ? undefined : caller.subject;
    const rows = await this.orders.list(owner, size + 1, after);
    const page = rows.slice(0, size);
    const last = page.at(-1);
    const nextPageToken = rows.length > size && last ? encodeToken(last) : '';
    return { orders: page, nextPageToken };
  }
}

function encodeToken(order: Order): string {
  return Buffer.from(JSON.stringify([order.createdAt.toISOString(), order.id])).toString(
    'base64url',
  );
}

function decodeToken(token: string): PageCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString()) as [
      string,
      string,
    ];
    const date = new Date(createdAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad token');
    return { createdAt: date, id };
  } catch {
    throw new InvalidArgumentError('page_token: is not a token this service issued');
  }
}
