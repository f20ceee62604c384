import type { HelperPayloadOf, PayloadOf, WebhookPayload } from './payload.types';

/**
 * Compile-time checks that the payload types are derived from the catalog data (tsc --noEmit
 * fails on any line here if the derivation breaks); the runtime assertion only keeps jest happy.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeChecks = {
  openStatus: true as Equal<PayloadOf<'QueueStatus'>['OpenStatus'], 0 | 1 | 2 | 3 | 4 | 5 | 6>,
  availability: true as Equal<PayloadOf<'UserAvailability'>['Availability'], 'Available' | 'Busy' | 'DoNotDisturb' | 'OffWork' | null>,
  attempts: true as Equal<PayloadOf<'CallbackChanged'>['CallbackAttempts'], HelperPayloadOf<'CallbackAttempt'>[] | null>,
  nullableDate: true as Equal<HelperPayloadOf<'CallbackAttempt'>['Timestamp'], string | null>,
  referenceString: true as Equal<PayloadOf<'UserCallInComing'>['Username'], string | null>,
  guid: true as Equal<PayloadOf<'UserCallInArrived'>['CallId'], string>,
  nullableGuid: true as Equal<PayloadOf<'CallbackChanged'>['AssignedUserId'], string | null>,
  keys: true as Equal<keyof PayloadOf<'QueueAttachedUsers'>, 'AttachedUsers' | 'OrganizationId' | 'QueueId'>,
  eventType: true as Equal<WebhookPayload<'QueueAttachedUsers'>['EventType'], 'QueueAttachedUsers'>,
  short: true as Equal<PayloadOf<'CallbackChanged'>['TypeId'], 1 | 2 | 3>,
  supervisionState: true as Equal<PayloadOf<'UserSupervisionStatus'>['State'], string>,
  bool: true as Equal<HelperPayloadOf<'CallbackRelatedItem'>['IsClosed'], boolean>,
  nullableInt: true as Equal<PayloadOf<'CallbackChanged'>['LastAttemptTypeId'], number | null>,
} satisfies Record<string, true>;

// @ts-expect-error UserCallInArrived spells it UserName; Username is not one of its keys.
const misspelt: PayloadOf<'UserCallInArrived'>['Username'] = null;

describe('payload types', () => {
  it('are derived from the catalog (checked by the compiler)', () => {
    expect(Object.values(typeChecks).every(Boolean)).toBe(true);
    expect(misspelt).toBeNull();
  });
});
