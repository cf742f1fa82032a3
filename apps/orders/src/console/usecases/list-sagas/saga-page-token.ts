import { InvalidArgumentError } from '#platform';
import type { SagaCursor } from '#saga';

/** An opaque cursor: the (created_at, id) of the last saga of the previous page. */
export function encodePageToken(cursor: SagaCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

export function decodePageToken(token: string): SagaCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString()) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime())) {
      throw new Error('bad token');
    }
    return { createdAt: date, id };
  } catch {
    throw new InvalidArgumentError('page_token: is not a token this service issued');
  }
}
