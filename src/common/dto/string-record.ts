import { ValidateBy, type ValidationOptions } from 'class-validator';

/** An object whose values are all strings (`{ "CustomerTier": "gold" }`). */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value) =>
          value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => typeof v === 'string'),
        defaultMessage: (args) => `${args?.property} must be an object of name: string values`,
      },
    },
    options,
  );
}
