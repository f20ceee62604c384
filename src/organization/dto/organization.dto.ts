import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
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
import { IVR_BLOCK_TYPES, IVR_DATA_VALUE_SLOTS, IVR_NEXT_KINDS, MAX_IVR_BLOCKS, MAX_MENU_OPTIONS, MENU_KEYS } from '../../common/ivr-rules';
import { AVAILABILITIES, type Availability } from '../organization.entities';

const E164 = PHONE_NUMBER;
const E164_MESSAGE = 'must be a phone number such as +358101231234';

export class UserDto {
  @ApiProperty({ example: 'anna.virtanen@demo.example' })
  @MaxLength(200)
  @IsEmail({}, { message: 'UserName must be an e-mail-like username' })
  UserName!: string;
  @ApiProperty({ example: '+358401234567' }) @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number!: string;
  @ApiPropertyOptional({ enum: AVAILABILITIES })
  @IsOptional()
  @IsIn(AVAILABILITIES, { message: `Availability must be one of: ${AVAILABILITIES.join(', ')}` })
  Availability?: Availability;
  @ApiPropertyOptional({ type: () => OverflowTargetDto, nullable: true, description: "Where the user's unanswered or unreachable calls go" })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverflowTargetDto)
  OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({ type: 'integer', default: 1, description: 'Working terminals; 0: calls to the user fail with BusyForTechnicalError' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  ServiceTerminals?: number;
  @ApiPropertyOptional({ description: 'Transfer all: every direct call goes to the OverflowTarget at once (Reason TransferAll)' })
  @IsOptional()
  @IsBoolean()
  ForwardAll?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @MaxLength(200) @IsEmail({}, { message: 'UserName must be an e-mail-like username' }) UserName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number?: string;
  @ApiPropertyOptional({ type: () => OverflowTargetDto, nullable: true, description: "Where the user's unanswered or unreachable calls go; null: nowhere" })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverflowTargetDto)
  OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({ type: 'integer', description: 'Working terminals; 0: calls to the user fail with BusyForTechnicalError' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  ServiceTerminals?: number;
  @ApiPropertyOptional({ description: 'Transfer all: every direct call goes to the OverflowTarget at once (Reason TransferAll)' })
  @IsOptional()
  @IsBoolean()
  ForwardAll?: boolean;
  @ApiPropertyOptional({ enum: AVAILABILITIES, description: 'The availability a run starts with' })
  @IsOptional()
  @IsIn(AVAILABILITIES, { message: `Availability must be one of: ${AVAILABILITIES.join(', ')}` })
  Availability?: Availability;
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
  @ApiPropertyOptional({ type: [AttachedUserDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'AttachedUsers must hold objects such as { "UserId": "..." }' })
  @ValidateNested({ each: true })
  @Type(() => AttachedUserDto)
  AttachedUsers?: AttachedUserDto[];
  @ApiPropertyOptional({ type: 'integer', default: 30 }) @IsOptional() @IsInt() @Min(0) @Max(3600) WrapUpSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', default: 120 }) @IsOptional() @IsInt() @Min(1) @Max(86400) MaxWaitSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10000) Priority?: number;
  @ApiPropertyOptional({ type: OverflowTargetDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OverflowTargetDto)
  OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({
    type: 'integer',
    enum: [0, 1, 2, 3, 4, 5, 6],
    default: 5,
    description: 'QueueStatus.OpenStatus: 5 Open, 3 Closed, ...; a transfer into a queue that is not open is cancelled (TargetClosed)',
  })
  @IsOptional()
  @IsIn([0, 1, 2, 3, 4, 5, 6], { message: 'OpenStatus must be one of 0..6 (QueueStatus.OpenStatus: 5 Open, 3 Closed, ...)' })
  OpenStatus?: number;
  @ApiPropertyOptional({
    type: String,
    example: '/Demo Oy/Customer Service',
    nullable: true,
    description: 'Landis OUPath of its records; default "/" + the organisation name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  OuPath?: string | null;
  @ApiPropertyOptional({ type: 'integer', default: 20, description: 'Landis MetServiceLevel: an agent answered within this many seconds of waiting' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  ServiceLevelSeconds?: number;
}

export class UpdateQueueDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) Name?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number?: string;
  @ApiPropertyOptional({ type: [AttachedUserDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'AttachedUsers must hold objects such as { "UserId": "..." }' })
  @ValidateNested({ each: true })
  @Type(() => AttachedUserDto)
  AttachedUsers?: AttachedUserDto[];
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(3600) WrapUpSeconds?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) @Max(86400) MaxWaitSeconds?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(10000) Priority?: number;
  @ApiPropertyOptional({ type: OverflowTargetDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OverflowTargetDto)
  OverflowTarget?: OverflowTargetDto | null;
  @ApiPropertyOptional({
    type: 'integer',
    enum: [0, 1, 2, 3, 4, 5, 6],
    default: 5,
    description: 'QueueStatus.OpenStatus: 5 Open, 3 Closed, ...; a transfer into a queue that is not open is cancelled (TargetClosed)',
  })
  @IsOptional()
  @IsIn([0, 1, 2, 3, 4, 5, 6], { message: 'OpenStatus must be one of 0..6 (QueueStatus.OpenStatus: 5 Open, 3 Closed, ...)' })
  OpenStatus?: number;
  @ApiPropertyOptional({
    type: String,
    example: '/Demo Oy/Customer Service',
    nullable: true,
    description: 'Landis OUPath of its records; default "/" + the organisation name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  OuPath?: string | null;
  @ApiPropertyOptional({ type: 'integer', default: 20, description: 'Landis MetServiceLevel: an agent answered within this many seconds of waiting' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  ServiceLevelSeconds?: number;
}

export class CallListDto {
  @ApiProperty({ example: 'Callbacks' }) @IsString() @MinLength(1) @MaxLength(200) Name!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() IsAutoAllocate?: boolean;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  AttachedUserIds?: string[];
}

export class UpdateCallListDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) Name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() IsAutoAllocate?: boolean;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  AttachedUserIds?: string[];
}

export class OrganizationDto {
  @ApiProperty({ example: 'Demo Oy' }) @IsString() @MinLength(1) @MaxLength(200) Name!: string;
}

const IVR_NEXT_KIND_LIST = IVR_NEXT_KINDS.join(', ');

/** Where an IVR block (or a menu option) leads. */
export class IvrNextDto {
  @ApiProperty({
    enum: IVR_NEXT_KINDS,
    description: 'block: another block of this IVR; queue, user, ivr: by id; number: a phone number; hangup: the IVR ends the call',
  })
  @IsIn(IVR_NEXT_KINDS, { message: `Kind must be one of: ${IVR_NEXT_KIND_LIST}` })
  Kind!: (typeof IVR_NEXT_KINDS)[number];
  @ApiPropertyOptional({ description: 'The block name, the queue/user/IVR id or the phone number; none for hangup' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  Target?: string;
}

export class IvrMenuOptionDto {
  @ApiProperty({ enum: MENU_KEYS }) @IsIn(MENU_KEYS, { message: `Key must be one of: ${MENU_KEYS.join(' ')}` }) Key!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the option means; written to the DataValue field instead of the key' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  Label?: string | null;
  @ApiPropertyOptional({ default: 1, description: 'Relative likelihood a simulated caller picks it' })
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  @Max(1_000_000)
  Weight?: number;
  @ApiProperty({ type: () => IvrNextDto }) @IsObject() @ValidateNested() @Type(() => IvrNextDto) Next!: IvrNextDto;
}

export class IvrBlockDto {
  @ApiProperty({ example: 'Account number', description: 'Unique in the IVR (IvrInputs[].BlockName)' }) @IsString() @MinLength(1) @MaxLength(100) Name!: string;
  @ApiProperty({ enum: IVR_BLOCK_TYPES })
  @IsIn(IVR_BLOCK_TYPES, { message: `Type must be one of: ${IVR_BLOCK_TYPES.join(', ')}` })
  Type!: (typeof IVR_BLOCK_TYPES)[number];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the caller hears; its length sets how long the block plays unless Seconds is given' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  Prompt?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'How long the prompt plays' }) @IsOptional() @IsNumber() @Min(0) @Max(600) Seconds?:
    number | null;
  @ApiPropertyOptional({ description: 'Input blocks: the variable (IvrInputs[].ParameterName); default: the block name without spaces' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ParameterName?: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Input blocks: also write the input to DataValue01..20' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(IVR_DATA_VALUE_SLOTS)
  DataValue?: number | null;
  @ApiPropertyOptional({ type: [IvrMenuOptionDto], description: 'Menu: the keys the caller may press' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENU_OPTIONS)
  @IsObject({ each: true, message: 'Options must hold objects such as { "Key": "1", "Next": { "Kind": "queue", "Target": "..." } }' })
  @ValidateNested({ each: true })
  @Type(() => IvrMenuOptionDto)
  Options?: IvrMenuOptionDto[];
  @ApiPropertyOptional({ type: 'integer', default: 1, description: 'InputDigits: fewest digits' }) @IsOptional() @IsInt() @Min(1) @Max(32) MinDigits?: number;
  @ApiPropertyOptional({ type: 'integer', default: 12, description: 'InputDigits: most digits' }) @IsOptional() @IsInt() @Min(1) @Max(32) MaxDigits?: number;
  @ApiPropertyOptional({ type: [String], description: 'SpeechInput: the phrases a caller may say' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  Choices?: string[];
  @ApiPropertyOptional({ type: () => IvrNextDto, description: 'Message, InputDigits, SpeechInput: where the caller goes next' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IvrNextDto)
  Next?: IvrNextDto;
}

export class IvrDto {
  @ApiProperty({ example: 'Main menu' }) @IsString() @MinLength(1) @MaxLength(200) Name!: string;
  @ApiProperty({ example: '+358101231200', description: 'The number callers dial' }) @Matches(E164, { message: `Number ${E164_MESSAGE}` }) Number!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '/Demo Oy/Front desk',
    description: 'Landis OUPath of its records; default "/" + the organisation name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  OuPath?: string | null;
  @ApiProperty({ type: [IvrBlockDto], description: 'The caller starts at the first block' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IVR_BLOCKS)
  @IsObject({ each: true, message: 'Blocks must hold objects such as { "Name": "Welcome", "Type": "Message", "Next": { "Kind": "hangup" } }' })
  @ValidateNested({ each: true })
  @Type(() => IvrBlockDto)
  Blocks!: IvrBlockDto[];
}

export class UpdateIvrDto extends PartialType(IvrDto) {}
