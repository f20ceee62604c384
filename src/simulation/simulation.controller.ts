import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, t } from '../common/openapi/schema';
import { QueueResponse } from '../organization/dto/organization.response';
import {
  AvailabilityCommandResponse,
  CallbackCommandResponse,
  CallbackResponse,
  CallCommandResponse,
  CallDetailResponse,
  CallResponse,
  PlacedCallResponse,
  SimulationStateResponse,
  SupervisionCommandResponse,
  UserCommandResponse,
} from './dto/simulation.response';
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
import { refuseListedTwice } from '../organization/attached-users-rules';
import { SimulationService } from './simulation.service';
import { AfterRebuildInterceptor } from './after-rebuild.interceptor';
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
    ivrInputs: dto.IvrInputs,
  };
}

const uuid = new UuidParamPipe();
const ref = new NameParamPipe();

@ApiTags('simulation')
@Controller('api')
@UseInterceptors(AfterRebuildInterceptor)
export class SimulationController {
  constructor(
    private readonly simulation: SimulationService,
    private readonly smartRouting: SmartRoutingService,
    private readonly organization: OrganizationService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('simulation')
  @ApiOperation({ summary: 'Seed, time scale, virtual time, active calls' })
  @ApiAnswer(200, SimulationStateResponse, 'The current run')
  state() {
    return this.simulation.state();
  }

  @Post('simulation/reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a new run from the configured organisation (fresh event Ids), or replay a recorded run exactly (ReplayOf)' })
  @ApiBody({
    type: ResetSimulationDto,
    examples: {
      paused: { summary: 'A seeded run whose clock moves only on advance', value: { Seed: 42, StartTime: '2026-01-05T08:00:00Z', Paused: true } },
      fast: { summary: 'A run 60 times faster than real time', value: { Seed: 'demo', TimeScale: 60 } },
    },
  })
  @ApiAnswer(200, SimulationStateResponse, 'The new run')
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
  @ApiBody({ type: AdvanceDto, examples: { minute: { summary: 'One virtual minute', value: { Seconds: 60 } } } })
  @ApiAnswer(200, SimulationStateResponse, 'The run, moved on')
  async advance(@Body() dto: AdvanceDto) {
    await this.simulation.advance(dto.Seconds);
    return this.simulation.state();
  }

  @Post('simulation/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a paused simulation run in real time (scaled) from where it is' })
  @ApiAnswer(200, SimulationStateResponse, 'The run, running')
  resume() {
    this.simulation.resume();
    return this.simulation.state();
  }

  @Post('calls')
  @ApiOperation({ summary: 'Place an inbound call to a queue, user or Landis IVR, or an outbound call from a user, with an optional script' })
  @ApiBody({
    type: PlaceCallDto,
    examples: {
      queue: {
        summary: 'A call to the demo Sales queue, answered after 5 s, 60 s of talk',
        value: { Type: 'queue', Queue: '+358101231235', Script: { AnswerAfterSeconds: 5, TalkSeconds: 60 } },
      },
      direct: {
        summary: 'A direct call the user does not answer',
        value: { Type: 'direct', User: 'anna.virtanen@demo.example', Script: { AgentAnswers: false } },
      },
      outbound: { summary: 'An outbound call from a user', value: { Type: 'outbound', User: 'mikko.korhonen@demo.example', Number: '+358501112233' } },
      ivr: {
        summary: 'A call to a Landis IVR: the caller presses 2, then gives an account number',
        value: { Type: 'ivr', Ivr: 'Main menu', Script: { IvrInputs: ['2', '40021877'] } },
      },
    },
  })
  @ApiAnswer(201, PlacedCallResponse, 'The call; with ?wait=routed also its state once routed')
  async place(@Body() dto: PlaceCallDto, @Query() query: PlaceCallQuery) {
    if (query.wait === 'routed') this.simulation.requireRunningClock('?wait=routed');
    const placed = this.simulation.run((sim) => {
      if (dto.Type === 'queue') return sim.placeQueueCall(required(dto.Queue, 'Queue'), script(dto.Script));
      if (dto.Type === 'direct') return sim.placeDirectCall(required(dto.User, 'User'), script(dto.Script));
      if (dto.Type === 'ivr') return sim.placeIvrCall(required(dto.Ivr, 'Ivr'), script(dto.Script));
      return sim.placeOutboundCall(required(dto.User, 'User'), required(dto.Number, 'Number'), script(dto.Script));
    });
    if (query.wait !== 'routed') return { CallId: placed.callId, LegId: placed.legId };
    const info = await this.simulation.waitForRouting(placed.callId);
    return {
      CallId: placed.callId,
      LegId: placed.legId,
      Call: info ? presentCall(info) : null,
      SmartRouting: await this.smartRouting.requestsForCall(placed.callId),
    };
  }

  @Get('calls')
  @ApiOperation({ summary: 'Calls in progress' })
  @ApiAnswer(200, t.array(CallResponse), 'Every call not yet ended')
  active() {
    return this.simulation.run((sim) => sim.activeCalls().map(presentCall));
  }

  @Get('calls/:id')
  @ApiOperation({
    summary:
      "A call's state and timeline: every event it produced (the QueueStatus/UserStatus its steps caused included), in order, and its SmartRouting exchanges",
  })
  @ApiAnswer(200, CallDetailResponse, 'The call, its timeline and SmartRouting exchanges')
  async call(@Param('id', uuid) id: string) {
    const info = this.simulation.run((sim) => sim.callInfo(id));
    if (!info) throw new NotFoundError(`No call ${id} in the simulation`);
    const timeline = this.simulation.run((sim) => sim.callTimeline(id));
    return { Call: presentCall(info), Timeline: timeline, SmartRouting: await this.smartRouting.requestsForCall(id) };
  }

  @Post('calls/:id/hangup')
  @HttpCode(202)
  @ApiOperation({ summary: 'End a call now, by the caller or the agent' })
  @ApiBody({ type: HangUpDto, required: false, examples: { caller: { summary: 'The caller hangs up', value: { By: 'caller' } } } })
  @ApiAnswer(202, CallCommandResponse, 'Accepted; the events follow in the simulation')
  hangUp(@Param('id', uuid) id: string, @Body() dto: HangUpDto) {
    this.simulation.run((sim) => sim.hangUp(id, dto.By ?? 'caller'));
    return { CallId: id };
  }

  @Post('calls/:id/reject')
  @HttpCode(202)
  @ApiOperation({ summary: 'The user a direct call rings declines it: UserCallInUserCancelled, then the user overflow with Reason InterruptOverflow' })
  @ApiAnswer(202, CallCommandResponse, 'Accepted; the events follow in the simulation')
  reject(@Param('id', uuid) id: string) {
    this.simulation.run((sim) => sim.rejectCall(id));
    return { CallId: id };
  }

  @Post('calls/:id/transfer')
  @HttpCode(202)
  @ApiOperation({ summary: 'The user on a connected direct call transfers it blind: the user overflow with Reason BlindTransfer, then the transfer' })
  @ApiBody({ type: TransferCallDto, examples: { external: { summary: 'To an outside number', value: { Target: '+358501234567' } } } })
  @ApiAnswer(202, CallCommandResponse, 'Accepted; the events follow in the simulation')
  transfer(@Param('id', uuid) id: string, @Body() dto: TransferCallDto) {
    this.simulation.run((sim) => sim.blindTransfer(id, dto.Target));
    return { CallId: id, Target: dto.Target };
  }

  @Post('users/:user/availability')
  @HttpCode(202)
  @ApiOperation({ summary: "Change a user's availability (UserAvailability, UserStatus)" })
  @ApiBody({
    type: AvailabilityDto,
    examples: { busy: { summary: 'Busy for an hour, with a note', value: { Availability: 'Busy', Note: 'Meeting', EndTime: '2030-01-01T09:00:00Z' } } },
  })
  @ApiAnswer(202, AvailabilityCommandResponse, 'Accepted; the events follow in the simulation')
  availability(@Param('user', ref) user: string, @Body() dto: AvailabilityDto) {
    this.simulation.run((sim) =>
      sim.setAvailability(user, dto.Availability, { note: dto.Note ?? null, ...(dto.EndTime ? { endTime: new Date(dto.EndTime) } : {}) }),
    );
    return { User: user, Availability: dto.Availability };
  }

  @Post('users/:user/wrap-up/end')
  @HttpCode(202)
  @ApiOperation({ summary: "End a user's manual wrap-up (UserWrapUpTerminated)" })
  @ApiAnswer(202, UserCommandResponse, 'Accepted; the events follow in the simulation')
  endWrapUp(@Param('user', ref) user: string) {
    this.simulation.run((sim) => sim.endWrapUp(user));
    return { User: user };
  }

  @Post('users/:user/supervision')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start supervising a user (UserSupervisionStatus)' })
  @ApiBody({
    type: SupervisionDto,
    examples: { supervise: { summary: 'Supervise a demo user on a connected call', value: { Target: 'laura.makinen@demo.example' } } },
  })
  @ApiAnswer(202, SupervisionCommandResponse, 'Accepted; the events follow in the simulation')
  startSupervision(@Param('user', ref) user: string, @Body() dto: SupervisionDto) {
    this.simulation.run((sim) => sim.startSupervision(user, dto.Target));
    return { Supervisor: user, Target: dto.Target };
  }

  @Post('users/:user/supervision/stop')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop supervising a user (UserSupervisionStatus)' })
  @ApiBody({ type: SupervisionDto, examples: { stop: { summary: 'Stop supervising a demo user', value: { Target: 'laura.makinen@demo.example' } } } })
  @ApiAnswer(202, SupervisionCommandResponse, 'Accepted; the events follow in the simulation')
  stopSupervision(@Param('user', ref) user: string, @Body() dto: SupervisionDto) {
    this.simulation.run((sim) => sim.stopSupervision(user, dto.Target));
    return { Supervisor: user, Target: dto.Target };
  }

  @Put('queues/:id/attached-users')
  @ApiOperation({ summary: 'Change who serves a queue now (QueueAttachedUsers), and store it' })
  @ApiBody({
    type: AttachedUsersDto,
    examples: {
      two: {
        summary: 'Two demo users, by username',
        value: {
          AttachedUsers: [
            { UserId: 'anna.virtanen@demo.example', Priority: 0, Active: true },
            { UserId: 'mikko.korhonen@demo.example', Priority: 1, Active: true },
          ],
        },
      },
    },
  })
  @ApiAnswer(200, QueueResponse, 'The queue with its stored members, by id')
  async attach(@Param('id', uuid) id: string, @Body() dto: AttachedUsersDto) {
    // By id, so a user given once by id and once by username counts as listed twice.
    const byId = this.simulation.run((sim) => dto.AttachedUsers.map((a) => ({ ...a, UserId: sim.model.findUser(a.UserId)?.id ?? a.UserId })));
    refuseListedTwice(byId);
    this.simulation.run((sim) =>
      sim.setQueueMembership(
        id,
        dto.AttachedUsers.map((a) => ({ userId: a.UserId, priority: a.Priority ?? 0, active: a.Active ?? true })),
      ),
    );
    // Stored too: the queue's configuration is the list now (GET, a reset and a restart start from it).
    return this.organization.storeAttachedUsers(id, byId);
  }

  @Post('call-lists/:id/callbacks')
  @ApiOperation({ summary: 'Create a callback request (CallbackChanged)' })
  @ApiBody({
    type: CreateCallbackDto,
    examples: {
      request: {
        summary: 'A callback request with a note and extra data',
        value: { ContactNumber: '+358401234567', ContactName: 'Matti Meikäläinen', Note: 'Call back after 10', Extras: [{ Name: 'OrderId', Value: '123' }] },
      },
    },
  })
  @ApiAnswer(201, CallbackCommandResponse, 'The new request; CallbackChanged follows in the simulation')
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
  @ApiAnswer(200, t.array(CallbackResponse), 'Most recently changed first, at most 1000')
  async callbacks(@Query() { callListId }: ListCallbacksQuery) {
    const rows = await this.dataSource
      .getRepository(CallbackRequestEntity)
      .find({ where: callListId ? { callListId } : {}, order: { updatedAt: 'DESC' }, take: 1000 });
    return rows.map((r) => ({ Id: r.id, CallListId: r.callListId, IsClosed: r.isClosed, State: r.state }));
  }

  @Post('callbacks/:id/attempts')
  @HttpCode(202)
  @ApiOperation({ summary: 'Record a call attempt on a callback request (CallbackChanged)' })
  @ApiBody({
    type: CallbackAttemptDto,
    examples: {
      noAnswer: { summary: 'A demo user tried, nobody answered', value: { User: 'anna.virtanen@demo.example', Result: 'NoAnswer', Note: 'No answer' } },
    },
  })
  @ApiAnswer(202, CallbackCommandResponse, 'Accepted; CallbackChanged follows in the simulation')
  attemptCallback(@Param('id', uuid) id: string, @Body() dto: CallbackAttemptDto) {
    this.simulation.run((sim) => sim.attemptCallback(id, dto.User, dto.Result, { note: dto.Note ?? null }));
    return { CallBackId: id };
  }

  @Post('callbacks/:id/assign')
  @HttpCode(202)
  @ApiOperation({ summary: 'Assign a callback request to a user, or unassign it (User left out)' })
  @ApiBody({ type: AssignCallbackDto, required: false, examples: { assign: { summary: 'To a demo user', value: { User: 'anna.virtanen@demo.example' } } } })
  @ApiAnswer(202, CallbackCommandResponse, 'Accepted; CallbackChanged follows in the simulation')
  assignCallback(@Param('id', uuid) id: string, @Body() dto: AssignCallbackDto) {
    this.simulation.run((sim) => sim.assignCallback(id, dto.User ?? null));
    return { CallBackId: id };
  }

  @Post('callbacks/:id/close')
  @HttpCode(202)
  @ApiOperation({ summary: 'Close a callback request (CallbackChanged)' })
  @ApiAnswer(202, CallbackCommandResponse, 'Accepted; CallbackChanged follows in the simulation')
  closeCallback(@Param('id', uuid) id: string) {
    this.simulation.run((sim) => sim.closeCallback(id));
    return { CallBackId: id };
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new SimulationCommandError('invalid', `${name} is required for this call type`);
  return value;
}
