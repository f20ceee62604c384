import { SeededRandom } from '../common/seeded-random';
import { DOTNET_DATETIME_MAX } from './dotnet-timestamp';
import type { HelperPayloadOf, PayloadOf } from './payload.types';
import { sampleValues } from './sample-values';

const CONTEXT = {
  organizationId: 'fd434d24-f685-431d-8df5-386b5d5ffa73',
  userId: 'b4df099e-70dc-4ff5-b4ea-c2c3547d97fb',
  userName: 'sample.agent@customer.com',
  queueId: '6cb31d7d-9cd9-41dc-a096-62cf31fd0281',
  queueName: 'Sample queue 1',
  callListId: 'e0072f3a-cc7c-42ee-b0ac-34cd7238150a',
  callId: '9cae633f-68d0-4315-8b9a-b83c7673d8dc',
  legId: 'leg-1',
};

function many<N extends Parameters<typeof sampleValues>[0]>(eventType: N, count = 200): Record<string, unknown>[] {
  const rng = new SeededRandom(`many:${eventType}`);
  return Array.from({ length: count }, () => sampleValues(eventType, rng));
}

describe('sampleValues', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const draw = (seed: string): unknown => ['QueueStatus', 'CallbackChanged', 'UserCallInArrived'].map((e) => sampleValues(e, new SeededRandom(seed)));
    expect(JSON.stringify(draw('s1'))).toBe(JSON.stringify(draw('s1')));
    expect(JSON.stringify(draw('s1'))).not.toBe(JSON.stringify(draw('s2')));
  });

  it('returns exactly the event properties, in table order', () => {
    const values = sampleValues('UserCallInTransferStarted', new SeededRandom(1));
    expect(Object.keys(values)).toEqual([
      'CallerNumber',
      'CallId',
      'LegId',
      'OrganizationId',
      'TargetNumber',
      'TechQueueId',
      'TechQueueName',
      'TechSource',
      'TransferApplet',
      'TransferSource',
      'TransferTarget',
      'UserId',
      'Username',
    ]);
  });

  it('reuses ids and names from the context', () => {
    const queue = sampleValues('QueueCallInUserConnected', new SeededRandom(2), CONTEXT);
    expect(queue).toMatchObject({
      OrganizationId: CONTEXT.organizationId,
      QueueId: CONTEXT.queueId,
      QueueName: CONTEXT.queueName,
      CallId: CONTEXT.callId,
      LegId: CONTEXT.legId,
      UserId: CONTEXT.userId,
      UserName: CONTEXT.userName,
    });
    expect(queue.AgentLegId).not.toBe(CONTEXT.legId);
    expect(sampleValues('UserCallInComing', new SeededRandom(2), CONTEXT).Username).toBe(CONTEXT.userName);
    expect(sampleValues('CallbackListStatus', new SeededRandom(2), CONTEXT).CallListId).toBe(CONTEXT.callListId);
    expect(sampleValues('UserSupervisionStatus', new SeededRandom(2), CONTEXT)).toMatchObject({
      SupervisorUserId: CONTEXT.userId,
      SupervisorUserName: CONTEXT.userName,
    });
  });

  it('uses Finnish E.164 numbers and example.com usernames', () => {
    const values = sampleValues('QueueCallInUserConnected', new SeededRandom(3));
    for (const key of ['CallerNumber', 'TargetNumber', 'QueueNumber', 'UserNumber']) expect(values[key]).toMatch(/^\+358\d{9}$/);
    expect(values.UserName).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
    const out = sampleValues('UserCallOutConnected', new SeededRandom(3));
    expect(out.CallerNumber).not.toBe(out.TargetNumber);
  });

  it('keeps QueueStatus counters consistent with each other', () => {
    for (const v of many('QueueStatus') as unknown as PayloadOf<'QueueStatus'>[]) {
      expect(v.NbrOfRequesters).toBe(v.NbrOfQueuingRequesters + v.NbrOfAllocated + v.NbrOfConnected);
      expect(v.NbrOfNotServedRequesters).toBe(v.NbrOfQueuingRequesters + v.NbrOfAllocated);
      expect(v.NbrOfAgentsCheckedInQueue).toBe(v.NbrOfAgentsImmediatelyFree + v.NbrOfAgentsLongTermAway + v.NbrOfAgentsShortTermAway + v.NbrOfAgentsOnWrapUp);
      expect(v.NbrOfProviders).toBe(v.NbrOfAgentsCheckedInQueue);
      expect(v.NbrOfAllocated + v.NbrOfConnected).toBeLessThanOrEqual(v.NbrOfAgentsShortTermAway);
      expect(v.MaxWaitTime === 0).toBe(v.NbrOfQueuingRequesters === 0);
      if (v.OpenStatus !== 5 && v.OpenStatus !== 6) expect(v.NbrOfQueuingRequesters).toBe(0);
    }
  });

  it('keeps CallbackChanged history consistent: attempts in time order, Last* = last attempt', () => {
    const samples = many('CallbackChanged') as unknown as PayloadOf<'CallbackChanged'>[];
    expect(samples.some((v) => (v.CallbackAttempts ?? []).length > 1)).toBe(true);
    expect(samples.some((v) => (v.CallbackAttempts ?? []).length === 0)).toBe(true);
    for (const v of samples) {
      const attempts = v.CallbackAttempts as HelperPayloadOf<'CallbackAttempt'>[];
      const times = attempts.map((a) => a.Timestamp as string);
      expect([...times].sort()).toEqual(times);
      for (const time of times) expect(time > v.CreationTime).toBe(true);
      const last = attempts.at(-1);
      expect(v.LastAttemptTimestamp).toBe(last?.Timestamp ?? null);
      expect(v.LastAttemptUserId).toBe(last?.UserId ?? null);
      expect(v.LastAttemptTypeId).toBe(last?.CallbackAttemptTypeId ?? null);
      expect(v.Modified >= v.CreationTime).toBe(true);
      expect(v.CallId === null).toBe(v.TypeId === 3);
      if (v.TranscriptId !== null) expect(v.RecordingId).not.toBeNull();
      expect(new Set((v.CallbackExtras ?? []).map((e) => e.Id)).size).toBe((v.CallbackExtras ?? []).length);
    }
  });

  it('keeps CallbackListStatus totals consistent', () => {
    for (const v of many('CallbackListStatus') as unknown as PayloadOf<'CallbackListStatus'>[]) {
      expect(v.TotalAssigned + v.TotalHidingNotBefore + v.TotalFreeForAllocation).toBe(v.TotalOpenRequests);
      expect(v.NextHourRevealedNotBefore).toBeLessThanOrEqual(v.TotalHidingNotBefore);
      expect(v.TotalOverDueDate + v.NextHourOverDueDate).toBeLessThanOrEqual(v.TotalOpenRequests);
      expect(v.TotalAutoAllocateAgents).toBeLessThanOrEqual(Math.min(v.TotalActiveAgents, v.TotalServingAgents));
      expect(v.TotalServingAutoAllocateAgents).toBe(v.IsAutoAllocate ? v.TotalAutoAllocateAgents : 0);
    }
  });

  it('derives UserStatus composites from their parts, and UserAvailability times sensibly', () => {
    for (const v of many('UserStatus') as unknown as PayloadOf<'UserStatus'>[]) {
      expect(v.CanBeAllocatedTo).toBe(v.Available && v.Schedule && v.Serving && !v.Talking && v.WrapUpEnd === null && v.ServiceTerminals > 0);
      if (v.ActiveQueueId !== null) expect(v.Talking).toBe(true);
      if (!v.Serving) expect(v.ActiveQueues).toBe(0);
    }
    const availability = many('UserAvailability') as unknown as PayloadOf<'UserAvailability'>[];
    expect(availability.some((v) => v.EndTime === DOTNET_DATETIME_MAX)).toBe(true);
    for (const v of availability) expect(v.EndTime > v.StartTime).toBe(true);
  });

  it('includes the context user among QueueAttachedUsers, without duplicates', () => {
    const values = sampleValues('QueueAttachedUsers', new SeededRandom(4), CONTEXT) as unknown as PayloadOf<'QueueAttachedUsers'>;
    const ids = (values.AttachedUsers ?? []).map((u) => u.UserId);
    expect(ids).toContain(CONTEXT.userId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ends wrap-up by timer at the maximum, and manually before it', () => {
    for (const v of many('UserWrapUpTerminated')) {
      expect(['manual', 'timer']).toContain(v.Reason);
      if (v.Reason === 'timer') expect([30, 60, 90, 120]).toContain(v.ElapsedTimeSec);
      else expect(v.ElapsedTimeSec as number).toBeLessThan(120);
    }
  });

  it('uses the context clock for DateTime values, and the seed sample time by default', () => {
    const rng = new SeededRandom(5);
    for (let i = 0; i < 50; i++) {
      const start = sampleValues('UserAvailability', rng, { now: '2030-06-01T14:00:00+02:00' }).StartTime as string;
      expect(start >= '2030-06-01T08:00:00' && start <= '2030-06-01T12:00:00').toBe(true);
      const byDefault = sampleValues('UserAvailability', rng).StartTime as string;
      expect(byDefault >= '2018-01-01T04:01:23.45' && byDefault <= '2018-01-01T08:01:23.45').toBe(true);
    }
    const callback = sampleValues('CallbackChanged', rng, { now: new Date(Date.UTC(2030, 5, 1, 12)) });
    expect(String(callback.CreationTime) < '2030-06-01T12:00:00' && String(callback.CreationTime) > '2030-05-01').toBe(true);
  });

  it('resolves aliases and throws on an unknown event', () => {
    expect(Object.keys(sampleValues('QueueCallInConnected', new SeededRandom(6)))).toContain('AgentLegId');
    expect(() => sampleValues('Nope', new SeededRandom(6))).toThrow('Unknown event type "Nope"');
  });
});
