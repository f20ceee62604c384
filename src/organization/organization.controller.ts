import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiNoContent, t } from '../common/openapi/schema';
import { CallListResponse, IvrResponse, OrganizationResponse, QueueResponse, UserResponse } from './dto/organization.response';
import { DEMO } from './demo-organization';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import {
  CallListDto,
  IvrDto,
  OrganizationDto,
  QueueDto,
  UpdateCallListDto,
  UpdateIvrDto,
  UpdateQueueDto,
  UpdateUserDto,
  UserDto,
} from './dto/organization.dto';
import { OrganizationService } from './organization.service';

/** The request example of POST /api/ivrs: it leads to the demo organisation's Customer Service queue. */
export const IVR_EXAMPLE = {
  Name: 'Main menu',
  Number: '+358101231200',
  OuPath: '/Demo Oy/Front desk',
  Blocks: [
    { Name: 'Welcome', Type: 'Message', Prompt: 'Welcome to Demo Oy.', Next: { Kind: 'block', Target: 'Language' } },
    {
      Name: 'Language',
      Type: 'Menu',
      Prompt: 'For Finnish press 1, for English press 2.',
      DataValue: 1,
      Options: [
        { Key: '1', Label: 'Finnish', Next: { Kind: 'block', Target: 'Account number' } },
        { Key: '2', Label: 'English', Next: { Kind: 'block', Target: 'Account number' } },
      ],
    },
    { Name: 'Account number', Type: 'InputDigits', MinDigits: 6, MaxDigits: 8, DataValue: 2, Next: { Kind: 'queue', Target: DEMO.queues.service } },
  ],
};

const uuid = new UuidParamPipe();

@ApiTags('organisation')
@Controller('api')
export class OrganizationController {
  constructor(private readonly org: OrganizationService) {}

  @Get('organization')
  @ApiOperation({ summary: 'The simulated organisation with its users, queues and call lists' })
  @ApiAnswer(200, OrganizationResponse, 'The organisation')
  describe() {
    return this.org.describe();
  }

  @Put('organization')
  @ApiOperation({ summary: 'Name the organisation (creating it if there is none)' })
  @ApiBody({ type: OrganizationDto, examples: { rename: { summary: 'A new name', value: { Name: 'Demo Oy' } } } })
  @ApiAnswer(200, OrganizationResponse, 'The organisation')
  rename(@Body() dto: OrganizationDto) {
    return this.org.rename(dto.Name);
  }

  @Get('users')
  @ApiOperation({ summary: 'The agents' })
  @ApiAnswer(200, t.array(UserResponse), 'Every user')
  listUsers() {
    return this.org.listUsers();
  }
  @Post('users')
  @ApiOperation({ summary: 'Add an agent' })
  @ApiBody({
    type: UserDto,
    examples: { agent: { summary: 'An available agent', value: { UserName: 'aino.lahti@demo.example', Number: '+358401000009', Availability: 'Available' } } },
  })
  @ApiAnswer(201, UserResponse, 'The user')
  createUser(@Body() dto: UserDto) {
    return this.org.createUser(dto);
  }
  @Get('users/:id')
  @ApiOperation({ summary: 'One agent' })
  @ApiAnswer(200, UserResponse, 'The user')
  getUser(@Param('id', uuid) id: string) {
    return this.org.getUser(id);
  }
  @Patch('users/:id')
  @ApiOperation({ summary: "Change an agent's name, number, overflow, terminals, forwarding or starting availability" })
  @ApiBody({ type: UpdateUserDto, examples: { terminals: { summary: 'Two working terminals', value: { ServiceTerminals: 2, ForwardAll: false } } } })
  @ApiAnswer(200, UserResponse, 'The changed user')
  updateUser(@Param('id', uuid) id: string, @Body() dto: UpdateUserDto) {
    return this.org.updateUser(id, dto);
  }
  @Delete('users/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an agent' })
  @ApiNoContent('Removed')
  deleteUser(@Param('id', uuid) id: string) {
    return this.org.deleteUser(id);
  }

  @Get('queues')
  @ApiOperation({ summary: 'The service queues' })
  @ApiAnswer(200, t.array(QueueResponse), 'Every queue')
  listQueues() {
    return this.org.listQueues();
  }
  @Post('queues')
  @ApiOperation({ summary: 'Add a service queue' })
  @ApiBody({
    type: QueueDto,
    examples: {
      queue: {
        summary: 'A queue with one agent',
        value: {
          Name: 'Support',
          Number: '+358101231239',
          AttachedUsers: [{ UserId: 'b4df099e-70dc-4ff5-b4ea-c2c3547d97fb', Priority: 0, Active: true }],
          WrapUpSeconds: 30,
          MaxWaitSeconds: 120,
        },
      },
    },
  })
  @ApiAnswer(201, QueueResponse, 'The queue')
  createQueue(@Body() dto: QueueDto) {
    return this.org.createQueue(dto);
  }
  @Get('queues/:id')
  @ApiOperation({ summary: 'One service queue' })
  @ApiAnswer(200, QueueResponse, 'The queue')
  getQueue(@Param('id', uuid) id: string) {
    return this.org.getQueue(id);
  }
  @Patch('queues/:id')
  @ApiOperation({ summary: "Change a queue's name, number, members, times, priority, overflow or open status" })
  @ApiBody({ type: UpdateQueueDto, examples: { times: { summary: 'Shorter wrap-up, longer wait', value: { WrapUpSeconds: 15, MaxWaitSeconds: 300 } } } })
  @ApiAnswer(200, QueueResponse, 'The changed queue')
  updateQueue(@Param('id', uuid) id: string, @Body() dto: UpdateQueueDto) {
    return this.org.updateQueue(id, dto);
  }
  @Delete('queues/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a service queue' })
  @ApiNoContent('Removed')
  deleteQueue(@Param('id', uuid) id: string) {
    return this.org.deleteQueue(id);
  }

  @Get('call-lists')
  @ApiOperation({ summary: 'The call lists' })
  @ApiAnswer(200, t.array(CallListResponse), 'Every call list')
  listCallLists() {
    return this.org.listCallLists();
  }
  @Post('call-lists')
  @ApiOperation({ summary: 'Add a call list (callback requests)' })
  @ApiBody({
    type: CallListDto,
    examples: {
      list: {
        summary: 'A call list one agent serves',
        value: { Name: 'Web callbacks', IsAutoAllocate: false, AttachedUserIds: ['b4df099e-70dc-4ff5-b4ea-c2c3547d97fb'] },
      },
    },
  })
  @ApiAnswer(201, CallListResponse, 'The call list')
  createCallList(@Body() dto: CallListDto) {
    return this.org.createCallList(dto);
  }
  @Get('call-lists/:id')
  @ApiOperation({ summary: 'One call list' })
  @ApiAnswer(200, CallListResponse, 'The call list')
  getCallList(@Param('id', uuid) id: string) {
    return this.org.getCallList(id);
  }
  @Patch('call-lists/:id')
  @ApiOperation({ summary: "Change a call list's name, auto-allocation or members" })
  @ApiBody({ type: UpdateCallListDto, examples: { auto: { summary: 'Allocate requests automatically', value: { IsAutoAllocate: true } } } })
  @ApiAnswer(200, CallListResponse, 'The changed call list')
  updateCallList(@Param('id', uuid) id: string, @Body() dto: UpdateCallListDto) {
    return this.org.updateCallList(id, dto);
  }
  @Delete('call-lists/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a call list' })
  @ApiNoContent('Removed')
  deleteCallList(@Param('id', uuid) id: string) {
    return this.org.deleteCallList(id);
  }

  @Get('ivrs')
  @ApiOperation({ summary: 'The Landis Contact Center IVRs' })
  @ApiAnswer(200, t.array(IvrResponse), 'Every IVR')
  listIvrs() {
    return this.org.listIvrs();
  }

  @Post('ivrs')
  @ApiOperation({
    summary:
      'Add a Landis IVR: blocks (Message, Menu, InputDigits, SpeechInput) a caller passes before a transfer to a queue, user, number or IVR, or a hang-up',
  })
  @ApiBody({ type: IvrDto, examples: { mainMenu: { summary: 'A language menu and an account number, then Customer Service', value: IVR_EXAMPLE } } })
  @ApiAnswer(201, IvrResponse, 'The IVR')
  createIvr(@Body() dto: IvrDto) {
    return this.org.createIvr(dto);
  }

  @Get('ivrs/:id')
  @ApiOperation({ summary: 'One Landis IVR' })
  @ApiAnswer(200, IvrResponse, 'The IVR')
  getIvr(@Param('id', uuid) id: string) {
    return this.org.getIvr(id);
  }

  @Patch('ivrs/:id')
  @ApiOperation({ summary: "Change an IVR's name, number, OU path or blocks (Blocks replaces them all)" })
  @ApiBody({ type: UpdateIvrDto, examples: { ouPath: { summary: 'Another organisation unit', value: { OuPath: '/Demo Oy/Reception' } } } })
  @ApiAnswer(200, IvrResponse, 'The changed IVR')
  updateIvr(@Param('id', uuid) id: string, @Body() dto: UpdateIvrDto) {
    return this.org.updateIvr(id, dto);
  }

  @Delete('ivrs/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a Landis IVR' })
  @ApiNoContent('Removed')
  deleteIvr(@Param('id', uuid) id: string) {
    return this.org.deleteIvr(id);
  }
}
