import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';

export const MAX_PAGE_SIZE = 1000;
/** Deeper than this, a filter (time range, type) is the way through a list, not an offset. */
export const MAX_OFFSET = 1_000_000;

/** Digits only become a number: "0x10", "1e20" and " 5" stay strings and are refused. */
export const wholeNumber = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value);

/** One rule, one message: "limit must be a whole number from 1 to 1000". */
export function IsWholeNumberIn(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isWholeNumberIn',
    validator: {
      validate: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
    },
  });
}

/** `?limit=`: how many rows a list returns. */
export class LimitQuery {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Transform(wholeNumber)
  @IsWholeNumberIn(1, MAX_PAGE_SIZE)
  limit = 50;
}

/** `?limit=&offset=`: the one pagination of every list route. */
export class PageQuery extends LimitQuery {
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Transform(wholeNumber)
  @IsWholeNumberIn(0, MAX_OFFSET)
  offset = 0;
}
