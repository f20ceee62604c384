import { Subject } from 'rxjs';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { NotFoundError } from '../common/errors/domain-errors';
import { ServiceQueueEntity } from '../organization/organization.entities';
import type { OrganizationService } from '../organization/organization.service';
import type { RoutingRequestContext } from './routing-instructions';
import { SmartRoutingService } from './smart-routing.service';

const QUEUE = 'cd1258fb-0aae-4159-ba9e-41c57c69c398';
const config = { webhooks: { allowAnyEndpointPort: false, allowedEndpointHosts: [] } } as unknown as AppConfig;
const organization = () => ({ changes: new Subject<void>() }) as unknown as OrganizationService;
const context: RoutingRequestContext = {
  queueId: QUEUE,
  callId: 'call-1',
  legId: 'leg-1',
  callerNumber: '+358501231234',
  targetNumber: '+358101231234',
  currentUserId: null,
  isInternalCaller: false,
};

/** A database in which the queue is found, then deleted before the configuration is written. */
function queueDeletedMeanwhile(): DataSource {
  const refused = new QueryFailedError(
    'INSERT ...',
    [],
    Object.assign(new Error('violates foreign key'), { code: '23503', constraint: 'FK_smart_routing_configs_queue' }),
  );
  return {
    getRepository: (entity: unknown) =>
      entity === ServiceQueueEntity
        ? { findOneBy: async () => ({ id: QUEUE }) }
        : { upsert: async () => Promise.reject(refused), findOneByOrFail: async () => Promise.reject(new Error('not reached')) },
  } as unknown as DataSource;
}

describe('SmartRoutingService', () => {
  it('answers 404 when the queue is deleted between its check and the write (the key refuses the row)', async () => {
    const service = new SmartRoutingService(queueDeletedMeanwhile(), config, organization());
    const configured = service.configure(QUEUE, { Endpoint: 'https://routing.example.com/sr' });
    await expect(configured).rejects.toBeInstanceOf(NotFoundError);
    await expect(configured).rejects.toThrow(`No queue ${QUEUE}`);
  });

  it('reads the configuration again once the organisation changed (a deleted queue took its configuration)', async () => {
    // Inactive, so deciding reads the row without asking an endpoint.
    let row: object | null = { queueId: QUEUE, isActive: false };
    const reads = jest.fn(async () => row);
    const dataSource = { getRepository: () => ({ findOneBy: reads }) } as unknown as DataSource;
    const org = organization();
    const service = new SmartRoutingService(dataSource, config, org);
    await service.decide(context);
    await service.decide(context);
    expect(reads).toHaveBeenCalledTimes(1); // the short cache
    row = null;
    org.changes.next();
    await service.decide(context);
    expect(reads).toHaveBeenCalledTimes(2);
    service.onModuleDestroy();
  });
});
