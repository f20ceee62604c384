import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { LimitQuery, wholeNumber } from './page.query';

/** An offset walks past every skipped row; deeper than this, the cursor is the way through a list. */
export const MAX_LIST_OFFSET = 10_000;

/** `?limit=&cursor=` (and the older `offset`, bounded): the pagination of the large lists (events, deliveries). */
export class CursorPageQuery extends LimitQuery {
  @ApiPropertyOptional({
    description: 'The NextCursor of the previous page: the page after it, stable while rows are added. Not with offset.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({
    type: 'integer',
    default: 0,
    minimum: 0,
    maximum: MAX_LIST_OFFSET,
    deprecated: true,
    description: `Rows to skip (deprecated: use cursor; at most ${MAX_LIST_OFFSET})`,
  })
  @IsOptional()
  @Transform(wholeNumber)
  @ValidateBy({
    name: 'isListOffset',
    validator: {
      validate: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_LIST_OFFSET,
      defaultMessage: (args) => `${args?.property} must be a whole number from 0 to ${MAX_LIST_OFFSET} (deeper pages: use cursor)`,
    },
  })
  offset = 0;
}
