import type { HELPER_TYPES } from './helper-types.data';

/**
 * Shapes of the catalog data. The data files are declared `as const satisfies` these, so the
 * compiler checks the data's shape while the literal names and types stay available for
 * deriving payload types (see payload.types.ts).
 */

/** Value types as the seed tables write them (`String` normalised to `string`), without lists. */
export const SCALAR_VALUE_TYPES = [
  'Guid',
  'Guid?',
  'string',
  'int',
  'int?',
  'long',
  'short',
  'bool',
  'DateTime',
  'DateTime?',
  // A .NET enum the seed names but never defines; see enums.ts.
  'SupervisionState',
] as const;

export type ScalarValueType = (typeof SCALAR_VALUE_TYPES)[number];

export type EntityType = 'User' | 'Queue' | 'CallList';

export type EnumValues = readonly string[] | readonly number[];

export interface PropertyDefinition<T extends string = string> {
  readonly name: string;
  readonly type: T;
  readonly description: string;
  /** The closed value set, when the seed names one. */
  readonly enum?: EnumValues;
}

/** A "Misc:" table: the element type of a `List<...>` property. */
export interface HelperTypeDefinition {
  readonly name: string;
  readonly description: string;
  readonly properties: readonly PropertyDefinition<ScalarValueType>[];
}

export interface EventTypeDefinition<T extends string = string> {
  readonly name: string;
  readonly entityType: EntityType;
  /** The event property whose value becomes `EntityId`. */
  readonly entityIdProperty: string;
  readonly description: string;
  readonly properties: readonly PropertyDefinition<T>[];
}

/** Every value type an event property may have: a scalar, or a list of one of the helper types. */
export type EventValueType = ScalarValueType | `List<${HelperTypeName}>`;

export type HelperTypeName = (typeof HELPER_TYPES)[number]['name'];
