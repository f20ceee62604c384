import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsRealDate } from '../../common/dto/iso-date';
import { AttachedUserDto } from '../../organization/dto/organization.dto';
import { PHONE_NUMBER } from '../../common/phone-number';
import { IsOmittable } from '../../common/dto/omittable';
import { AVAILABILITIES, type Availability } from '../../organization/organization.entities';
import { CALLBACK_ATTEMPT_RESULTS, type CallbackAttemptResult } from '../engine';

const RESULTS = Object.keys(CALLBACK_ATTEMPT_RESULTS) as CallbackAttemptResult[];

export class CallScriptDto {
  @ApiPropertyOptional({ description: 'Ring time before the agent answers' }) @IsOptional() @IsNumber() @Min(0) @Max(86400) AnswerAfterSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(86400) TalkSeconds?: number;
  @ApiPropertyOptional({ enum: ['caller', 'agent'] }) @IsOptional() @IsIn(['caller', 'agent'], { message: 'HangupBy must be caller or agent' }) HangupBy?:
    'caller' | 'agent';
  @ApiPropertyOptional({
    oneOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'boolean' } }],
    description: 'false: the first agent does not answer; or a list, one per allocation',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isAgentAnswers',
    validator: {
      validate: (v) => typeof v === 'boolean' || (Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'boolean')),
      defaultMessage: () => 'AgentAnswers must be true, false or a list of them',
    },
  })
  AgentAnswers?: boolean | boolean[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() WrapUpEndsManually?: boolean;
  @ApiPropertyOptional() @IsOptional() @Matches(PHONE_NUMBER, { message: 'CallerNumber must be a phone number' }) CallerNumber?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(PHONE_NUMBER, { message: 'TargetNumber must be a phone number' }) TargetNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(86400) AbandonAfterSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() TransferAnswers?: boolean;
  @ApiPropertyOptional({ description: 'Queue calls: the agent (id or username) offered the call first, as an AllocationTarget' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  Agent?: string;
  @ApiPropertyOptional({ type: 'integer', description: "Queue calls: the call's priority instead of the queue's (0..10000)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  Priority?: number;
  @ApiPropertyOptional({
    type: [String],
    example: ['3', '40021877', '1'],
    description: "IVR calls: the caller's input at each input block in turn (menu key, digits, phrase); past the list they are drawn",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  IvrInputs?: string[];
}

export class PlaceCallQuery {
  @ApiPropertyOptional({
    enum: ['routed'],
    description: 'routed: answer once the call has been routed (SmartRouting answered, queued, ringing or ended), with its state',
  })
  @IsOptional()
  @IsIn(['routed'], { message: 'wait must be routed' })
  wait?: 'routed';
}

export class PlaceCallDto {
  @ApiProperty({ enum: ['queue', 'direct', 'outbound', 'ivr'] })
  @IsIn(['queue', 'direct', 'outbound', 'ivr'], { message: 'Type must be one of: queue, direct, outbound, ivr' })
  Type!: 'queue' | 'direct' | 'outbound' | 'ivr';
  @ApiPropertyOptional({ description: 'Queue id or number (Type queue)' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) Queue?: string;
  @ApiPropertyOptional({ description: 'Landis IVR id, number or name (Type ivr)' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) Ivr?: string;
  @ApiPropertyOptional({ description: 'User id or username (Type direct or outbound)' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) User?: string;
  @ApiPropertyOptional({ description: 'Called number (Type outbound)' })
  @IsOptional()
  @Matches(PHONE_NUMBER, { message: 'Number must be a phone number' })
  Number?: string;
  @ApiPropertyOptional({ type: CallScriptDto }) @IsOmittable() @IsObject() @ValidateNested() @Type(() => CallScriptDto) Script?: CallScriptDto;
}

export class HangUpDto {
  @ApiPropertyOptional({ enum: ['caller', 'agent'], default: 'caller' })
  @IsOptional()
  @IsIn(['caller', 'agent'], { message: 'By must be caller or agent' })
  By?: 'caller' | 'agent';
}

export class TransferCallDto {
  @ApiProperty({ description: 'Queue (id or number), user (id, username or number), call list id, or a phone number' })
  @IsString()
  @MinLength(1)
  Target!: string;
}

export class AvailabilityDto {
  @ApiProperty({ enum: AVAILABILITIES })
  @IsIn(AVAILABILITIES, { message: `Availability must be one of: ${AVAILABILITIES.join(', ')}` })
  Availability!: Availability;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) Note?: string;
  @ApiPropertyOptional({ description: 'When the state ends (ISO 8601 virtual time); default continuous' }) @IsOptional() @IsRealDate() EndTime?: string;
}

export class SupervisionDto {
  @ApiProperty({ description: 'Supervised user id or username' }) @IsString() @MinLength(1) @MaxLength(200) Target!: string;
}

/** A live membership change names users by id or username, like the other simulation routes. */
export class LiveAttachedUserDto extends OmitType(AttachedUserDto, ['UserId'] as const) {
  @ApiProperty({ description: 'User id or username' }) @IsString() @MinLength(1) @MaxLength(200) UserId!: string;
}

export class AttachedUsersDto {
  @ApiProperty({ type: [LiveAttachedUserDto], example: [{ UserId: '...', Priority: 0, Active: true }] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'AttachedUsers must hold objects such as { "UserId": "..." }' })
  @ValidateNested({ each: true })
  @Type(() => LiveAttachedUserDto)
  AttachedUsers!: LiveAttachedUserDto[];
}

export class CallbackExtraDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) Name!: string;
  @ApiProperty() @IsString() @MaxLength(1000) Value!: string;
}

export class CreateCallbackDto {
  @ApiProperty({ example: '+358401234567' }) @Matches(PHONE_NUMBER, { message: 'ContactNumber must be a phone number' }) ContactNumber!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) ContactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) ContactMessage?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) Note?: string;
  @ApiPropertyOptional() @IsOptional() @IsRealDate() DueDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsRealDate() ExpiryDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsRealDate() NotBefore?: string;
  @ApiPropertyOptional({ type: [CallbackExtraDto], example: [{ Name: 'OrderId', Value: '123' }] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'Extras must hold objects such as { "Name": "OrderId", "Value": "123" }' })
  @ValidateNested({ each: true })
  @Type(() => CallbackExtraDto)
  Extras?: CallbackExtraDto[];
  @ApiPropertyOptional({ type: 'integer', enum: [1, 3], default: 1, description: '1: an explicit callback request; 3: a call list item created manually' })
  @IsOptional()
  @IsIn([1, 3], { message: 'TypeId must be 1 (explicit callback request) or 3 (call list item created manually); 2 comes from an overflown call' })
  TypeId?: 1 | 3;
}

export class CallbackAttemptDto {
  @ApiProperty({ description: 'User id or username' }) @IsString() @MinLength(1) @MaxLength(200) User!: string;
  @ApiProperty({ enum: RESULTS }) @IsIn(RESULTS, { message: `Result must be one of: ${RESULTS.join(', ')}` }) Result!: CallbackAttemptResult;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) Note?: string;
}

export class AssignCallbackDto {
  @ApiPropertyOptional({ type: 'string', description: 'User id or username; null unassigns', nullable: true }) @IsOptional() @IsString() @MaxLength(200) User?:
    string | null;
}

export class ResetSimulationDto {
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], example: 42 })
  @IsOptional()
  @ValidateBy({
    name: 'isSeed',
    validator: {
      validate: (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 200) || (typeof v === 'number' && Number.isFinite(v)),
      defaultMessage: () => 'Seed must be a string (1-200 characters) or a number',
    },
  })
  Seed?: string | number;
  @ApiPropertyOptional({ description: 'Virtual start time (ISO 8601); default now' }) @IsOptional() @IsRealDate() StartTime?: string;
  @ApiPropertyOptional({ description: '1 = real time; 60 = a minute per second' }) @IsOptional() @IsNumber() @Min(0.001) @Max(1000000) TimeScale?: number;
  @ApiPropertyOptional({ description: 'Do not run the clock: commands wait for POST /api/simulation/advance (exact replays)' })
  @IsOptional()
  @IsBoolean()
  Paused?: boolean;
  @ApiPropertyOptional({
    description: "Replay this recorded run (a reset's RunId) exactly: its seed, start time, time scale and event Ids; give no other field",
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'ReplayOf must be the RunId (a GUID) of a recorded run' })
  ReplayOf?: string;
}

export class AdvanceDto {
  @ApiProperty({ description: 'Virtual seconds to run now, as fast as possible' }) @IsNumber() @Min(0) @Max(30 * 86400) Seconds!: number;
}
