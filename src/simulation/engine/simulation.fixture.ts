import { formatDotNetTimestamp } from '../../catalog/dotnet-timestamp';
import type { RoutingDecision, RoutingInstructions, RoutingRequestContext, SmartRoutingHook } from '../../smart-routing/routing-instructions';
import type { OrganizationData } from './organization-data';
import { OrganizationModel } from './organization-model';
import { Scheduler } from './scheduler';
import { Simulation } from './simulation';
import type { SimulationOptions } from './simulation.types';
import { VirtualClock } from './virtual-clock';

/** A small fixed organisation and a harness for the engine's specs. */

export const ORG_ID = '0b9f7e36-5d3b-4b0e-9a53-3c1c7b0c0001';
export const IDS = {
  alice: 'a11ce000-0000-4000-8000-000000000001',
  bob: 'b0b00000-0000-4000-8000-000000000002',
  carol: 'ca201000-0000-4000-8000-000000000003',
  dave: 'da7e0000-0000-4000-8000-000000000004',
  erin: 'e2100000-0000-4000-8000-000000000005',
  support: '5a990000-0000-4000-8000-0000000000a1',
  sales: '5a1e5000-0000-4000-8000-0000000000a2',
  backup: 'bac00000-0000-4000-8000-0000000000a3',
  callbacks: 'ca11b000-0000-4000-8000-0000000000c1',
} as const;

export const START = '2024-03-01T09:00:00Z';

/** A Timestamp `seconds` after START; `nth` is the event's place (in ms) among its call's events at that instant. */
export const at = (seconds: number, nth = 0): string => formatDotNetTimestamp(new Date(Date.parse(START) + seconds * 1000 + nth));

export function organizationData(): OrganizationData {
  return {
    organization: { id: ORG_ID, name: 'Test Oy' },
    users: [
      { id: IDS.alice, userName: 'alice@test.example', number: '+358401000001', availability: 'Available' },
      { id: IDS.bob, userName: 'bob@test.example', number: '+358401000002', availability: 'Available' },
      { id: IDS.carol, userName: 'carol@test.example', number: '+358401000003', availability: 'Available' },
      { id: IDS.dave, userName: 'dave@test.example', number: '+358401000004', availability: 'Available' },
      { id: IDS.erin, userName: 'erin@test.example', number: '+358401000005', availability: 'Available', overflowTarget: { type: 'queue', queueId: IDS.support } },
    ],
    queues: [
      {
        id: IDS.support,
        name: 'Support',
        number: '+358101000100',
        attachedUsers: [
          { userId: IDS.alice, priority: 1, active: true },
          { userId: IDS.bob, priority: 2, active: true },
        ],
        wrapUpSeconds: 30,
        maxWaitSeconds: 120,
        overflowTarget: { type: 'callList', callListId: IDS.callbacks },
        priority: 0,
      },
      {
        id: IDS.sales,
        name: 'Sales',
        number: '+358101000200',
        attachedUsers: [{ userId: IDS.carol, priority: 1, active: true }],
        wrapUpSeconds: 0,
        maxWaitSeconds: 60,
        overflowTarget: { type: 'external', number: '+358509999999' },
        priority: 0,
      },
      {
        id: IDS.backup,
        name: 'Backup',
        number: '+358101000300',
        attachedUsers: [{ userId: IDS.dave, priority: 1, active: true }],
        wrapUpSeconds: 0,
        maxWaitSeconds: 60,
        overflowTarget: null,
        priority: 0,
      },
    ],
    callLists: [{ id: IDS.callbacks, name: 'Support callbacks', isAutoAllocate: false, attachedUsers: [{ userId: IDS.bob, active: true }] }],
  };
}

export interface Harness {
  sim: Simulation;
  scheduler: Scheduler;
  model: OrganizationModel;
  events: Record<string, unknown>[];
  /** EventTypes emitted so far, optionally only those about one call. */
  types(callId?: string): string[];
  /** Events after the given index (to look at what one step produced). */
  since(index: number): Record<string, unknown>[];
}

/** `observe` sees each payload as it is emitted, while the simulation is in that very state. */
export function createHarness(
  options: Partial<Omit<SimulationOptions, 'clock' | 'emit'>> = {},
  data = organizationData(),
  observe?: (payload: Record<string, unknown>) => void,
): Harness {
  const clock = new VirtualClock(START);
  const scheduler = new Scheduler(clock);
  const model = new OrganizationModel(data, clock.nowMs);
  const events: Record<string, unknown>[] = [];
  const sim = new Simulation(model, { seed: 'spec', ...options, clock: scheduler, emit: (payload) => {
      events.push(payload);
      observe?.(payload);
    },
  });
  return {
    sim,
    scheduler,
    model,
    events,
    types: (callId) => (callId ? sim.timeline(callId) : events).map((e) => e.EventType as string),
    since: (index) => events.slice(index),
  };
}

type HookAnswer = RoutingInstructions | RoutingDecision | null;

/**
 * A SmartRouting hook answering fixed instructions, a full decision, or per request (a function),
 * recording the requests it gets.
 */
export function fakeHook(answer: HookAnswer | ((context: RoutingRequestContext) => HookAnswer)): SmartRoutingHook & { requests: RoutingRequestContext[] } {
  const requests: RoutingRequestContext[] = [];
  return {
    requests,
    async decide(context) {
      requests.push(context);
      const given = typeof answer === 'function' ? answer(context) : answer;
      if (given === null) return null;
      if ('outcome' in given) return given as RoutingDecision;
      return { outcome: 'applied', instructions: given as RoutingInstructions, requestId: `req-${requests.length}` };
    },
  };
}

/** Payloads of one type. */
/** A timeline as plain records, so a spec can read any property of any event. */
export const loose = (events: readonly Record<string, unknown>[]): Record<string, unknown>[] => [...events];

export const ofType = (events: Record<string, unknown>[], type: string): Record<string, unknown>[] => events.filter((e) => e.EventType === type);
