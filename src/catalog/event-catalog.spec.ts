import { AVAILABILITY_VALUES, CALLBACK_TYPE_VALUES, LOCAL_REMOTE_REASONS, OPEN_STATUS, OPEN_STATUS_VALUES, USER_OVERFLOW_REASONS } from './enums';
import {
  COMMON_PROPERTY_NAMES,
  EVENT_TYPE_ALIASES,
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  HELPER_TYPE_NAMES,
  getEventType,
  getHelperType,
  listElementTypeName,
  resolveEventType,
  suggestEventTypeName,
} from './event-catalog';

const ENTITY_ID_BY_TYPE = { User: 'UserId', Queue: 'QueueId', CallList: 'CallListId' } as const;

describe('event catalog', () => {
  it('holds 34 uniquely named event types: 20 User, 12 Queue, 2 CallList, and 4 helper types', () => {
    expect(EVENT_TYPES).toHaveLength(34);
    expect(new Set(EVENT_TYPE_NAMES).size).toBe(34);
    const count = (entityType: string): number => EVENT_TYPES.filter((e) => e.entityType === entityType).length;
    expect([count('User'), count('Queue'), count('CallList')]).toEqual([20, 12, 2]);
    expect(HELPER_TYPE_NAMES).toEqual(['QueueAttachedUser', 'CallbackAttempt', 'CallbackExtra', 'CallbackRelatedItem']);
  });

  it('takes EntityId from UserId / QueueId / CallListId, except UserSupervisionStatus which has no UserId', () => {
    for (const def of EVENT_TYPES) {
      const names = def.properties.map((p) => p.name as string);
      expect(names).toContain(def.entityIdProperty);
      expect(def.properties.find((p) => p.name === def.entityIdProperty)?.type).toBe('Guid');
      if (def.name === 'UserSupervisionStatus') {
        expect(names).not.toContain('UserId');
        expect(def.entityIdProperty).toBe('SupervisorUserId');
      } else {
        expect(`${def.name}:${def.entityIdProperty}`).toBe(`${def.name}:${ENTITY_ID_BY_TYPE[def.entityType]}`);
      }
    }
  });

  it('gives every event an OrganizationId and no property named like a common one (keys would clash)', () => {
    const common = COMMON_PROPERTY_NAMES.map((n) => n.toLowerCase());
    for (const def of EVENT_TYPES) {
      const names = def.properties.map((p) => p.name as string);
      expect(names).toContain('OrganizationId');
      expect(names.filter((n) => common.includes(n.toLowerCase()))).toEqual([]);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    }
  });

  it("keeps each table's own spelling of UserName / Username", () => {
    const userNameKey = (name: string): string | undefined =>
      getEventType(name)
        ?.properties.map((p) => p.name)
        .find((n) => n.toLowerCase() === 'username');
    expect(userNameKey('UserCallInArrived')).toBe('UserName');
    expect(userNameKey('UserCallInComing')).toBe('Username');
    expect(userNameKey('UserCallInUserOverflow')).toBe('Username');
    expect(userNameKey('QueueCallInUserAllocated')).toBe('UserName');
    expect(getEventType('CallbackChanged').properties.map((p) => p.name)).toContain('CallBackId');
  });

  it('attaches the value sets the seed names, and none it does not', () => {
    const enumOf = (event: string, property: string): unknown => getEventType(event)?.properties.find((p) => p.name === property)?.enum;
    expect(enumOf('UserAvailability', 'Availability')).toEqual(['Available', 'Busy', 'DoNotDisturb', 'OffWork']);
    for (const event of ['UserCallInDisconnected', 'UserCallOutDisconnected', 'QueueCallInDisconnected', 'QueueCallInUserCancelled']) {
      expect(enumOf(event, 'Reason')).toEqual(['remote', 'local']);
    }
    expect(enumOf('UserCallInUserOverflow', 'Reason')).toBe(USER_OVERFLOW_REASONS);
    expect(USER_OVERFLOW_REASONS).toContain('InterruptOverflow');
    expect(USER_OVERFLOW_REASONS).toContain('BusyOnBusy');
    expect(enumOf('QueueStatus', 'OpenStatus')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Object.values(OPEN_STATUS)).toEqual([...OPEN_STATUS_VALUES]);
    expect(enumOf('CallbackChanged', 'TypeId')).toEqual([1, 2, 3]);
    // Loosely described or undefined value sets stay open.
    expect(enumOf('UserSupervisionStatus', 'State')).toBeUndefined();
    expect(enumOf('UserWrapUpTerminated', 'Reason')).toBeUndefined();
    expect(enumOf('UserCallInUserCancelled', 'Reason')).toBeUndefined();

    const withEnum = EVENT_TYPES.flatMap((e) => e.properties.filter((p) => 'enum' in p).map((p) => `${e.name}.${p.name}`));
    expect(withEnum).toHaveLength(8);
    expect([AVAILABILITY_VALUES, LOCAL_REMOTE_REASONS, CALLBACK_TYPE_VALUES].every((v) => v.length > 0)).toBe(true);
  });

  it('resolves listed names, and the two aliases of the seed sample configuration', () => {
    expect(resolveEventType('QueueCallInUserConnected')).toEqual({ def: getEventType('QueueCallInUserConnected') });
    expect(resolveEventType('QueueCallInConnected')).toEqual({ def: getEventType('QueueCallInUserConnected'), aliasOf: 'QueueCallInUserConnected' });
    expect(resolveEventType('QueueCallInAllocated')).toEqual({ def: getEventType('QueueCallInUserAllocated'), aliasOf: 'QueueCallInUserAllocated' });
    expect(Object.keys(EVENT_TYPE_ALIASES)).toEqual(['QueueCallInConnected', 'QueueCallInAllocated']);
    for (const alias of Object.keys(EVENT_TYPE_ALIASES)) expect(getEventType(alias)).toBeUndefined();
  });

  it('is exact about names: wrong case or unknown names do not resolve, but get a suggestion', () => {
    expect(resolveEventType('queuestatus')).toBeUndefined();
    expect(resolveEventType('toString')).toBeUndefined();
    expect(resolveEventType('NoSuchEvent')).toBeUndefined();
    expect(suggestEventTypeName('queuestatus')).toBe('QueueStatus');
    expect(suggestEventTypeName('NoSuchEvent')).toBeUndefined();
  });

  it('finds the helper type behind each List<...> property', () => {
    const listTypes = EVENT_TYPES.flatMap((e) => e.properties.map((p) => p.type as string)).filter((t) => t.startsWith('List<'));
    expect(listTypes.sort()).toEqual(['List<CallbackAttempt>', 'List<CallbackExtra>', 'List<CallbackRelatedItem>', 'List<QueueAttachedUser>']);
    for (const type of listTypes) expect(getHelperType(listElementTypeName(type)!)).toBeDefined();
    expect(listElementTypeName('Guid?')).toBeUndefined();
  });
});
