import { QueryFailedError, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { NotFoundError } from '../common/errors/domain-errors';
import { ServiceQueueEntity } from '../organization/organization.entities';
import { SmartRoutingService } from './smart-routing.service';

const QUEUE = 'cd1258fb-0aae-4159-ba9e-41c57c69c398';
const config = { webhooks: { allowAnyEndpointPort: false, allowedEndpointHosts: [] } } as unknown as AppConfig;

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

describe('SmartRoutingService.configure', () => {
  it('answers 404 when the queue is deleted between its check and the write (the key refuses the row)', async () => {
    const service = new SmartRoutingService(queueDeletedMeanwhile(), config);
    const configured = service.configure(QUEUE, { Endpoint: 'https://routing.example.com/sr' });
    await expect(configured).rejects.toBeInstanceOf(NotFoundError);
    await expect(configured).rejects.toThrow(`No queue ${QUEUE}`);
  });
});
