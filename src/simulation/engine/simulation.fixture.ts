import { formatDotNetTimestamp } from '../../catalog/dotnet-timestamp';
import type { RoutingDecision, RoutingInstructions, RoutingRequestContext, SmartRoutingHook } from '../../smart-routing/routing-instructions';
import type { LandisEventName } from '../../landis/landis.types';
import type { LandisOutput, LandisRecord } from './landis-output';
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
  mainMenu: '1e100000-0000-4000-8000-0000000000d1',
  afterHours: '1e200000-0000-4000-8000-0000000000d2',
} as const;

export const MAIN_MENU_NUMBER = '+358101000900';

/**
 * Two IVRs: "Main menu" (welcome, language menu, account number, topic menu leading to every kind
 * of exit) and "After hours" (a spoken reason, then the Backup queue).
 */
export function ivrData(): NonNullable<OrganizationData['ivrs']> {
  return [
    {
      id: IDS.mainMenu,
      name: 'Main menu',
      number: MAIN_MENU_NUMBER,
      ouPath: '/Test Oy/Front desk',
      blocks: [
        { type: 'Message', name: 'Welcome', prompt: 'Welcome to Test Oy.', next: { type: 'block', block: 'Language' } },
        {
          type: 'Menu',
          name: 'Language',
          prompt: 'For Finnish press 1, for Swedish press 2, for English press 3.',
          parameterName: 'Language',
          dataValue: 1,
          options: [
            { key: '1', label: 'Finnish', next: { type: 'block', block: 'Account number' } },
            { key: '2', label: 'Swedish', next: { type: 'block', block: 'Account number' } },
            { key: '3', label: 'English', next: { type: 'block', block: 'Account number' } },
          ],
        },
        {
          type: 'InputDigits',
          name: 'Account number',
          prompt: 'Enter your account number and press hash.',
          parameterName: 'AccountNumber',
          dataValue: 2,
          minDigits: 6,
          maxDigits: 8,
          next: { type: 'block', block: 'Topic' },
        },
        {
          type: 'Menu',
          name: 'Topic',
          prompt: 'Support 1, sales 2, Dave 3, our partner 4, after hours 5, to hang up 9, to start over 0.',
          parameterName: 'Topic',
          options: [
            { key: '1', label: 'Support', weight: 4, next: { type: 'queue', queueId: IDS.support } },
            { key: '2', label: 'Sales', weight: 2, next: { type: 'queue', queueId: IDS.sales } },
            { key: '3', next: { type: 'user', userId: IDS.dave } },
            { key: '4', next: { type: 'external', number: '+358509876543' } },
            { key: '5', next: { type: 'ivr', ivrId: IDS.afterHours } },
            { key: '9', next: { type: 'hangup' } },
            { key: '0', next: { type: 'block', block: 'Welcome' } },
          ],
        },
      ],
    },
    {
      id: IDS.afterHours,
      name: 'After hours',
      number: '+358101000901',
      blocks: [
        { type: 'Message', name: 'Closed', prompt: 'We are closed.', seconds: 3, next: { type: 'block', block: 'Reason' } },
        {
          type: 'SpeechInput',
          name: 'Reason',
          prompt: 'Tell us briefly why you call.',
          parameterName: 'Reason',
          dataValue: 3,
          choices: ['billing', 'technical problem', 'order status'],
          next: { type: 'queue', queueId: IDS.backup },
        },
      ],
    },
  ];
}

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
      {
        id: IDS.erin,
        userName: 'erin@test.example',
        number: '+358401000005',
        availability: 'Available',
        overflowTarget: { type: 'queue', queueId: IDS.support },
      },
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
    ivrs: ivrData(),
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
  const sim = new Simulation(model, {
    seed: 'spec',
    ...options,
    clock: scheduler,
    emit: (payload) => {
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

/** A LandisOutput that keeps every record; `wanted` limits the events it takes. */
export function collectingLandis(
  wanted: readonly LandisEventName[] = ['App.QueueWebhook', 'App.IvrWebhook'],
): LandisOutput & { records: LandisRecord[]; failures: unknown[] } {
  const records: LandisRecord[] = [];
  const failures: unknown[] = [];
  return {
    records,
    failures,
    wants: (event) => wanted.includes(event),
    publish: (record) => void records.push(record),
    failed: (error) => void failures.push(error),
  };
}

/** A timeline as plain records, so a spec can read any property of any event. */
export const loose = (events: readonly Record<string, unknown>[]): Record<string, unknown>[] => [...events];

export const ofType = (events: Record<string, unknown>[], type: string): Record<string, unknown>[] => events.filter((e) => e.EventType === type);
