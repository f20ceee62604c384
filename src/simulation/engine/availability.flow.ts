import { DOTNET_DATETIME_MAX, formatDotNetTimestamp } from '../../catalog/dotnet-timestamp';
import type { Availability } from './organization-data';
import type { SimUser } from './organization-model';
import type { SimContext } from './sim-context';
import type { AvailabilityOptions } from './simulation.types';

/** UserAvailability, then the UserStatus / QueueStatus it changes. */
export class AvailabilityFlow {
  constructor(private readonly ctx: SimContext) {}

  set(user: SimUser, availability: Availability, options: AvailabilityOptions): void {
    const { ctx } = this;
    if (user.runtime.availabilityTimer) ctx.clock.cancel(user.runtime.availabilityTimer);
    user.runtime.availabilityTimer = null;
    user.availability = availability;
    const streams = ctx.streams(`user:${user.id}`);
    ctx.sink.emit(
      'UserAvailability',
      {
        Availability: availability,
        EndTime: options.endTime ? formatDotNetTimestamp(options.endTime) : DOTNET_DATETIME_MAX,
        EventSource: options.eventSource ?? 'User',
        Note: options.note ?? null,
        ProfileId: streams.ids.uuid(),
        StartTime: formatDotNetTimestamp(ctx.clock.now()),
        UserId: user.id,
        UserName: user.userName,
      },
      streams,
    );
    if (options.endTime) {
      // A timed state ends by itself: back to Available, as the platform's schedule would do.
      user.runtime.availabilityTimer = ctx.runAt(options.endTime.getTime(), `availability end ${user.id}`, () => {
        user.runtime.availabilityTimer = null;
        this.set(user, 'Available', { eventSource: 'Schedule' });
      });
    }
    ctx.status.touchUser(user.id);
    ctx.status.flush();
  }
}
