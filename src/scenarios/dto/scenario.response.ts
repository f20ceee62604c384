import { named, nullable, t } from '../../common/openapi/schema';
import { SCENARIO_STATUSES } from '../scenario.entity';

/** What the scenario routes answer (see scenario.presenter.ts, scenario-report.ts). */
const counts = (description?: string) => t.record(t.integer(), description ? { description } : {});
const Latency = nullable(named('LatencyFigures', t.object({ P50: t.number(), P95: t.number(), P99: t.number() })));

const Report = named(
  'ScenarioReport',
  t.object(
    {
      Calls: t.object({ Planned: t.integer(), Placed: t.integer(), Failed: t.integer() }),
      Events: t.object(
        {
          Total: t.integer(),
          ByType: counts(),
          Refused: t.integer({ description: 'Events the store refused: their Ids were stored earlier with other bodies; not delivered' }),
        },
        ['Refused'],
      ),
      Deliveries: t.object({
        Total: t.integer(),
        ByStatus: counts(),
        ByLastOutcome: counts(),
        AttemptsHistogram: counts('Attempts made -> deliveries that needed that many'),
      }),
      LatencyMs: Latency,
      Throughput: t.object({ DeliveredPerSecond: t.number(), PerSecond: t.array(t.object({ Second: t.string(), Delivered: t.integer() })) }),
      Webhooks: t.array(
        t.object({
          WebhookId: t.uuid(),
          Endpoint: nullable(t.string()),
          Deliveries: t.integer(),
          Delivered: t.integer(),
          Discarded: t.integer(),
          Unfinished: t.integer(),
          LatencyMs: Latency,
        }),
      ),
      SmartRouting: counts('Outcomes of the SmartRouting requests of the scenario, when any'),
      Retry: t.object({ Schedule: nullable(t.string()), Duplicated: t.array(t.string()), OutOfOrder: t.array(t.string()) }),
    },
    ['SmartRouting'],
  ),
);

export const ScenarioResponse = named(
  'Scenario',
  t.object(
    {
      Id: t.uuid(),
      Status: t.enum(SCENARIO_STATUSES),
      Seed: t.string(),
      TimeScale: t.number(),
      Options: t.object({}, [], { additionalProperties: true, description: 'The options the scenario was started with, defaults filled in' }),
      StartedAt: t.dateTime(),
      FinishedAt: nullable(t.dateTime()),
      Progress: t.object({
        CallsPlanned: t.integer(),
        CallsPlaced: t.integer(),
        CallsFailed: t.integer(),
        Share: t.number({ minimum: 0, maximum: 1 }),
        EventsEmitted: t.integer(),
        Deliveries: counts('By status'),
      }),
      Error: t.string(),
      Report,
    },
    ['Error', 'Report'],
  ),
);
