import { SeededRandom } from '../common/seeded-random';
import { buildPayload } from './payload-builder';
import { validateEventValues, validatePayload } from './payload-validator';
import { sampleValues } from './sample-values';

const ORG = 'fd434d24-f685-431d-8df5-386b5d5ffa73';
const GUID = '9cae633f-68d0-4315-8b9a-b83c7673d8dc';

describe('validateEventValues', () => {
  it('accepts good partial values, and null where the type is nullable', () => {
    expect(validateEventValues('UserCallInArrived', { CallId: GUID, UserName: null, LegId: null })).toEqual([]);
    expect(validateEventValues('CallbackChanged', { AssignedUserId: null, LastAttemptTypeId: null, DueDate: null, CallbackAttempts: null })).toEqual([]);
  });

  it('names an unknown property and suggests the spelling this event uses', () => {
    expect(validateEventValues('UserCallInArrived', { Username: 'a@example.com' })).toEqual([
      'Username is not a property of UserCallInArrived; did you mean UserName?',
    ]);
    expect(validateEventValues('UserCallInComing', { UserName: 'a@example.com' })).toEqual([
      'UserName is not a property of UserCallInComing; did you mean Username?',
    ]);
    expect(validateEventValues('QueueStatus', { Colour: 'red' })).toEqual(['Colour is not a property of QueueStatus']);
    expect(validateEventValues('QueueStatus', { Timestamp: '2018-01-01T00:00:00' })).toEqual([
      'Timestamp is a common property set by the payload builder, not a property of QueueStatus',
    ]);
  });

  it.each([
    ['UserCallInArrived', { CallId: 'not-a-guid' }, 'CallId: expected Guid (a GUID), got "not-a-guid"'],
    ['UserCallInArrived', { CallId: null }, 'CallId: must not be null (Guid is not nullable)'],
    ['UserCallInArrived', { CallerNumber: 358501231234 }, 'CallerNumber: expected string, got 358501231234'],
    ['CallbackChanged', { AssignedUserId: 'x' }, 'AssignedUserId: expected Guid? (a GUID or null), got "x"'],
    ['QueueStatus', { NbrOfRequesters: 1.5 }, 'NbrOfRequesters: expected int (an integer from -2147483648 to 2147483647), got 1.5'],
    ['QueueStatus', { NbrOfRequesters: 2147483648 }, 'NbrOfRequesters: expected int (an integer from -2147483648 to 2147483647), got 2147483648'],
    ['QueueStatus', { NbrOfRequesters: '3' }, 'NbrOfRequesters: expected int (an integer from -2147483648 to 2147483647), got "3"'],
    ['QueueStatus', { MaxWaitTime: 2 ** 53 }, 'MaxWaitTime: expected long (an integer from -9007199254740991 to 9007199254740991), got 9007199254740992'],
    ['CallbackChanged', { TypeId: 40000 }, 'TypeId: expected short (an integer from -32768 to 32767), got 40000'],
    ['UserStatus', { Talking: 'yes' }, 'Talking: expected bool (true or false), got "yes"'],
    ['UserStatus', { Talking: null }, 'Talking: must not be null (bool is not nullable)'],
    ['UserAvailability', { StartTime: 'tomorrow' }, 'StartTime: Invalid timestamp "tomorrow": expected ISO-8601'],
    ['UserAvailability', { StartTime: 1514793683 }, 'StartTime: expected DateTime (an ISO-8601 or .NET timestamp string), got 1514793683'],
    ['UserAvailability', { EndTime: null }, 'EndTime: must not be null (DateTime is not nullable)'],
    ['UserSupervisionStatus', { State: '' }, 'State: expected SupervisionState (a state name), got ""'],
    ['QueueAttachedUsers', { AttachedUsers: {} }, 'AttachedUsers: expected List<QueueAttachedUser> (an array of QueueAttachedUser or null), got an object'],
  ])('%s %j -> %s', (eventType, values, message) => {
    const errors = validateEventValues(eventType, values);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(message)).toBe(true);
  });

  it('accepts ISO-8601, .NET strings and Dates for DateTime', () => {
    for (const value of ['2018-01-01T08:01:23.45Z', '2018-01-01T10:01:23+02:00', '2018-01-01T08:01:23.1234567', new Date()]) {
      expect(validateEventValues('UserAvailability', { StartTime: value })).toEqual([]);
    }
  });

  it('checks enum membership', () => {
    expect(validateEventValues('UserAvailability', { Availability: 'Away' })).toEqual([
      'Availability: "Away" is not one of Available, Busy, DoNotDisturb, OffWork',
    ]);
    expect(validateEventValues('UserCallInDisconnected', { Reason: 'Remote' })).toEqual(['Reason: "Remote" is not one of remote, local']);
    expect(validateEventValues('QueueStatus', { OpenStatus: 7 })).toEqual(['OpenStatus: 7 is not one of 0, 1, 2, 3, 4, 5, 6']);
    expect(validateEventValues('CallbackChanged', { TypeId: 0 })).toEqual(['TypeId: 0 is not one of 1, 2, 3']);
    expect(validateEventValues('UserCallInUserOverflow', { Reason: 'NoAnswer' })).toEqual([]);
    // string enums are still .NET strings, so null is allowed
    expect(validateEventValues('UserAvailability', { Availability: null })).toEqual([]);
    // open value sets accept anything of the right type
    expect(validateEventValues('UserWrapUpTerminated', { Reason: 'something-new' })).toEqual([]);
  });

  it('checks List<Helper> elements recursively, with paths', () => {
    const errors = validateEventValues('CallbackChanged', {
      CallbackAttempts: [
        { Id: GUID, Timestamp: '2018-01-01T08:01:23.45' },
        { Id: GUID, Timestamp: 'last tuesday', CallbackAttemptTypeId: 1.5 },
        null,
        { id: GUID },
      ],
      CallbackRelatedItems: [{ Id: GUID, IsClosed: 'no' }],
      CallbackExtras: ['Language=fi'],
    });
    expect(errors).toEqual([
      'CallbackAttempts[1].CallbackAttemptTypeId: expected int? (an integer from -2147483648 to 2147483647), got 1.5',
      expect.stringMatching(/^CallbackAttempts\[1\]\.Timestamp: Invalid timestamp "last tuesday"/),
      'CallbackAttempts[2]: expected a CallbackAttempt object, got null',
      'CallbackAttempts[3].id is not a property of CallbackAttempt; did you mean Id?',
      'CallbackExtras[0]: expected a CallbackExtra object, got "Language=fi"',
      'CallbackRelatedItems[0].IsClosed: expected bool (true or false), got "no"',
    ]);
  });

  it('with requireAll, names each missing property, also inside list elements', () => {
    const errors = validateEventValues('QueueAttachedUsers', { AttachedUsers: [{ UserId: GUID, Active: true }], QueueId: GUID }, { requireAll: true });
    expect(errors).toEqual(['AttachedUsers[0].Priority: is missing from QueueAttachedUser', 'OrganizationId: is missing from QueueAttachedUsers']);
    expect(validateEventValues('QueueAttachedUsers', { AttachedUsers: [], QueueId: GUID })).toEqual([]);
  });

  it('resolves aliases and refuses unknown event types or non-object values', () => {
    expect(validateEventValues('QueueCallInConnected', { UserName: 'a@example.com' })).toEqual([]);
    expect(validateEventValues('queuestatus', {})).toEqual(['Unknown event type "queuestatus"; did you mean QueueStatus?']);
    expect(validateEventValues('Nope', {})).toEqual(['Unknown event type "Nope"']);
    expect(validateEventValues('QueueStatus', [])).toEqual(['values for QueueStatus must be an object, got an array']);
  });
});

describe('validatePayload', () => {
  const rng = new SeededRandom('validator');
  const values = sampleValues('CallbackChanged', rng, { organizationId: ORG });
  const good = (): Record<string, unknown> =>
    buildPayload({ eventType: 'CallbackChanged', organizationId: ORG, values, id: GUID, timestamp: new Date(Date.UTC(2018, 0, 1)) }) as Record<string, unknown>;

  it('accepts a built payload', () => {
    expect(validatePayload(good())).toEqual([]);
  });

  it('refuses EntityId that is not the entity property, and OrganizationId other than RootEntityId', () => {
    const payload = { ...good(), EntityId: GUID };
    expect(validatePayload(payload)).toEqual([`EntityId: must equal CallListId ("${values.CallListId}"), got "${GUID}"`]);
    const org = { ...good(), OrganizationId: GUID };
    expect(validatePayload(org)).toEqual([`OrganizationId: must equal RootEntityId ("${ORG}"), got "${GUID}"`]);
  });

  it('refuses a missing property (null must be sent instead) and an extra one', () => {
    const missing = good();
    delete missing.Note;
    expect(validatePayload(missing)).toEqual(['Note: is missing from CallbackChanged (send null when it has no value)']);
    expect(validatePayload({ ...good(), CallbackId: GUID })).toEqual(['CallbackId is not a property of CallbackChanged; did you mean CallBackId?']);
  });

  it('refuses non-canonical values: zoned or untrimmed timestamps, upper-case Guids, bad common properties', () => {
    const payload = {
      ...good(),
      Timestamp: '2018-01-01T00:00:00Z',
      CreationTime: '2018-01-01T00:00:00.10',
      CallListId: (values.CallListId as string).toUpperCase(),
      RootEntityType: 'Tenant',
      EntityType: 'Queue',
    };
    const errors = validatePayload(payload);
    expect(errors).toEqual(
      expect.arrayContaining([
        'RootEntityType: expected "Organization", got "Tenant"',
        'EntityType: expected "CallList" for CallbackChanged, got "Queue"',
        'Timestamp: expected the platform\'s UTC form (e.g. 2018-01-01T08:01:23.45), got "2018-01-01T00:00:00Z"',
        expect.stringMatching(/^CreationTime: expected DateTime as the platform writes it/),
        expect.stringMatching(/^CallListId: expected Guid \(a lower-case GUID\)/),
      ]),
    );
  });

  it('refuses keys out of table order, and incomplete nested elements', () => {
    const { Note, ...rest } = good();
    const reordered = { ...rest, Note };
    expect(Object.keys(reordered).at(-1)).toBe('Note');
    expect(validatePayload(reordered)).toEqual(['Note: out of order in CallbackChanged; expected at position 29, found at 35']);
    const nested = { ...good(), CallbackExtras: [{ Name: 'Language', Value: 'fi' }] };
    expect(validatePayload(nested)).toEqual(['CallbackExtras[0].Id: is missing from CallbackExtra']);
    const swapped = { ...good(), CallbackExtras: [{ Name: 'Language', Id: 1, Value: 'fi' }] };
    expect(validatePayload(swapped)).toEqual(['CallbackExtras[0].Id: out of order in CallbackExtra; expected at position 1, found at 2']);
  });

  it('refuses aliases and unknown names in EventType', () => {
    expect(validatePayload({ ...good(), EventType: 'QueueCallInConnected' })).toEqual([
      'EventType: QueueCallInConnected is an alias; payloads carry QueueCallInUserConnected',
    ]);
    expect(validatePayload({ ...good(), EventType: 'Nope' })).toEqual(['EventType: unknown event type "Nope"']);
    expect(validatePayload(null)).toEqual(['payload must be a JSON object, got null']);
  });
});
