import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { shown } from './errors/error-body';
import { ValidationProblem } from './errors/domain-errors';

const MAX_LENGTH = 200;

/**
 * A path parameter that names something by id or name (`/api/users/:user`, `/api/event-types/:name`):
 * a non-empty, printable string of at most 200 characters. The request limits already refuse NUL and
 * lone surrogates; this bounds what reaches a lookup and says which parameter is wrong.
 */
@Injectable()
export class NameParamPipe implements PipeTransform<string, string> {
  transform(value: string, { data }: ArgumentMetadata): string {
    // eslint-disable-next-line no-control-regex
    if (value.length > 0 && value.length <= MAX_LENGTH && !/[\u0000-\u001f\u007f]/.test(value)) return value;
    throw new ValidationProblem(`${data ?? 'name'} must be an id or a name of 1-${MAX_LENGTH} printable characters, got "${shown(value)}"`);
  }
}
