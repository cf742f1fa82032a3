import { z } from 'zod';
import { validation } from '#platform';
import { STATUS_FILTERS, type StatusFilter } from '../usecases/saga-filters.js';
import type { ListSagasQuery } from '../usecases/list-sagas/list-sagas.usecase.js';

const { identifier } = validation;

const TEN_YEARS_S = 10 * 365 * 24 * 3600;
const seconds = z.coerce
  .number({ error: 'must be a number of seconds' })
  .int('must be a whole number of seconds')
  .min(0, 'must not be negative')
  .max(TEN_YEARS_S, `must be at most ${TEN_YEARS_S}`);
const statusWords = Object.keys(STATUS_FILTERS) as [StatusFilter, ...StatusFilter[]];

/** Query parameters of GET /console/api/sagas; empty ones count as absent. */
export const listSagasInput = z.preprocess(
  (query) =>
    typeof query === 'object' && query !== null
      ? Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''))
      : query,
  z
    .strictObject({
      status: z.enum(statusWords, { error: `must be one of ${statusWords.join(', ')}` }).optional(),
      type: identifier(32).optional(),
      order_id: z.uuid({ error: 'must be an order id (UUID)' }).optional(),
      min_age_s: seconds.optional(),
      max_age_s: seconds.optional(),
      overdue: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
      page_size: z.coerce
        .number({ error: 'must be a number' })
        .int('must be an integer')
        .min(1, 'must be between 1 and 100')
        .max(100, 'must be between 1 and 100')
        .default(25),
      page_token: z.string().max(512, 'is too long').default(''),
    })
    .transform((query): ListSagasQuery => ({
      status: query.status,
      type: query.type,
      orderId: query.order_id,
      minAgeSeconds: query.min_age_s,
      maxAgeSeconds: query.max_age_s,
      overdue: query.overdue === 'true',
      pageSize: query.page_size,
      pageToken: query.page_token,
    })),
);

export const sagaIdInput = z.object({ sagaId: z.uuid({ error: 'must be a saga id (UUID)' }) });

const NOTE_REQUIRED = 'is required: say what was done by hand and why';
/** Free text from a textarea: line breaks and tabs allowed, other control characters not. */
const note = z
  .string({ error: (issue) => (issue.input === undefined ? NOTE_REQUIRED : 'must be a string') })
  .max(1000, 'must be at most 1000 characters')
  .refine((text) => !/[^\P{Cc}\n\r\t]/u.test(text), {
    message: 'must not contain control characters',
  })
  .transform((text) => text.trim());

export const retryInput = z.strictObject({ note: note.default('') });

export const resolveInput = z.strictObject({
  note: note.refine((text) => text.length > 0, { message: NOTE_REQUIRED }),
});

export const loginInput = z.strictObject({
  username: z.string({ error: 'is required' }).min(1, 'is required').max(64, 'is too long'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(256, 'is too long'),
});
