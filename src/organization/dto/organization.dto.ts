import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PHONE_NUMBER } from '../../common/phone-number';
import { AVAILABILITIES, type Availability } from '../organization.entities';

const E164 = PHONE_NUMBER;
const E164_MESSAGE = 'must be a phone number such as +358101231234';

export class UserDto {
  @ApiProperty({ example: 'anna.virtanen@demo.example' }) @MaxLength(200) @IsEmail({}, { message: 'UserName must be an e-mail-like username' }) UserName!: string;
  @ApiProperty({ example: '+358401234567' }) @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number!: string;
  @ApiPropertyOptional({ enum: AVAILABILITIES }) @IsOptional() @IsIn(AVAILABILITIES, { message: `Availability must be one of: ${AVAILABILITIES.join(', ')}` }) Availability?: Availability;
  @ApiPropertyOptional({ type: () => OverflowTargetDto, nullable: true, description: "Where the user's unanswered or unreachable calls go" })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverflowTargetDto)
  OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({ type: 'integer', default: 1, description: 'Working terminals; 0: calls to the user fail with BusyForTechnicalError' }) @IsOptional() @IsInt() @Min(0) @Max(10) ServiceTerminals?: number;
  @ApiPropertyOptional({ description: 'Transfer all: every direct call goes to the OverflowTarget at once (Reason TransferAll)' }) @IsOptional() @IsBoolean() ForwardAll?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @MaxLength(200) @IsEmail({}, { message: 'UserName must be an e-mail-like username' }) UserName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number?: string;
  @ApiPropertyOptional({ type: () => OverflowTargetDto, nullable: true, description: "Where the user's unanswered or unreachable calls go; null: nowhere" })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverflowTargetDto)
  OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({ type: 'integer', description: 'Working terminals; 0: calls to the user fail with BusyForTechnicalError' }) @IsOptional() @IsInt() @Min(0) @Max(10) ServiceTerminals?: number;
  @ApiPropertyOptional({ description: 'Transfer all: every direct call goes to the OverflowTarget at once (Reason TransferAll)' }) @IsOptional() @IsBoolean() ForwardAll?: boolean;
  @ApiPropertyOptional({ enum: AVAILABILITIES, description: 'The availability a run starts with' }) @IsOptional() @IsIn(AVAILABILITIES, { message: `Availability must be one of: ${AVAILABILITIES.join(', ')}` }) Availability?: Availability;
}

export class AttachedUserDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') UserId!: string;
  @ApiPropertyOptional({ type: 'integer', default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10000) Priority?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() Active?: boolean;
}

export class OverflowTargetDto {
  @ApiProperty({ enum: ['queue', 'user', 'callList', 'number'] })
  @IsIn(['queue', 'user', 'callList', 'number'], { message: 'Kind must be one of: queue, user, callList, number' })
  Kind!: 'queue' | 'user' | 'callList' | 'number';
  @ApiProperty({ description: 'Id of the queue, user or call list; or a phone number' }) @IsString() @MinLength(1) @MaxLength(200) Target!: string;
}

export class QueueDto {
  @ApiProperty({ example: 'Customer Service' }) @IsString() @MinLength(1) @MaxLength(200) Name!: string;
  @ApiProperty({ example: '+358101231234' }) @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number!: string;
  @ApiPropertyOptional({ type: [AttachedUserDto] }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsObject({ each: true, message: 'AttachedUsers must hold objects such as { "UserId": "..." }' }) @ValidateNested({ each: true }) @Type(() => AttachedUserDto) AttachedUsers?: AttachedUserDto[];
  @ApiPropertyOptional({ type: 'integer', default: 30 }) @IsOptional() @IsInt() @Min(0) @Max(3600) WrapUpSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', default: 120 }) @IsOptional() @IsInt() @Min(1) @Max(86400) MaxWaitSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10000) Priority?: number;
  @ApiPropertyOptional({ type: OverflowTargetDto, nullable: true }) @IsOptional() @IsObject() @ValidateNested() @Type(() => OverflowTargetDto) OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({ type: 'integer', enum: [0, 1, 2, 3, 4, 5, 6], default: 5, description: 'QueueStatus.OpenStatus: 5 Open, 3 Closed, ...; a transfer into a queue that is not open is cancelled (TargetClosed)' })
  @IsOptional()
  @IsIn([0, 1, 2, 3, 4, 5, 6], { message: 'OpenStatus must be one of 0..6 (QueueStatus.OpenStatus: 5 Open, 3 Closed, ...)' })
  OpenStatus?: number;
}

export class UpdateQueueDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) Name?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number?: string;
  @ApiPropertyOptional({ type: [AttachedUserDto] }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsObject({ each: true, message: 'AttachedUsers must hold objects such as { "UserId": "..." }' }) @ValidateNested({ each: true }) @Type(() => AttachedUserDto) AttachedUsers?: AttachedUserDto[];
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(3600) WrapUpSeconds?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) @Max(86400) MaxWaitSeconds?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(10000) Priority?: number;
  @ApiPropertyOptional({ type: OverflowTargetDto, nullable: true }) @IsOptional() @IsObject() @ValidateNested() @Type(() => OverflowTargetDto) OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({ type: 'integer', enum: [0, 1, 2, 3, 4, 5, 6], default: 5, description: 'QueueStatus.OpenStatus: 5 Open, 3 Closed, ...; a transfer into a queue that is not open is cancelled (TargetClosed)' })
  @IsOptional()
  @IsIn([0, 1, 2, 3, 4, 5, 6], { message: 'OpenStatus must be one of 0..6 (QueueStatus.OpenStatus: 5 Open, 3 Closed, ...)' })
  OpenStatus?: number;
}

export class CallListDto {
  @ApiProperty({ example: 'Callbacks' }) @IsString() @MinLength(1) @MaxLength(200) Name!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() IsAutoAllocate?: boolean;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' } }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) AttachedUserIds?: string[];
}

export class UpdateCallListDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) Name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() IsAutoAllocate?: boolean;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' } }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) AttachedUserIds?: string[];
}

export class OrganizationDto {
  @ApiProperty({ example: 'Demo Oy' }) @IsString() @MinLength(1) @MaxLength(200) Name!: string;
}
