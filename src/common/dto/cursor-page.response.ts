import { nullable, t } from '../openapi/schema';
import { TOTAL_CAP } from '../keyset-cursor';

/** The paging fields of a list paged by cursor (events, deliveries); the list adds its Items. */
export const CURSOR_PAGE = {
  Total: t.integer({ minimum: 0, maximum: TOTAL_CAP, description: `Matching rows, counted up to ${TOTAL_CAP}` }),
  TotalCapped: t.boolean({ description: `True when more than ${TOTAL_CAP} rows match (Total then says ${TOTAL_CAP})` }),
  Limit: t.integer(),
  Offset: t.integer(),
  NextCursor: nullable(t.string({ description: 'Pass as ?cursor= (same filters) for the next page; null on the last page' })),
};
