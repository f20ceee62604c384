import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: unlike @IsOptional(), which skips null too, the field's
 * other rules then refuse null (`IsActive must be a boolean value, got null`) instead of letting it
 * reach a NOT NULL column or code that reads the field's properties (both answered 500).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
