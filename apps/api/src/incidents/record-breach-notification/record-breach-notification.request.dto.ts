import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { NOTIFICATION_METHODS, type NotificationMethod, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';

/** Exactly one of `patronRef` and `group` (the domain says which is wrong). */
export class RecordBreachNotificationRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 64, description: 'The affected patron notified' })
  @IsOptional()
  @IsString()
  @Length(1, PATRON_REF_MAX)
  patronRef?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, description: 'Or: the described group notified (e.g. a notice to every subscriber)' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  group?: string;

  @ApiProperty({ enum: NOTIFICATION_METHODS })
  @IsIn(NOTIFICATION_METHODS)
  method!: NotificationMethod;

  @ApiProperty({ format: 'date-time', description: 'When the notice was sent (not before discovery, not in the future)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  notifiedAt!: string;
}
