import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dependencyOutage } from '../common/dependency-outage';
import { ValidationProblem } from '../common/errors/domain-errors';
import { DeliveriesService } from './deliveries.service';
import { applyDeliveryFilter } from './delivery-filter';
import { DeliveryEntity } from './delivery.entity';
import type { BulkResendDto } from './dto/bulk-resend.dto';

/** Resends in flight at once: enough to be quick, few enough not to crowd out scheduled attempts. */
const PARALLEL = 4;
const FILTERS = ['webhookId', 'eventId', 'eventType', 'status', 'from', 'to'] as const;

/** POST /api/deliveries/resend: the single-delivery resend, once per delivery matching a filter. */
@Injectable()
export class BulkResendService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveriesService,
  ) {}

  async resend(dto: BulkResendDto) {
    if (!FILTERS.some((f) => dto[f] !== undefined)) {
      throw new ValidationProblem(`give at least one filter: ${FILTERS.join(', ')}`);
    }
    const qb = applyDeliveryFilter(this.dataSource.getRepository(DeliveryEntity).createQueryBuilder('d'), dto);
    const [rows, matched] = await qb.select(['d.id']).orderBy('d.created_at', 'ASC').addOrderBy('d.id').take(dto.max).getManyAndCount();
    const results: { Id: string; Status?: string; LastOutcome?: string | null; Queued?: true; Error?: string }[] = [];
    // One wait for the whole request, as long as a single resend's: each resend waiting its own
    // time-out in turn made 1,000 resends to a receiver that never answers one request of an hour.
    const started = Date.now();
    let next = 0;
    let outage: unknown = null;
    const lane = async () => {
      while (next < rows.length && !outage) {
        const id = rows[next++].id;
        try {
          const { done, delivery: d } = await this.deliveries.resend(id, started);
          results.push({ Id: id, Status: d.Status, LastOutcome: d.LastOutcome, ...(done ? {} : { Queued: true as const }) });
        } catch (e) {
          // Redis or PostgreSQL away fails every resend alike: the whole request answers 503 (Retry-After).
          if (dependencyOutage(e)) outage = e;
          // One delivery that cannot be resent (its webhook was deleted, say) does not stop the others.
          else results.push({ Id: id, Error: (e as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, lane));
    if (outage) throw outage;
    return { Matched: matched, Resent: results.filter((r) => !r.Error).length, Failed: results.filter((r) => r.Error).length, Results: results };
  }
}
