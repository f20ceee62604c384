import { type ValidationError } from '@nestjs/common';
import { shown } from './errors/error-body';
import { ValidationProblem } from './errors/domain-errors';

/** The value a message names: scalars as given; objects and arrays only by their kind. */
function given(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `"${shown(value)}"` : shown(value);
}

/** Flattens nested class-validator errors into messages that name the property path and the value given. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => {
      if (rule === 'whitelistValidation') return `${path}: is not a known property`;
      const text = message.startsWith(error.property) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`;
      return text.includes(', got ') ? text : `${text}, got ${given(error.value)}`;
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationProblem {
  return new ValidationProblem(flattenValidationErrors(errors));
}
