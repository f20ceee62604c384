import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsRealDate } from '../../common/dto/iso-date';

export const LOAD_PATTERNS = ['constant', 'ramp', 'bursts'] as const;
export type LoadPattern = (typeof LOAD_PATTERNS)[number];

export class SecondsRangeDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(86400) Min!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(86400) Max!: number;
}

/** Shares of the traffic by call kind; any scale (1,1,0,0 = half queue, half direct). */
export class MixDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) Queue?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) Direct?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) Outbound?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) Callback?: number;
}

export class RetryDto {
  @ApiPropertyOptional({ example: '1s,2s', description: "Waits between attempts for this scenario's deliveries" })
  @IsOptional()
  @Matches(/^\s*\d+(\.\d+)?\s*(ms|s|m|h)?\s*(,\s*\d+(\.\d+)?\s*(ms|s|m|h)?\s*)*$/i, { message: 'Schedule must be a list of durations such as "1s,2s"' })
  Schedule?: string;
  @ApiPropertyOptional({ description: 'Share of events delivered twice (same Id, same body)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  DuplicateRate?: number;
  @ApiPropertyOptional({ description: 'Share of events held back so later events overtake them' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  OutOfOrderRate?: number;
  @ApiPropertyOptional({ description: 'Wall-clock seconds an out-of-order event is held back (default 2)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(3600)
  HoldBackSeconds?: number;
}

export class CreateScenarioDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    example: 42,
    description: 'Same seed and options = the same calls, events (ids included) and treatments',
  })
  @ValidateIf((o: CreateScenarioDto) => typeof o.Seed !== 'number')
  @IsString({ message: 'Seed must be a string or a number' })
  @MinLength(1)
  @MaxLength(200)
  Seed!: string | number;
  @ApiPropertyOptional({ default: 1, description: '1 = real time; 60 = a virtual minute per second' })
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  @Max(1000000)
  TimeScale?: number;
  @ApiPropertyOptional({
    default: false,
    description: 'No pacing: each simulated moment follows the last as soon as the emulator has taken its events (leave TimeScale out)',
  })
  @IsOptional()
  @IsBoolean({ message: 'AsFastAsPossible must be true or false' })
  AsFastAsPossible?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'Virtual start time (ISO 8601); default now' }) @IsOptional() @IsRealDate() StartTime?: string;
  @ApiPropertyOptional({ enum: LOAD_PATTERNS, default: 'constant' })
  @IsOptional()
  @IsIn(LOAD_PATTERNS, { message: `Pattern must be one of: ${LOAD_PATTERNS.join(', ')}` })
  Pattern?: LoadPattern;
  @ApiPropertyOptional({ description: 'Calls per virtual second (constant; the base rate under bursts)' })
  @ValidateIf((o: CreateScenarioDto) => (o.Pattern ?? 'constant') === 'constant' || o.CallsPerSecond !== undefined)
  @IsNumber()
  @Min(0)
  @Max(1000)
  CallsPerSecond?: number;
  @ApiPropertyOptional({ description: 'Ramp: calls per second at the start' })
  @ValidateIf((o: CreateScenarioDto) => o.Pattern === 'ramp' || o.From !== undefined)
  @IsNumber()
  @Min(0)
  @Max(1000)
  From?: number;
  @ApiPropertyOptional({ description: 'Ramp: calls per second at the end' })
  @ValidateIf((o: CreateScenarioDto) => o.Pattern === 'ramp' || o.To !== undefined)
  @IsNumber()
  @Min(0)
  @Max(1000)
  To?: number;
  @ApiPropertyOptional({ description: 'Bursts: virtual seconds between bursts' })
  @ValidateIf((o: CreateScenarioDto) => o.Pattern === 'bursts' || o.BurstEverySeconds !== undefined)
  @IsNumber()
  @Min(0.001)
  @Max(86400)
  BurstEverySeconds?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Bursts: calls in each burst' })
  @ValidateIf((o: CreateScenarioDto) => o.Pattern === 'bursts' || o.BurstCalls !== undefined)
  @IsInt()
  @Min(1)
  @Max(100000)
  BurstCalls?: number;
  @ApiProperty({ description: 'Virtual seconds during which calls are placed' }) @IsNumber() @Min(0.001) @Max(7 * 86400) DurationSeconds!: number;
  @ApiPropertyOptional({ description: 'Queue ids or numbers for queue calls; default all queues' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  Queues?: string[];
  @ApiPropertyOptional({ type: MixDto, description: 'Default: Queue 0.7, Direct 0.15, Outbound 0.1, Callback 0.05' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MixDto)
  Mix?: MixDto;
  @ApiPropertyOptional({ type: SecondsRangeDto, description: 'Ring time before answer; default drawn per call by the simulation' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SecondsRangeDto)
  AnswerSeconds?: SecondsRangeDto;
  @ApiPropertyOptional({ type: SecondsRangeDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => SecondsRangeDto) TalkSeconds?: SecondsRangeDto;
  @ApiPropertyOptional({ type: RetryDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => RetryDto) Retry?: RetryDto;
}
