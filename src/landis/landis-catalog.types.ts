/**
 * Shapes of the Landis catalog data (landis-catalog.data.ts). The value types are .NET types, as
 * the platform's CDR classes would declare them, so nullability follows .NET: `string` and `Guid?`
 * may be null, `Guid`, `DateTime`, `TimeSpan` and `bool` never are.
 */
export const LANDIS_VALUE_TYPES = ['Guid', 'Guid?', 'string', 'DateTime', 'TimeSpan', 'bool', 'List<IvrInput>'] as const;

export type LandisValueType = (typeof LANDIS_VALUE_TYPES)[number];

export interface LandisPropertyDefinition {
  readonly name: string;
  readonly type: LandisValueType;
  /** Verbatim from the document's table. */
  readonly description: string;
  /** The closed value set the emulator uses (the document names none). */
  readonly enum?: readonly string[];
  /** The document says the value is always null. */
  readonly alwaysNull?: true;
  /** Element properties of a list, listed in the document right below the list property. */
  readonly items?: readonly LandisPropertyDefinition[];
}

export interface LandisEventDefinition {
  readonly name: string;
  readonly description: string;
  /** False when the document gives no property table (App.TestWebhook). */
  readonly documented: boolean;
  readonly properties: readonly LandisPropertyDefinition[];
}

export interface LandisSubscriptionField {
  readonly name: string;
  readonly description: string;
}
