import type { Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ConsoleController } from '../src/console/console.controller';
import { LiveFeed } from '../src/console/live-feed.service';
import { BulkResendService } from '../src/deliveries/bulk-resend.service';
import { DeliveriesService } from '../src/deliveries/deliveries.service';
import { DeliveryProcessor } from '../src/deliveries/delivery.processor';
import { DeliveryReconciler } from '../src/deliveries/delivery-reconciler.service';
import { EventPublisher } from '../src/events/event-publisher.service';
import { EventsService } from '../src/events/events.service';
import { LandisEventPublisher } from '../src/events/landis-event-publisher.service';
import { MetricsServer } from '../src/metrics/metrics-server';
import { DemoOrganization } from '../src/organization/demo-organization';
import { OrganizationService } from '../src/organization/organization.service';
import { ResetService } from '../src/reset/reset.service';
import { RetentionService } from '../src/retention/retention.service';
import { ScenariosService } from '../src/scenarios/scenarios.service';
import { SimulationService } from '../src/simulation/simulation.service';
import { SmartRoutingService } from '../src/smart-routing/smart-routing.service';
import { WebhookRegistry } from '../src/webhooks/webhook-registry.service';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

/** The admin API's services and what runs only beside it: a worker process builds none of them. */
const API_ONLY: Type[] = [
  WebhooksService,
  DeliveriesService,
  BulkResendService,
  EventsService,
  EventPublisher,
  LandisEventPublisher,
  OrganizationService,
  DemoOrganization,
  SmartRoutingService,
  SimulationService,
  ScenariosService,
  RetentionService,
  ResetService,
  LiveFeed,
];

/** What the process built, read from Nest's module container (context.get of a missing class ends the process). */
const built = (app: TestApp, kind: 'providers' | 'controllers'): Set<unknown> =>
  new Set([...app.context.get(ModulesContainer).values()].flatMap((m) => [...m[kind].keys()]));
const has = (app: TestApp, type: Type): boolean => built(app, 'providers').has(type);
const controllers = (app: TestApp): string[] => [...built(app, 'controllers')].map((c) => (typeof c === 'function' ? c.name : String(c)));

describe('role root modules', () => {
  let receiver: HttpsReceiver;
  let api: TestApp;
  let worker: TestApp;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    api = await startTestApp({ ROLE: 'api' });
    // METRICS_PORT 0: a worker's own /metrics server never competes for 9464 with a parallel run.
    // TIME_SCALE: Landis's first retry (60 s) comes after 100 ms.
    worker = await startTestApp({ ROLE: 'worker', METRICS_PORT: '0', TIME_SCALE: '600' }, api.infra);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
  });

  it('a ROLE=worker process builds no controller and no API-only service, yet delivers what the API process queues', async () => {
    expect(controllers(worker)).toEqual([]);
    expect(API_ONLY.filter((type) => has(worker, type)).map((type) => type.name)).toEqual([]);
    for (const type of [DeliveryProcessor, DeliveryReconciler, WebhookRegistry, MetricsServer]) expect(has(worker, type)).toBe(true);

    const h = adminApi(api);
    await h.createWebhook({ Endpoint: receiverUrl('/role-worker'), InsecureSSL: true }, [{ EventType: 'UserStatus', AllEntities: true }]);
    const { Deliveries } = await h.emit({ EventType: 'UserStatus' });
    expect(Deliveries).toHaveLength(1);
    // The API process consumes no jobs, so a delivered status is the worker's doing.
    const delivered = await h.waitForDelivery(Deliveries[0].Id, (d) => d.Status === 'delivered');
    expect(delivered.AttemptLog).toHaveLength(1);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/role-worker']);
  });

  it('a ROLE=worker process delivers what a Landis webhook is sent, numbering the envelope across its retries', async () => {
    const h = adminApi(api);
    let landisRequests = 0;
    receiver.respondWith((req) => ({ status: req.path === '/role-landis' && landisRequests++ === 0 ? 500 : 200 }));
    const created = await h
      .api()
      .post('/api/webhooks')
      .send({ Platform: 'landis', Webhook: { Endpoint: receiverUrl('/role-landis'), InsecureSSL: true, WebhookEvents: ['App.TestWebhook'] } })
      .expect(201);
    const sent = await h.api().post(`/api/webhooks/${created.body.Id}/test`).send({}).expect(202);
    const delivered = await h.waitForDelivery(sent.body.DeliveryId, (d) => d.Status === 'delivered');
    expect(delivered.AttemptLog).toHaveLength(2);
    const bodies = receiver.requests.filter((r) => r.path === '/role-landis').map((r) => r.json as { Id: string; Attempt: number });
    expect(bodies).toEqual([expect.objectContaining({ Id: sent.body.Id, Attempt: 1 }), expect.objectContaining({ Id: sent.body.Id, Attempt: 2 })]);
  });

  it('a ROLE=api process builds every API service and controller but no job consumer', () => {
    expect(API_ONLY.filter((type) => !has(api, type)).map((type) => type.name)).toEqual([]);
    expect(controllers(api)).toEqual(expect.arrayContaining(['WebhooksController', 'DeliveriesController', ConsoleController.name, 'MetricsController']));
    for (const type of [DeliveryProcessor, DeliveryReconciler, MetricsServer]) expect(has(api, type)).toBe(false);
  });
});
