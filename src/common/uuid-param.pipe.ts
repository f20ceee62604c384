import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationProblem } from './errors/domain-errors';

/**
 * A path parameter that must be a UUID of any version (the platform's ids are .NET GUIDs). The 400
 * names the parameter and has the shape of the body validation errors (`message` is a list).
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, { data }: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    const shown = value.length > 60 ? `${value.slice(0, 60)}...` : value;
    throw new ValidationProblem([`${data ?? 'id'} must be a UUID, got "${shown}"`]);
  }
}
