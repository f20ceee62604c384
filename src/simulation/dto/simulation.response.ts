import { named, nullable, t } from '../../common/openapi/schema';
import { SmartRoutingRequestResponse } from '../../smart-routing/dto/smart-routing.response';
import { ROUTING_OUTCOMES } from '../../smart-routing/routing-instructions';

/** What the simulation routes answer (see simulation.service.ts, call-info.presenter.ts). */
export const SimulationStateResponse = named(
  'SimulationState',
  t.object({
    RunId: t.string({ description: "This run's id; POST /api/simulation/reset with ReplayOf replays it" }),
    Replay: t.boolean(),
    Paused: t.boolean(),
    Seed: { oneOf: [t.string(), t.number()] },
    TimeScale: t.number(),
    AsFastAsPossible: t.boolean({ description: 'Unpaced (a scenario with AsFastAsPossible): TimeScale is not used' }),
    StartTime: t.dateTime(),
    Now: nullable(t.dateTime({ description: 'Virtual time' })),
    Running: t.boolean(),
    ActiveCalls: t.integer(),
    EmittedEvents: t.integer(),
    RefusedEvents: t.integer(),
  }),
);

const untyped = (description: string) => t.object({}, [], { additionalProperties: true, description });

export const CallResponse = named(
  'Call',
  t.object({
    CallId: t.uuid(),
    LegId: t.string(),
    Kind: t.enum(['queue', 'direct', 'outbound']),
    Phase: t.enum(['routing', 'queuing', 'ringing', 'connected', 'transferring', 'ended']),
    Side: t.enum(['queue', 'user', 'outbound']),
    QueueId: nullable(t.uuid()),
    UserId: nullable(t.uuid()),
    CallerNumber: t.string(),
    TargetNumber: t.string(),
    StartedAt: t.dateTime(),
    ConnectedAt: nullable(t.dateTime()),
    EndedAt: nullable(t.dateTime()),
    EndReason: nullable(t.string()),
    RoutingDecision: nullable(
      t.object(
        {
          Outcome: t.enum(ROUTING_OUTCOMES, {
            description:
              'applied: at least one instruction of the 200 answer was applied (RoutingNotes lists any ignored); default-204: the endpoint answered 204; ' +
              'default-error: the request failed or the answer was unusable (Reason says why); default-unapplied: a 200 answer of which nothing could be applied ' +
              '({}, targets that match nothing), so the call was routed by default (Reason lists why)',
          }),
          RequestId: t.string({ description: 'The SmartRouting request, empty when none was logged' }),
          Reason: t.string({ description: 'With default-error and default-unapplied: why the call was routed by default' }),
          Instructions: untyped('With applied and default-unapplied: the SmartRouting answer as received'),
        },
        ['Reason', 'Instructions'],
      ),
    ),
    AppliedRouting: nullable(untyped('The SmartRouting instructions applied, as received')),
    PlayedTts: nullable(t.string()),
    AppliedMsi: nullable(t.string()),
    RoutingNotes: t.array(t.string()),
    PriorityOverride: nullable(t.integer()),
    ExtraPriority: t.integer(),
    RequiredUserId: nullable(t.uuid()),
    PreferredUserIds: t.array(t.uuid()),
    CallBackId: nullable(t.uuid()),
  }),
);

export const PlacedCallResponse = named(
  'PlacedCall',
  t.object(
    {
      CallId: t.uuid(),
      LegId: t.string(),
      Call: nullable(CallResponse),
      SmartRouting: t.array(SmartRoutingRequestResponse, { description: "With ?wait=routed: the call's SmartRouting exchanges" }),
    },
    ['Call', 'SmartRouting'],
  ),
);

export const CallDetailResponse = named(
  'CallDetail',
  t.object({
    Call: CallResponse,
    Timeline: t.array({ $ref: '#/components/schemas/WebhookPayload' }, { description: 'Every event the call produced, in order' }),
    SmartRouting: t.array(SmartRoutingRequestResponse),
  }),
);

/** The 202 answers of the simulation commands: what was asked; the events follow in the simulation. */
export const CallCommandResponse = named('CallCommand', t.object({ CallId: t.uuid(), Target: t.string() }, ['Target']));
export const AvailabilityCommandResponse = named('AvailabilityCommand', t.object({ User: t.string(), Availability: t.string() }));
export const UserCommandResponse = named('UserCommand', t.object({ User: t.string() }));
export const SupervisionCommandResponse = named('SupervisionCommand', t.object({ Supervisor: t.string(), Target: t.string() }));
export const CallbackCommandResponse = named('CallbackCommand', t.object({ CallBackId: t.uuid() }));

export const CallbackResponse = named(
  'Callback',
  t.object({ Id: t.uuid(), CallListId: t.uuid(), IsClosed: t.boolean(), State: untyped('The latest CallbackChanged payload of the request') }),
);
