import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PHONE_NUMBER } from '../../common/phone-number';
import { AVAILABILITIES, type Availability } from '../../organization/organization.entities';
import { CALLBACK_ATTEMPT_RESULTS, type CallbackAttemptResult } from '../engine';

const RESULTS = Object.keys(CALLBACK_ATTEMPT_RESULTS) as CallbackAttemptResult[];

export class CallScriptDto {
  @ApiPropertyOptional({ description: 'Ring time before the agent answers' }) @IsOptional() @IsNumber() @Min(0) @Max(86400) AnswerAfterSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(86400) TalkSeconds?: number;
  @ApiPropertyOptional({ enum: ['caller', 'agent'] }) @IsOptional() @IsIn(['caller', 'agent'], { message: 'HangupBy must be caller or agent' }) HangupBy?: 'caller' | 'agent';
  @ApiPropertyOptional({ description: 'false: the first agent does not answer; or a list, one per allocation' })
  @IsOptional()
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
  @ApiPropertyOptional({ description: "Queue calls: the call's priority instead of the queue's (0..10000)" }) @IsOptional() @IsInt() @Min(0) @Max(10000) Priority?: number;
}

export class PlaceCallQuery {
  @ApiPropertyOptional({ enum: ['routed'], description: 'routed: answer once the call has been routed (SmartRouting answered, queued, ringing or ended), with its state' })
  @IsOptional()
  @IsIn(['routed'], { message: 'wait must be routed' })
  wait?: 'routed';
}

export class PlaceCallDto {
  @ApiProperty({ enum: ['queue', 'direct', 'outbound'] })
  @IsIn(['queue', 'direct', 'outbound'], { message: 'Type must be one of: queue, direct, outbound' })
  Type!: 'queue' | 'direct' | 'outbound';
  @ApiPropertyOptional({ description: 'Queue id or number (Type queue)' }) @IsOptional() @IsString() @MinLength(1) Queue?: string;
  @ApiPropertyOptional({ description: 'User id or username (Type direct or outbound)' }) @IsOptional() @IsString() @MinLength(1) User?: string;
  @ApiPropertyOptional({ description: 'Called number (Type outbound)' }) @IsOptional() @Matches(PHONE_NUMBER, { message: 'Number must be a phone number' }) Number?: string;
  @ApiPropertyOptional({ type: CallScriptDto }) @IsOptional() @ValidateNested() @Type(() => CallScriptDto) Script?: CallScriptDto;
}

export class HangUpDto {
  @ApiPropertyOptional({ enum: ['caller', 'agent'], default: 'caller' }) @IsOptional() @IsIn(['caller', 'agent'], { message: 'By must be caller or agent' }) By?: 'caller' | 'agent';
}

export class TransferCallDto {
  @ApiProperty({ description: 'Queue (id or number), user (id, username or number), call list id, or a phone number' })
  @IsString()
  @MinLength(1)
  Target!: string;
}

export class AvailabilityDto {
  @ApiProperty({ enum: AVAILABILITIES }) @IsIn(AVAILABILITIES, { message: `Availability must be one of: ${AVAILABILITIES.join(', ')}` }) Availability!: Availability;
  @ApiPropertyOptional() @IsOptional() @IsString() Note?: string;
  @ApiPropertyOptional({ description: 'When the state ends (ISO 8601 virtual time); default continuous' }) @IsOptional() @IsDateString() EndTime?: string;
}

export class SupervisionDto {
  @ApiProperty({ description: 'Supervised user id or username' }) @IsString() @MinLength(1) Target!: string;
}

export class AttachedUsersDto {
  @ApiProperty({ example: [{ UserId: '...', Priority: 0, Active: true }] })
  @IsArray()
  AttachedUsers!: { UserId: string; Priority?: number; Active?: boolean }[];
}

export class CreateCallbackDto {
  @ApiProperty({ example: '+358401234567' }) @Matches(PHONE_NUMBER, { message: 'ContactNumber must be a phone number' }) ContactNumber!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() ContactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() ContactMessage?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() Note?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() DueDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() ExpiryDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() NotBefore?: string;
  @ApiPropertyOptional({ example: [{ Name: 'OrderId', Value: '123' }] }) @IsOptional() @IsArray() Extras?: { Name: string; Value: string }[];
  @ApiPropertyOptional({ enum: [1, 3], default: 1, description: '1: an explicit callback request; 3: a call list item created manually' })
  @IsOptional()
  @IsIn([1, 3], { message: 'TypeId must be 1 (explicit callback request) or 3 (call list item created manually); 2 comes from an overflown call' })
  TypeId?: 1 | 3;
}

export class CallbackAttemptDto {
  @ApiProperty({ description: 'User id or username' }) @IsString() @MinLength(1) User!: string;
  @ApiProperty({ enum: RESULTS }) @IsIn(RESULTS, { message: `Result must be one of: ${RESULTS.join(', ')}` }) Result!: CallbackAttemptResult;
  @ApiPropertyOptional() @IsOptional() @IsString() Note?: string;
}

export class AssignCallbackDto {
  @ApiPropertyOptional({ description: 'User id or username; null unassigns', nullable: true }) @IsOptional() @IsString() User?: string | null;
}

export class ResetSimulationDto {
  @ApiPropertyOptional({ example: 42 }) @IsOptional() Seed?: string | number;
  @ApiPropertyOptional({ description: 'Virtual start time (ISO 8601); default now' }) @IsOptional() @IsDateString() StartTime?: string;
  @ApiPropertyOptional({ description: '1 = real time; 60 = a minute per second' }) @IsOptional() @IsNumber() @Min(0.001) @Max(1000000) TimeScale?: number;
  @ApiPropertyOptional({ description: 'Do not run the clock: commands wait for POST /api/simulation/advance (exact replays)' })
  @IsOptional()
  @IsBoolean()
  Paused?: boolean;
  @ApiPropertyOptional({ description: "Replay this recorded run (a reset's RunId) exactly: its seed, start time, time scale and event Ids; give no other field" })
  @IsOptional()
  @IsUUID(undefined, { message: 'ReplayOf must be the RunId (a GUID) of a recorded run' })
  ReplayOf?: string;
}

export class AdvanceDto {
  @ApiProperty({ description: 'Virtual seconds to run now, as fast as possible' }) @IsNumber() @Min(0) @Max(30 * 86400) Seconds!: number;
}
