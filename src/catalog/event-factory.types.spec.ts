import { SeededRandom } from '../common/seeded-random';
import { makeEvent } from './event-factory';
import type { WebhookPayload } from './payload.types';

/** makeEvent named by a type is typed by its table: these lines are checked by the compiler. */
describe('makeEvent types', () => {
  const rng = new SeededRandom('types');

  it('returns the event of its type, and refuses values that do not fit its table at compile time', () => {
    const status: WebhookPayload<'QueueStatus'> = makeEvent('QueueStatus', { OpenStatus: 3, NbrOfConnected: 2 }, { rng });
    expect(status.OpenStatus).toBe(3);
    // @ts-expect-error OpenStatus is one of 0..6
    expect(() => makeEvent('QueueStatus', { OpenStatus: 9 }, { rng })).toThrow(/OpenStatus/);
    // @ts-expect-error UserCallInArrived spells it UserName
    expect(() => makeEvent('UserCallInArrived', { Username: 'x' }, { rng })).toThrow(/Username/);
    // @ts-expect-error a QueueStatus has no UserId
    expect(() => makeEvent('QueueStatus', { UserId: rng.uuid() }, { rng })).toThrow(/UserId/);
    // @ts-expect-error the availability is a closed set
    expect(() => makeEvent('UserAvailability', { Availability: 'Asleep' }, { rng })).toThrow(/Availability/);
  });
});
