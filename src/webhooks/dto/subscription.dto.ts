import { ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class SubscriptionDto {
  @ApiPropertyOptional({ example: 'QueueCallInUserConnected', description: 'A catalog event type or a known alias; or AllEventTypes' })
  @ValidateIf((o: SubscriptionDto) => o.EventType !== undefined || o.AllEventTypes !== true)
  @IsString({ message: 'EventType must be an event type name, or set AllEventTypes: true instead' })
  @MinLength(1)
  @MaxLength(100)
  EventType?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'Emulator extension (not on the platform): subscribe to every one of the 34 event types; stored as one subscription per type',
  })
  @IsOptional()
  @Equals(true, { message: 'AllEventTypes must be true when given (use EventType for one type)' })
  AllEventTypes?: boolean;

  @ApiPropertyOptional({ example: 'e0072f3a-cc7c-42ee-b0ac-34cd7238150a', description: 'One entity; or AllEntities' })
  @ValidateIf((o: SubscriptionDto) => o.EntityId !== undefined || o.AllEntities !== true)
  @IsUUID('all', { message: 'EntityId must be a GUID, or set AllEntities: true instead' })
  EntityId?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Equals(true, { message: 'AllEntities must be true when given (use EntityId for one entity)' })
  AllEntities?: boolean;
}
