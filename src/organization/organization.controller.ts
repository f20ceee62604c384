import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import {
  CallListDto,
  OrganizationDto,
  QueueDto,
  UpdateCallListDto,
  UpdateQueueDto,
  UpdateUserDto,
  UserDto,
} from './dto/organization.dto';
import { OrganizationService } from './organization.service';

const uuid = new UuidParamPipe();

@ApiTags('organisation')
@Controller('api')
export class OrganizationController {
  constructor(private readonly org: OrganizationService) {}

  @Get('organization')
  @ApiOperation({ summary: 'The simulated organisation with its users, queues and call lists' })
  describe() {
    return this.org.describe();
  }

  @Put('organization')
  @ApiOperation({ summary: 'Name the organisation (creating it if there is none)' })
  rename(@Body() dto: OrganizationDto) {
    return this.org.rename(dto.Name);
  }

  @Get('users') listUsers() {
    return this.org.listUsers();
  }
  @Post('users') @ApiOperation({ summary: 'Add an agent' }) createUser(@Body() dto: UserDto) {
    return this.org.createUser(dto);
  }
  @Get('users/:id') getUser(@Param('id', uuid) id: string) {
    return this.org.getUser(id);
  }
  @Patch('users/:id') updateUser(@Param('id', uuid) id: string, @Body() dto: UpdateUserDto) {
    return this.org.updateUser(id, dto);
  }
  @Delete('users/:id') @HttpCode(204) deleteUser(@Param('id', uuid) id: string) {
    return this.org.deleteUser(id);
  }

  @Get('queues') listQueues() {
    return this.org.listQueues();
  }
  @Post('queues') @ApiOperation({ summary: 'Add a service queue' }) createQueue(@Body() dto: QueueDto) {
    return this.org.createQueue(dto);
  }
  @Get('queues/:id') getQueue(@Param('id', uuid) id: string) {
    return this.org.getQueue(id);
  }
  @Patch('queues/:id') updateQueue(@Param('id', uuid) id: string, @Body() dto: UpdateQueueDto) {
    return this.org.updateQueue(id, dto);
  }
  @Delete('queues/:id') @HttpCode(204) deleteQueue(@Param('id', uuid) id: string) {
    return this.org.deleteQueue(id);
  }

  @Get('call-lists') listCallLists() {
    return this.org.listCallLists();
  }
  @Post('call-lists') @ApiOperation({ summary: 'Add a call list (callback requests)' }) createCallList(@Body() dto: CallListDto) {
    return this.org.createCallList(dto);
  }
  @Get('call-lists/:id') getCallList(@Param('id', uuid) id: string) {
    return this.org.getCallList(id);
  }
  @Patch('call-lists/:id') updateCallList(@Param('id', uuid) id: string, @Body() dto: UpdateCallListDto) {
    return this.org.updateCallList(id, dto);
  }
  @Delete('call-lists/:id') @HttpCode(204) deleteCallList(@Param('id', uuid) id: string) {
    return this.org.deleteCallList(id);
  }
}
