import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class SendTestDto {
  @ApiPropertyOptional({
    example: 'QueueCallInUserAllocated',
    description: 'Default QueueCallInUserAllocated; App.TestWebhook (the only one) for a Landis webhook',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  EventType?: string;
}
