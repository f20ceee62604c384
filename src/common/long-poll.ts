import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsWholeNumberIn, wholeNumber } from './dto/page.query';

/** The longest a list route may hold a request open (`waitMs`). */
export const MAX_WAIT_MS = 30_000;
/** How often a waiting request looks again: a cheap indexed query, and it sees other processes' writes. */
const POLL_MS = 100;

/**
 * Runs `read` until it returns a page with at least one item, `waitMs` passes or `aborted()` is
 * true (the client went away). Polling PostgreSQL, rather than listening in this process, sees
 * rows written by any process (ROLE=worker writes the delivery log elsewhere).
 */
export async function longPoll<T extends { Items: unknown[] }>(read: () => Promise<T>, waitMs: number, aborted: () => boolean): Promise<T> {
  const deadline = Date.now() + Math.min(waitMs, MAX_WAIT_MS);
  for (;;) {
    const page = await read();
    const left = deadline - Date.now();
    if (page.Items.length > 0 || left <= 0 || aborted()) return page;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}

/** The `waitMs` query parameter of a list route that can hold the request (see longPoll). */
export const WaitMsQuery = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: 0,
      maximum: MAX_WAIT_MS,
      default: 0,
      description: `Hold the request until at least one row matches, up to this many ms (max ${MAX_WAIT_MS})`,
    }),
    IsOptional(),
    // The same rule as limit and offset: "0x10" or "1e3" is refused, not read as a number.
    Transform(wholeNumber),
    IsWholeNumberIn(0, MAX_WAIT_MS),
  );
