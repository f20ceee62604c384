import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { SimulationService } from './simulation.service';

/**
 * A simulation command waits for the rebuild an organisation change started: the change's answer
 * comes before the engine is rebuilt, so a call placed right after creating its queue met the old
 * engine (404), and one placed mid-rebuild met none (503).
 */
@Injectable()
export class AfterRebuildInterceptor implements NestInterceptor {
  constructor(private readonly simulation: SimulationService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.simulation.settled()).pipe(switchMap(() => next.handle()));
  }
}
