import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NameParamPipe } from '../common/name-param.pipe';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CallbackRequestEntity } from '../organization/organization.entities';
import { OrganizationService } from '../organization/organization.service';
import { SmartRoutingService } from '../smart-routing/smart-routing.service';
import { SimulationCommandError, type CallScript } from './engine';
import {
  AdvanceDto,
  AssignCallbackDto,
  AttachedUsersDto,
  AvailabilityDto,
  CallbackAttemptDto,
  CallScriptDto,
  CreateCallbackDto,
  HangUpDto,
  PlaceCallDto,
  PlaceCallQuery,
  ResetSimulationDto,
  SupervisionDto,
  TransferCallDto,
} from './dto/simulation.dto';
import { ListCallbacksQuery } from './dto/list-callbacks.query';
import { presentCall } from './call-info.presenter';
import { SimulationService } from './simulation.service';
import { NotFoundError, ValidationProblem } from '../common/errors/domain-errors';

function script(dto: CallScriptDto = {}): CallScript {
  return {
    answerAfterSeconds: dto.AnswerAfterSeconds,
    talkSeconds: dto.TalkSeconds,
    hangupBy: dto.HangupBy,
    agentAnswers: dto.AgentAnswers,
    wrapUpEndsManually: dto.WrapUpEndsManually,
    callerNumber: dto.CallerNumber,
    targetNumber: dto.TargetNumber,
    abandonAfterSeconds: dto.AbandonAfterSeconds,
    transferAnswers: dto.TransferAnswers,
    agent: dto.Agent,
    priority: dto.Priority,
  };
}

const uuid = new UuidParamPipe();
const ref = new NameParamPipe();

@ApiTags('simulation')
@Controller('api')
export class SimulationController {
  constructor(
    private readonly simulation: SimulationService,
    private readonly smartRouting: SmartRoutingService,
    private readonly organization: OrganizationService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('simulation')
  @ApiOperation({ summary: 'Seed, time scale, virtual time, active calls' })
  state() {
    return this.simulation.state();
  }

  @Post('simulation/reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a new run from the configured organisation (fresh event Ids), or replay a recorded run exactly (ReplayOf)' })
  async reset(@Body() dto: ResetSimulationDto) {
    if (dto.ReplayOf) {
      const extra = (['Seed', 'StartTime', 'TimeScale', 'Paused'] as const).filter((k) => dto[k] !== undefined);
      if (extra.length) throw new ValidationProblem(`ReplayOf takes the recorded run's settings; leave out ${extra.join(', ')}`);
      await this.simulation.reset({}, { replayOf: dto.ReplayOf });
      return this.simulation.state();
    }
    await this.simulation.reset({
      ...(dto.Seed !== undefined ? { seed: dto.Seed } : {}),
      ...(dto.StartTime ? { startTime: new Date(dto.StartTime) } : {}),
      ...(dto.TimeScale ? { timeScale: dto.TimeScale } : {}),
      paused: dto.Paused ?? false,
    });
    return this.simulation.state();
  }

  @Post('simulation/advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a paused simulation forward by some virtual seconds, as fast as possible' })
  async advance(@Body() dto: AdvanceDto) {
    await this.simulation.advance(dto.Seconds);
    return this.simulation.state();
  }

  @Post('simulation/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a paused simulation run in real time (scaled) from where it is' })
  resume() {
    this.simulation.resume();
    return this.simulation.state();
  }

  @Post('calls')
  @ApiOperation({ summary: 'Place an inbound call to a queue or user, or an outbound call from a user, with an optional script' })
  async place(@Body() dto: PlaceCallDto, @Query() query: PlaceCallQuery) {
    if (query.wait === 'routed') this.simulation.requireRunningClock('?wait=routed');
    const placed = this.simulation.run((sim) => {
      if (dto.Type === 'queue') return sim.placeQueueCall(required(dto.Queue, 'Queue'), script(dto.Script));
      if (dto.Type === 'direct') return sim.placeDirectCall(required(dto.User, 'User'), script(dto.Script));
      return sim.placeOutboundCall(required(dto.User, 'User'), required(dto.Number, 'Number'), script(dto.Script));
    });
    if (query.wait !== 'routed') return { CallId: placed.callId, LegId: placed.legId };
    const info = await this.simulation.waitForRouting(placed.callId);
    return { CallId: placed.callId, LegId: placed.legId, Call: info ? presentCall(info) : null, SmartRouting: await this.smartRouting.requestsForCall(placed.callId) };
  }

  @Get('calls')
  @ApiOperation({ summary: 'Calls in progress' })
  active() {
    return this.simulation.run((sim) => sim.activeCalls().map(presentCall));
  }

  @Get('calls/:id')
  @ApiOperation({ summary: "A call's state and timeline: every event it produced (the QueueStatus/UserStatus its steps caused included), in order, and its SmartRouting exchanges" })
  async call(@Param('id', uuid) id: string) {
    const info = this.simulation.run((sim) => sim.callInfo(id));
    if (!info) throw new NotFoundError(`No call ${id} in the simulation`);
    const timeline = this.simulation.run((sim) => sim.callTimeline(id));
    return { Call: presentCall(info), Timeline: timeline, SmartRouting: await this.smartRouting.requestsForCall(id) };
  }

  @Post('calls/:id/hangup')
  @HttpCode(202)
  hangUp(@Param('id', uuid) id: string, @Body() dto: HangUpDto) {
    this.simulation.run((sim) => sim.hangUp(id, dto.By ?? 'caller'));
    return { CallId: id };
  }

  @Post('calls/:id/reject')
  @HttpCode(202)
  @ApiOperation({ summary: 'The user a direct call rings declines it: UserCallInUserCancelled, then the user overflow with Reason InterruptOverflow' })
  reject(@Param('id', uuid) id: string) {
    this.simulation.run((sim) => sim.rejectCall(id));
    return { CallId: id };
  }

  @Post('calls/:id/transfer')
  @HttpCode(202)
  @ApiOperation({ summary: "The user on a connected direct call transfers it blind: the user overflow with Reason BlindTransfer, then the transfer" })
  transfer(@Param('id', uuid) id: string, @Body() dto: TransferCallDto) {
    this.simulation.run((sim) => sim.blindTransfer(id, dto.Target));
    return { CallId: id, Target: dto.Target };
  }

  @Post('users/:user/availability')
  @HttpCode(202)
  @ApiOperation({ summary: "Change a user's availability (UserAvailability, UserStatus)" })
  availability(@Param('user', ref) user: string, @Body() dto: AvailabilityDto) {
    this.simulation.run((sim) =>
      sim.setAvailability(user, dto.Availability, { note: dto.Note ?? null, ...(dto.EndTime ? { endTime: new Date(dto.EndTime) } : {}) }),
    );
    return { User: user, Availability: dto.Availability };
  }

  @Post('users/:user/wrap-up/end')
  @HttpCode(202)
  endWrapUp(@Param('user', ref) user: string) {
    this.simulation.run((sim) => sim.endWrapUp(user));
    return { User: user };
  }

  @Post('users/:user/supervision')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start supervising a user (UserSupervisionStatus)' })
  startSupervision(@Param('user', ref) user: string, @Body() dto: SupervisionDto) {
    this.simulation.run((sim) => sim.startSupervision(user, dto.Target));
    return { Supervisor: user, Target: dto.Target };
  }

  @Post('users/:user/supervision/stop')
  @HttpCode(202)
  stopSupervision(@Param('user', ref) user: string, @Body() dto: SupervisionDto) {
    this.simulation.run((sim) => sim.stopSupervision(user, dto.Target));
    return { Supervisor: user, Target: dto.Target };
  }

  @Put('queues/:id/attached-users')
  @ApiOperation({ summary: 'Change who serves a queue now (QueueAttachedUsers), and store it' })
  async attach(@Param('id', uuid) id: string, @Body() dto: AttachedUsersDto) {
    this.simulation.run((sim) =>
      sim.setQueueMembership(
        id,
        dto.AttachedUsers.map((a) => ({ userId: a.UserId, priority: a.Priority ?? 0, active: a.Active ?? true })),
      ),
    );
    // Stored too: the queue's configuration is the list now (GET, a reset and a restart start from it).
    const byId = this.simulation.run((sim) => dto.AttachedUsers.map((a) => ({ ...a, UserId: sim.model.findUser(a.UserId)?.id ?? a.UserId })));
    return this.organization.storeAttachedUsers(id, byId);
  }

  @Post('call-lists/:id/callbacks')
  @ApiOperation({ summary: 'Create a callback request (CallbackChanged)' })
  createCallback(@Param('id', uuid) id: string, @Body() dto: CreateCallbackDto) {
    const callbackId = this.simulation.run((sim) =>
      sim.createCallback(id, {
        contactNumber: dto.ContactNumber,
        contactName: dto.ContactName ?? null,
        contactMessage: dto.ContactMessage ?? null,
        note: dto.Note ?? null,
        dueDate: dto.DueDate ? new Date(dto.DueDate) : null,
        expiryDate: dto.ExpiryDate ? new Date(dto.ExpiryDate) : null,
        notBefore: dto.NotBefore ? new Date(dto.NotBefore) : null,
        extras: (dto.Extras ?? []).map((e) => ({ name: String(e.Name), value: String(e.Value) })),
        ...(dto.TypeId !== undefined ? { typeId: dto.TypeId } : {}),
      }),
    );
    return { CallBackId: callbackId };
  }

  @Get('callbacks')
  @ApiOperation({ summary: 'Callback requests, as their latest CallbackChanged described them' })
  async callbacks(@Query() { callListId }: ListCallbacksQuery) {
    const rows = await this.dataSource
      .getRepository(CallbackRequestEntity)
      .find({ where: callListId ? { callListId } : {}, order: { updatedAt: 'DESC' }, take: 1000 });
    return rows.map((r) => ({ Id: r.id, CallListId: r.callListId, IsClosed: r.isClosed, State: r.state }));
  }

  @Post('callbacks/:id/attempts')
  @HttpCode(202)
  attemptCallback(@Param('id', uuid) id: string, @Body() dto: CallbackAttemptDto) {
    this.simulation.run((sim) => sim.attemptCallback(id, dto.User, dto.Result, { note: dto.Note ?? null }));
    return { CallBackId: id };
  }

  @Post('callbacks/:id/assign')
  @HttpCode(202)
  assignCallback(@Param('id', uuid) id: string, @Body() dto: AssignCallbackDto) {
    this.simulation.run((sim) => sim.assignCallback(id, dto.User ?? null));
    return { CallBackId: id };
  }

  @Post('callbacks/:id/close')
  @HttpCode(202)
  closeCallback(@Param('id', uuid) id: string) {
    this.simulation.run((sim) => sim.closeCallback(id));
    return { CallBackId: id };
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new SimulationCommandError('invalid', `${name} is required for this call type`);
  return value;
}
